/**
 * Framing of Responses stream events (https://platform.openai.com/docs/api-reference/responses-streaming):
 * each is `event: <type>` + `data: {type, …, sequence_number}`, numbered from 0 in the order sent.
 */
export class EventSequence {
  private next = 0;

  event(type: string, fields: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: this.next++ })}\n\n`;
  }
}
