/**
 * Real gateway processes: `node bin/switchyard.js serve --port 0` (the built package, as an operator
 * runs it), and one-shot CLI commands. Every child is tracked so a failing test still kills them all.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/switchyard.js');

/**
 * The binary runs the compiled output in dist/. `npm test` builds first; a bare
 * `node scripts/run-tests.mjs scale-out` on a fresh checkout builds here. An existing dist is used
 * as it is: rebuilding while other test files run the binary could hand them half-written files.
 */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist/cli/main.js'))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0 || !existsSync(join(ROOT, 'dist/cli/main.js'))) {
    throw new Error(`npm run build failed (status ${String(build.status)}):\n${build.stdout}\n${build.stderr}`);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface GatewayProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  errors(): string;
  /** SIGTERM (the gateway closes and flushes usage), then the exit code; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | null>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's value, or 'timeout' after `ms`; the timer never outlives the race. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Owns every child it starts; `killAll` (in `after`) and process exit end the ones still running. */
export class ProcessGroup {
  private readonly children = new Set<ChildProcess>();
  private readonly directories: string[] = [];
  private readonly killOnExit = () => {
    for (const child of this.children) child.kill('SIGKILL');
  };

  constructor(private readonly baseEnv: Record<string, string>) {
    process.once('exit', this.killOnExit);
  }

  /** Starts `serve --port 0` and resolves with the URL it prints; fails if it exits or stays silent. */
  async serve(name: string, env: Record<string, string> = {}, timeoutMs = 15_000): Promise<GatewayProcess> {
    const { child, stdout, stderr, exited } = this.spawn(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    const deadline = Date.now() + timeoutMs;
    let url: string | undefined;
    while (url === undefined) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout())?.[1];
      if (url !== undefined) break;
      if (exitCode !== undefined) throw new Error(`gateway ${name} exited (${String(exitCode)}) before listening:\n${stdout()}\n${stderr()}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`gateway ${name} printed no listening address within ${timeoutMs} ms:\n${stdout()}\n${stderr()}`);
      }
      await sleep(25);
    }
    const listening = url;
    return {
      name,
      url: listening,
      child,
      output: stdout,
      errors: stderr,
      stop: async (stopTimeoutMs = 15_000) => {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        child.kill('SIGTERM');
        const code = await within(exited, stopTimeoutMs);
        if (code === 'timeout') {
          child.kill('SIGKILL');
          throw new Error(`gateway ${name} did not exit within ${stopTimeoutMs} ms of SIGTERM:\n${stderr()}`);
        }
        return code;
      },
    };
  }

  /** Runs one CLI command to completion (bounded). */
  async cli(args: string[], env: Record<string, string> = {}, timeoutMs = 15_000): Promise<CliResult> {
    const { child, stdout, stderr, exited } = this.spawn(args, env);
    const code = await within(exited, timeoutMs);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      throw new Error(`switchyard ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${stdout()}\n${stderr()}`);
    }
    return { code, stdout: stdout(), stderr: stderr() };
  }

  /** Kills what still runs and removes the working directories. */
  killAll(): void {
    this.killOnExit();
    process.off('exit', this.killOnExit);
    for (const directory of this.directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  }

  private spawn(args: string[], env: Record<string, string>) {
    const cwd = mkdtempSync(join(tmpdir(), 'sy-scale-out-'));
    this.directories.push(cwd);
    const child = spawn(process.execPath, [BIN, ...args], {
      // A clean environment: only what the test passes reaches the gateway's config loader.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...this.baseEnv, ...env },
      // A throwaway working directory, so nothing (./data) lands in the repository.
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => {
      // 'close' comes after the output streams end, so stdout is complete.
      child.once('close', (code) => {
        this.children.delete(child);
        resolve(code);
      });
    });
    return { child, stdout: () => out, stderr: () => err, exited };
  }
}
