/**
 * Records a CPU profile of another Node process through its inspector (`--inspect=host:port`),
 * started and stopped exactly around the measured runs, so start-up and warm-up stay out of it.
 * Speaks just enough of the Chrome DevTools Protocol: Profiler.enable / start / stop.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { request, WebSocket } from 'undici';
import { isObject, numberField, objectField, stringField } from '../fake/json-fields.js';

export interface RemoteProfiler {
  start(): Promise<void>;
  /** Stops and returns the profile as JSON text (a .cpuprofile). */
  stop(): Promise<string>;
  close(): void;
}

async function debuggerUrl(inspectPort: number): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      const response = await request(`http://127.0.0.1:${inspectPort}/json/list`);
      const targets: unknown = await response.body.json();
      const first: unknown = Array.isArray(targets) ? targets[0] : undefined;
      const url = stringField(first, 'webSocketDebuggerUrl');
      if (url !== undefined) return url;
    } catch {
      // the inspector is not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no inspector on 127.0.0.1:${inspectPort}`);
}

export async function connectProfiler(inspectPort: number, samplingIntervalUs: number): Promise<RemoteProfiler> {
  const socket = new WebSocket(await debuggerUrl(inspectPort));
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  socket.addEventListener('message', (event) => {
    const message: unknown = typeof event.data === 'string' ? JSON.parse(event.data) : undefined;
    const id = numberField(message, 'id');
    const waiter = id === undefined ? undefined : pending.get(id);
    if (id === undefined || waiter === undefined) return;
    pending.delete(id);
    const error = objectField(message, 'error');
    if (error !== undefined) waiter.reject(new Error(stringField(error, 'message') ?? 'inspector error'));
    else waiter.resolve(isObject(message) ? message.result : undefined);
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('inspector connection failed')));
  });
  const send = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  return {
    start: async () => {
      await send('Profiler.start');
    },
    stop: async () => {
      const result = await send('Profiler.stop');
      const profile = objectField(result, 'profile');
      if (profile === undefined) throw new Error('Profiler.stop returned no profile');
      return JSON.stringify(profile);
    },
    close: () => socket.close(),
  };
}
