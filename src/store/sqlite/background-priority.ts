/**
 * Lowers the calling thread's CPU priority to nice 10, for the usage worker thread. Where the
 * gateway has one core (a container with one CPU, or `taskset` as the bench runs it), the worker's
 * batch of inserts — about 12 µs a row, a few hundred rows every 200 ms at a couple of thousand
 * requests a second — took the core for its whole time slice while the event loop had calls to
 * answer: measured at one connection, a 4–5 ms stall every 200 ms, which is the p99. At nice 10 the
 * scheduler lets the event loop in as soon as it has work, and the worker still gets about a tenth
 * of a busy core, three times what the inserts need at full load (nice 19 would leave it ~1.5 %,
 * and records would pile up). Lowering a priority needs no privilege; raising it back would, so it
 * is set once. Linux only (a thread's id comes from /proc/thread-self; elsewhere nothing changes).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

export const BACKGROUND_NICE = 10;

/** The thread id, or null where /proc/thread-self does not exist. */
export function currentThreadId(): number | null {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/** True when the priority was lowered; false where threads cannot be named or the call is refused. */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  const thread = currentThreadId();
  if (thread === null) return false;
  try {
    setPriority(thread, nice);
    return true;
  } catch {
    return false;
  }
}
