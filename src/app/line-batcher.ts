/**
 * Log lines gathered into one string and handed to the destination (pino's SonicBoom, which does the
 * write system call and its retries) a batch at a time. SonicBoom batches by itself with
 * `minLength`, but measures the UTF-8 length of everything it holds on every write — a scan of up
 * to a whole batch per log line, a few percent of a proxied call's CPU. Here a line costs a string
 * append and a length check; the batch is measured once, when it goes.
 */
export interface LineDestination {
  write(text: string): unknown;
  flush(callback: (error?: Error) => void): void;
  flushSync(): void;
}

/** Batchers still holding lines when the process exits write them then (one listener for all). */
const live = new Set<LineBatcher>();
let exitHooked = false;

export class LineBatcher {
  private pending = '';

  constructor(
    private readonly destination: LineDestination,
    private readonly batchChars: number,
  ) {
    live.add(this);
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', () => {
        for (const batcher of live) batcher.flushSync();
      });
    }
  }

  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length >= this.batchChars) this.hand();
    return true;
  }

  /** Hands over what is held and lets the destination finish writing it (pino's logger.flush calls this). */
  flush(callback: (error?: Error) => void = () => undefined): void {
    this.hand();
    this.destination.flush(callback);
  }

  flushSync(): void {
    this.hand();
    this.destination.flushSync();
  }

  /** Stops following the exit (the logger is closed); what is held is written first. */
  close(): void {
    this.flushSync();
    live.delete(this);
  }

  private hand(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.destination.write(text);
  }
}
