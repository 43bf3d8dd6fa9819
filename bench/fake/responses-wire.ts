/**
 * OpenAI Responses wire, as api.openai.com sends it, in the fast form the bench needs: one message
 * item with one output_text part, built from precomputed strings (test/fakes/responses-wire.ts is
 * the general, slower renderer the tests use).
 * https://platform.openai.com/docs/api-reference/responses/object
 * https://platform.openai.com/docs/api-reference/responses-streaming (event order)
 */
import { answerPiece, answerText, answerTokens, completionTokens, createdAt, promptTokens } from './answer.js';

function usage(completion: number): string {
  return (
    `{"input_tokens":${promptTokens},"input_tokens_details":{"cached_tokens":0},"output_tokens":${completion},` +
    `"output_tokens_details":{"reasoning_tokens":0},"total_tokens":${promptTokens + completion}}`
  );
}

const settings =
  '"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"store":false,' +
  '"temperature":1,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1,' +
  '"truncation":"disabled"';

function messageItem(id: string, status: string, text: string | undefined): string {
  const content = text === undefined ? '[]' : `[{"type":"output_text","text":${JSON.stringify(text)},"annotations":[],"logprobs":[]}]`;
  return `{"id":"msg_${id}","type":"message","status":"${status}","role":"assistant","content":${content}}`;
}

/** A `Response` object; `output` and `usage` are JSON text. */
function responseObject(id: string, model: string, status: string, output: string, usageJson: string): string {
  return (
    `{"id":"resp_${id}","object":"response","created_at":${createdAt},"status":"${status}","error":null,` +
    `"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":${JSON.stringify(model)},` +
    `"output":${output},${settings},"usage":${usageJson},"metadata":{}}`
  );
}

export function responsesResponse(id: string, model: string): string {
  return responseObject(id, model, 'completed', `[${messageItem(id, 'completed', answerText)}]`, usage(answerTokens));
}

/**
 * response.created, response.in_progress, output_item.added, content_part.added,
 * output_text.delta×N, output_text.done, content_part.done, output_item.done, response.completed;
 * each `event:` named and numbered by `sequence_number` from 0.
 */
export function responsesStreamFrames(id: string, model: string, chunks: number): string[] {
  const frames: string[] = [];
  const event = (type: string, fields: string): void => {
    frames.push(`event: ${type}\ndata: {"type":"${type}",${fields},"sequence_number":${frames.length}}\n\n`);
  };
  const pending = responseObject(id, model, 'in_progress', '[]', 'null');
  const reference = `"item_id":"msg_${id}","output_index":0,"content_index":0`;
  event('response.created', `"response":${pending}`);
  event('response.in_progress', `"response":${pending}`);
  event('response.output_item.added', `"output_index":0,"item":${messageItem(id, 'in_progress', undefined)}`);
  event('response.content_part.added', `${reference},"part":{"type":"output_text","text":"","annotations":[],"logprobs":[]}`);
  let text = '';
  for (let index = 0; index < chunks; index += 1) {
    const piece = answerPiece(index);
    text += piece;
    event('response.output_text.delta', `${reference},"delta":${JSON.stringify(piece)},"logprobs":[]`);
  }
  const textJson = JSON.stringify(text);
  event('response.output_text.done', `${reference},"text":${textJson},"logprobs":[]`);
  event('response.content_part.done', `${reference},"part":{"type":"output_text","text":${textJson},"annotations":[],"logprobs":[]}`);
  const item = messageItem(id, 'completed', text);
  event('response.output_item.done', `"output_index":0,"item":${item}`);
  event('response.completed', `"response":${responseObject(id, model, 'completed', `[${item}]`, usage(completionTokens(chunks)))}`);
  return frames;
}
