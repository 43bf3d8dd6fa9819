/**
 * Runs one agent CLI to completion with a hard deadline: stdin closed (Codex otherwise waits for
 * more prompt), output captured, and on timeout the whole process group killed — the agents start
 * shells and helpers that would otherwise keep the pipes open.
 */
import { spawn } from 'node:child_process';

export interface Invocation {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface AgentOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
}

export function runAgent(invocation: Invocation, timeoutMs: number): Promise<AgentOutcome> {
  const started = Date.now();
  const child = spawn(invocation.command, invocation.args, {
    cwd: invocation.cwd,
    env: invocation.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a timeout ends its children too
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, durationMs: Date.now() - started, stdout, stderr });
    });
  });
}
