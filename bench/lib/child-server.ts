/**
 * A server under test running as a child process (never in the load generator's event loop):
 * spawn it (on its CPUs, see cpu-pinning.ts), wait until GET /health answers 200, keep the tail of
 * its output for diagnostics (or, for a chatty server, send the output to a file nobody has to
 * drain), stop it with SIGTERM (SIGKILL after a grace period, also for any worker it left behind).
 * Everything here is bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { pinnedCommand, type CpuPinning } from './cpu-pinning.js';
import { processTree } from './process-tree.js';

export interface ChildServerOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  port: number;
  readyTimeoutMs: number;
  pinning: CpuPinning;
  /** taskset CPU list the server starts on. */
  cpuList: string;
  /** Send stdout and stderr to this file instead of a pipe. */
  outputFile?: string;
}

export interface ChildServer {
  name: string;
  origin: string;
  pid: number;
  /** The last lines the child wrote to stdout/stderr. */
  outputTail(): string;
  /** Bytes written to `outputFile` so far (0 without one). */
  outputBytes(): number;
  stop(): Promise<void>;
}

const tailLimit = 40;

export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function keepTail(child: ChildProcess, lines: string[]): void {
  const collect = (data: Buffer): void => {
    for (const line of data.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > tailLimit) lines.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
}

function fileTail(path: string): string {
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 8192);
    const buffer = Buffer.alloc(length);
    const descriptor = openSync(path, 'r');
    try {
      readSync(descriptor, buffer, 0, length, size - length);
    } finally {
      closeSync(descriptor);
    }
    return buffer.toString('utf8').split('\n').slice(-tailLimit).join('\n');
  } catch {
    return '';
  }
}

function fileSize(path: string | undefined): number {
  if (path === undefined) return 0;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Whether a process with this pid still exists (signal 0 checks without sending). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Workers a stopped server left behind get 2 s to exit on their own, then SIGKILL. */
async function reapWorkers(pids: number[]): Promise<void> {
  for (let waited = 0; waited < 2000 && pids.some(isAlive); waited += 100) await sleep(100);
  for (const pid of pids.filter(isAlive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

async function isHealthy(origin: string): Promise<boolean> {
  try {
    const response = await request(`${origin}/health`, { headersTimeout: 1000, bodyTimeout: 1000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const origin = `http://127.0.0.1:${options.port}`;
  const { command, args } = pinnedCommand(options.pinning, options.cpuList, process.execPath, options.args);
  const outputFile = options.outputFile;
  const descriptor = outputFile === undefined ? undefined : openSync(outputFile, 'a');
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    stdio: descriptor === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', descriptor, descriptor],
  });
  if (descriptor !== undefined) closeSync(descriptor);
  const lines: string[] = [];
  keepTail(child, lines);
  let exited = false;
  let exitText = '';
  child.once('exit', (code, signal) => {
    exited = true;
    exitText = `\n(${options.name} exited: ${signal === null ? `code ${String(code)}` : `signal ${signal}`})`;
  });
  const outputTail = (): string => `${outputFile === undefined ? lines.join('\n') : fileTail(outputFile)}${exitText}`;
  const stop = async (): Promise<void> => {
    // taskset execs the server, so child.pid is the server itself; workers are its descendants.
    const tree = child.pid === undefined || exited ? [] : processTree(child.pid);
    if (!exited) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
      }
    }
    await reapWorkers(tree.slice(1));
  };

  const deadline = Date.now() + options.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name} exited before it was ready:\n${outputTail()}`);
    if (await isHealthy(origin)) return { name: options.name, origin, pid: child.pid ?? 0, outputTail, outputBytes: () => fileSize(outputFile), stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`${options.name} did not answer GET /health within ${options.readyTimeoutMs} ms:\n${outputTail()}`);
}
