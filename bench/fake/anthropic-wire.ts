/**
 * Anthropic Messages wire, as api.anthropic.com sends it.
 * https://docs.anthropic.com/en/api/messages
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming (event order)
 */
import { answerPiece, answerText, answerTokens, completionTokens, promptTokens } from './answer.js';

export function anthropicMessage(id: string, model: string): string {
  return JSON.stringify({
    id: `msg_${id}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: answerText }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: promptTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: answerTokens,
      service_tier: 'standard',
    },
  });
}

function frame(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}

/** message_start, content_block_start, content_block_delta×N, content_block_stop, message_delta, message_stop. */
export function anthropicStreamFrames(id: string, model: string, chunks: number): string[] {
  const start = {
    type: 'message_start',
    message: {
      id: `msg_${id}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: promptTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
    },
  };
  const frames = [
    frame('message_start', JSON.stringify(start)),
    frame('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'),
  ];
  for (let index = 0; index < chunks; index += 1) {
    const text = JSON.stringify(answerPiece(index));
    frames.push(
      frame('content_block_delta', `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${text}}}`),
    );
  }
  frames.push(frame('content_block_stop', '{"type":"content_block_stop","index":0}'));
  frames.push(
    frame(
      'message_delta',
      `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":${completionTokens(chunks)}}}`,
    ),
  );
  frames.push(frame('message_stop', '{"type":"message_stop"}'));
  return frames;
}
