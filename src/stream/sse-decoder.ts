/**
 * Incremental Server-Sent Events decoder (WHATWG HTML §9.2.6): LF, CRLF or CR line ends, comment
 * lines (`: OPENROUTER PROCESSING`) skipped, multi-line `data` joined with "\n", `event` names kept.
 */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

export class SseDecoder {
  private buffer = '';
  private data: string[] = [];
  private event: string | undefined;
  private readonly text = new TextDecoder('utf-8');
  private pendingCr = false;

  /** Feeds bytes; returns the events completed by them. */
  push(chunk: Uint8Array): SseEvent[] {
    return this.feed(this.text.decode(chunk, { stream: true }));
  }

  /** The stream ended: a final event not followed by a blank line is still delivered. */
  end(): SseEvent[] {
    const events = this.feed(this.text.decode() + '\n\n');
    return events;
  }

  private feed(input: string): SseEvent[] {
    const events: SseEvent[] = [];
    let text = this.buffer + input;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    let start = 0;
    // Line ends found with indexOf (native), not a character loop: this runs on every chunk of every stream.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      const index = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      this.line(text.slice(start, index), events);
      let next = index + 1;
      if (index === cr) {
        if (next < text.length) {
          if (text.charCodeAt(next) === 10) next++;
        } else {
          this.pendingCr = true;
        }
      }
      start = next;
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    }
    this.buffer = text.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({ event: this.event, data: this.data.join('\n') });
      this.data = [];
      this.event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
  }
}
