/**
 * Two IpcPorts over a worker_threads MessageChannel, for in-process tests of the cluster channel.
 * Messages go through JSON, as node:cluster's default IPC serialisation does, so what survives here
 * survives the real pipe. `close()` closes both ends, as a primary that dies would.
 */
import { MessageChannel } from 'node:worker_threads';
import type { IpcPort } from '../ipc-channel.js';

export interface PortPair {
  primary: IpcPort;
  worker: IpcPort;
  close(): void;
}

export function messageChannelPorts(): PortPair {
  const channel = new MessageChannel();
  const wrap = (port: typeof channel.port1): IpcPort => {
    let closed = false;
    port.once('close', () => (closed = true));
    return {
      send(message) {
        if (closed) throw new Error('port closed');
        port.postMessage(JSON.stringify(message));
      },
      onMessage(listener) {
        port.on('message', (text: string) => listener(JSON.parse(text)));
      },
      onClose: (listener) => void port.once('close', listener),
    };
  };
  return { primary: wrap(channel.port1), worker: wrap(channel.port2), close: () => channel.port1.close() };
}
