/**
 * POST /v1/messages: the Anthropic Messages door (Claude Code, the official Anthropic SDKs), with
 * POST /v1/messages/count_tokens beside it. `?beta=true` (the SDK's beta paths) reaches the same
 * routes and is forwarded to Claude deployments.
 */
import type { FastifyInstance } from 'fastify';
import type { ChatService } from '../../chat/chat-service.js';
import { messagesDoor } from '../../doors/messages/messages-door.js';
import { registerDoorRoute } from './door-route.js';
import { registerMessagesCountTokens } from './messages-count-tokens.js';

export function registerMessages(app: FastifyInstance, chat: ChatService): void {
  registerDoorRoute(app, '/v1/messages', messagesDoor, chat);
  registerMessagesCountTokens(app, chat);
}
