/**
 * A server-sent events parser for fetch() streams (EventSource cannot send an Authorization
 * header or a POST body). Feed it decoded text as it arrives; it returns each complete event's
 * data. Handles \n, \r\n and \r line ends — even one split across two chunks — comment lines,
 * `data:` with or without its space, and multi-line data. Pure (unit-tested).
 */
export class SseParser {
  #pending = '';
  #data: string[] = [];
  #hasData = false;

  /** The data of every event completed by this text, in order. */
  push(text: string): string[] {
    const events: string[] = [];
    let buffer = this.#pending + text;
    // A trailing \r may be the first half of \r\n: wait for the next chunk before ending the line.
    const holdBack = buffer.endsWith('\r') ? 1 : 0;
    this.#pending = '';
    let start = 0;
    const end = buffer.length - holdBack;
    for (let index = 0; index < end; index += 1) {
      const character = buffer[index];
      if (character !== '\n' && character !== '\r') continue;
      this.#line(buffer.slice(start, index), events);
      if (character === '\r' && buffer[index + 1] === '\n') index += 1;
      start = index + 1;
    }
    buffer = buffer.slice(start);
    this.#pending = buffer;
    return events;
  }

  #line(line: string, events: string[]): void {
    if (line === '') {
      if (this.#hasData) events.push(this.#data.join('\n'));
      this.#data = [];
      this.#hasData = false;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.#data.push(value);
    this.#hasData = true;
  }
}
