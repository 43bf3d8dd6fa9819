/**
 * Validates a POST /v1/responses body and refuses what needs stored state, whichever deployment
 * would answer: Switchyard keeps no responses, conversations or background jobs, so
 * `previous_response_id`, `conversation` and `background: true` are a 400 naming the parameter
 * (the client sends the whole conversation as `input`, with `store: false`, as Codex does).
 */
import { invalidJson, invalidRequest, unsupportedParameter } from '../../core/errors.js';
import { describeIssue } from './describe-issue.js';
import { responsesBodySchema, type ResponsesBody } from './request-schema.js';
import { isSimpleResponsesRequest } from './simple-responses-request.js';

export function parseResponsesRequest(body: unknown): ResponsesBody {
  if (body === undefined) throw invalidJson('the body is empty');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object.');
  const parsed = isSimpleResponsesRequest(body) ? body : schemaParse(body);
  if (parsed.previous_response_id) {
    throw unsupportedParameter(
      'previous_response_id',
      'Switchyard is stateless: it stores no responses, so previous_response_id cannot be resolved. Send the full conversation as input (with store: false).',
    );
  }
  if (parsed.conversation !== undefined && parsed.conversation !== null) {
    throw unsupportedParameter('conversation', 'Switchyard is stateless: it stores no conversations. Send the full conversation as input (with store: false).');
  }
  if (parsed.background === true) {
    throw unsupportedParameter('background', 'Switchyard is stateless: background responses cannot be stored or polled. Remove background or set it to false.');
  }
  const noInput = parsed.input === undefined || (Array.isArray(parsed.input) && parsed.input.length === 0);
  if (noInput && !parsed.instructions) throw invalidRequest("Missing required parameter: 'input'.", 'input');
  return parsed;
}

function schemaParse(body: unknown): ResponsesBody {
  const result = responsesBodySchema.safeParse(body);
  if (!result.success) throw describeIssue(result.error);
  return result.data;
}
