/**
 * A tool message's content → `functionResponse.response`, which must be a JSON object
 * (https://ai.google.dev/api/caching#FunctionResponse). A JSON object result is passed as is; anything
 * else (plain text, arrays, numbers) is wrapped as `{content: <text>}` as vercel/ai does.
 */
import type { TextPart } from '../../core/chat-request.js';

export function convertToolResult(content: string | TextPart[] | null): Record<string, unknown> {
  const text = content === null ? '' : typeof content === 'string' ? content : content.map((part) => part.text).join('');
  const parsed = parseObject(text);
  return parsed ?? { content: text };
}

function parseObject(text: string): Record<string, unknown> | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : null;
  } catch {
    return null;
  }
}
