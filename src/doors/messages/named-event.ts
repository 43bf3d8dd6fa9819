/**
 * The one place the Messages door frames SSE: Anthropic streams name every event
 * (`event: <type>\ndata: <json>\n\n`, https://docs.claude.com/en/docs/build-with-claude/streaming),
 * and the SDK skips data that comes without an event name.
 */
export function namedEvent(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}
