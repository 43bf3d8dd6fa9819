/**
 * Writes SSE frames to a response: all at once (corked into one socket write, each frame still its
 * own HTTP chunk) when the interval is 0, otherwise the first frame at once and one frame per interval.
 */
import type { ServerResponse } from 'node:http';

export function writeFrames(response: ServerResponse, frames: string[], intervalMs: number): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
  });
  if (intervalMs <= 0) {
    response.cork();
    for (const frame of frames) response.write(frame);
    response.end();
    return;
  }
  let next = 0;
  const writeNext = (): void => {
    const frame = frames[next];
    next += 1;
    if (frame === undefined || response.destroyed) {
      clearInterval(timer);
      if (!response.writableEnded) response.end();
      return;
    }
    response.write(frame);
  };
  const timer = setInterval(writeNext, intervalMs);
  response.on('close', () => clearInterval(timer));
  writeNext();
}
