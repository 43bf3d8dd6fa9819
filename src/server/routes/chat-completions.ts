/** POST /v1/chat/completions: the OpenAI Chat Completions door. */
import type { FastifyInstance } from 'fastify';
import type { ChatService } from '../../chat/chat-service.js';
import { chatDoor } from '../../doors/chat/chat-door.js';
import { registerDoorRoute } from './door-route.js';

export function registerChatCompletions(app: FastifyInstance, chat: ChatService): void {
  registerDoorRoute(app, '/v1/chat/completions', chatDoor, chat);
}
