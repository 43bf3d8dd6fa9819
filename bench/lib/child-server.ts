/**
 * A server under test running as a child process (never in the load generator's event loop):
 * spawn it, wait until GET /health answers 200, keep the tail of its output for diagnostics,
 * stop it with SIGTERM (SIGKILL after a grace period). Everything here is bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

export interface ChildServerOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  port: number;
  readyTimeoutMs: number;
}

export interface ChildServer {
  name: string;
  origin: string;
  pid: number;
  /** The last lines the child wrote to stdout/stderr. */
  outputTail(): string;
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
  const child = spawn(process.execPath, options.args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  keepTail(child, lines);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const outputTail = (): string => lines.join('\n');
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 2000);
    }
  };

  const deadline = Date.now() + options.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name} exited before it was ready:\n${outputTail()}`);
    if (await isHealthy(origin)) return { name: options.name, origin, pid: child.pid ?? 0, outputTail, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`${options.name} did not answer GET /health within ${options.readyTimeoutMs} ms:\n${outputTail()}`);
}
