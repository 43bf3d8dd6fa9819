/** The two ends of node:cluster's IPC pipe as IpcPorts: the worker's `process`, the primary's `Worker`. */
import type { Worker } from 'node:cluster';
import type { IpcPort } from './ipc-channel.js';

/** A worker's end. `process.send` throws ERR_IPC_CHANNEL_CLOSED once the primary is gone. */
export function processPort(target: NodeJS.Process = process): IpcPort {
  return {
    send(message, onFailure) {
      if (target.send === undefined || target.connected !== true) throw new Error('no IPC channel to the cluster primary');
      // With a callback, a write that fails later (EPIPE: the primary just died) is reported here
      // instead of as an 'error' event that would crash the worker.
      target.send(message, undefined, {}, (error: Error | null) => {
        if (error) onFailure(error);
      });
    },
    onMessage: (listener) => void target.on('message', listener),
    onClose: (listener) => void target.once('disconnect', listener),
  };
}

/** The primary's end for one worker. */
export function workerPort(worker: Worker): IpcPort {
  return {
    send(message, onFailure) {
      if (!worker.isConnected()) throw new Error(`worker ${worker.id} is not connected`);
      worker.send(message, undefined, {}, (error: Error | null) => {
        if (error) onFailure(error);
      });
    },
    onMessage: (listener) => void worker.on('message', listener),
    onClose: (listener) => {
      worker.once('disconnect', listener);
      worker.once('exit', listener);
    },
  };
}
