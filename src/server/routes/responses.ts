/**
 * The OpenAI Responses door: POST /v1/responses (src/doors/responses), and the stored-response
 * routes answered honestly — Switchyard is stateless, so retrieving, deleting, cancelling or
 * listing the input items of a response is always a 404 in the OpenAI envelope.
 */
import type { FastifyInstance } from 'fastify';
import type { ChatService } from '../../chat/chat-service.js';
import { GatewayError } from '../../core/errors.js';
import { responsesDoor } from '../../doors/responses/responses-door.js';
import { CLIENT } from '../route-access.js';
import { registerDoorRoute } from './door-route.js';

const notStored = (): GatewayError =>
  new GatewayError(404, 'Responses are not stored: Switchyard is stateless, so a response cannot be retrieved, cancelled or deleted by id. Send the full conversation as input with store: false.', {
    type: 'invalid_request_error',
    code: 'not_found',
    param: 'response_id',
  });

export function registerResponses(app: FastifyInstance, chat: ChatService): void {
  registerDoorRoute(app, '/v1/responses', responsesDoor, chat);
  const refuse = async () => {
    throw notStored();
  };
  app.get('/v1/responses/:id', CLIENT, refuse);
  app.delete('/v1/responses/:id', CLIENT, refuse);
  app.get('/v1/responses/:id/input_items', CLIENT, refuse);
  app.post('/v1/responses/:id/cancel', CLIENT, refuse);
}
