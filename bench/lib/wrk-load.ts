/**
 * Drives one target with wrk (https://github.com/wg/wrk): one thread, N keep-alive connections, a
 * Lua script per cell that sets the POST body and headers, and a Lua `done()` that prints the
 * figures as one JSON line: requests, failures (status >= 400, socket errors, timeouts) and
 * latency percentiles in µs from wrk's own histogram. wrk is C, so it costs far less CPU per
 * request than autocannon and the direct row is no longer capped by the load generator.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberField, objectField } from '../fake/json-fields.js';
import type { BenchRequest } from './http-request.js';
import type { LoadMeasurement } from './load-measurement.js';
import { parseJson } from './parse-json.js';

const marker = 'BENCH_WRK_JSON ';

/** A Lua long string `[=[…]=]` whose level does not occur in `text`. */
function luaString(text: string): string {
  let level = '=';
  while (text.includes(`]${level}]`)) level += '=';
  // A long string drops a newline right after its opening bracket; start with one so none is lost.
  return `[${level}[\n${text}]${level}]`;
}

export function wrkScript(request: BenchRequest): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  return [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(request.body)}`,
    ...headers,
    'function done(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(',
    `    "\\n${marker}{\\"requests\\":%d,\\"durationUs\\":%d,\\"status\\":%d,\\"connect\\":%d,\\"read\\":%d,\\"write\\":%d,\\"timeout\\":%d," ..`,
    '    "\\"latencyUs\\":{\\"p50\\":%d,\\"p90\\":%d,\\"p99\\":%d,\\"p999\\":%d,\\"max\\":%d}}\\n",',
    '    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))',
    'end',
    '',
  ].join('\n');
}

export interface WrkOptions {
  /** The command line prefix that pins wrk (`taskset -c 1`), or [] for none. */
  prefix: string[];
  /** Where the per-cell Lua scripts are written. */
  scriptDirectory: string;
}

let scripts = 0;

interface Outcome {
  stdout: string;
  /** Why wrk failed (exit status, stderr), if it did. */
  problem: string | undefined;
}

function execute(command: string, args: string[], timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const problem = error === null ? undefined : `${error.message.split('\n')[0] ?? ''} ${stderr}`.replace(/\s+/g, ' ').trim();
      resolve({ stdout, problem });
    });
  });
}

/** A run that measured nothing (e.g. the target stopped answering): every figure a failure. */
function failedRun(seconds: number, failure: string): LoadMeasurement {
  return { durationSeconds: seconds, ok: 0, non2xx: 0, errors: 1, okPerSecond: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, errorRate: 1, statusCodes: {}, failure };
}

function parseOutput(outcome: Outcome, fallbackSeconds: number): LoadMeasurement {
  const line = outcome.stdout.split('\n').find((candidate) => candidate.startsWith(marker));
  const figures = line === undefined ? undefined : parseJson(line.slice(marker.length));
  const requests = numberField(figures, 'requests');
  if (requests === undefined) return failedRun(fallbackSeconds, outcome.problem ?? `wrk printed no ${marker.trim()} line: ${outcome.stdout.slice(-300)}`);
  const count = (key: string): number => numberField(figures, key) ?? 0;
  const latency = objectField(figures, 'latencyUs');
  const seconds = count('durationUs') > 0 ? count('durationUs') / 1e6 : fallbackSeconds;
  const non2xx = count('status');
  const errors = count('connect') + count('read') + count('write') + count('timeout');
  const ok = Math.max(0, requests - non2xx);
  const answered = ok > 0;
  return {
    durationSeconds: seconds,
    ok,
    non2xx,
    errors,
    okPerSecond: ok / seconds,
    // wrk's histogram holds every answer; with no failures (the only case judged) that is every success.
    p50Ms: answered ? (numberField(latency, 'p50') ?? Number.NaN) / 1000 : Number.NaN,
    p99Ms: answered ? (numberField(latency, 'p99') ?? Number.NaN) / 1000 : Number.NaN,
    errorRate: requests + errors === 0 ? 1 : (non2xx + errors) / (requests + errors),
    statusCodes: {},
  };
}

export async function runWrk(request: BenchRequest, connections: number, durationSeconds: number, options: WrkOptions): Promise<LoadMeasurement> {
  scripts += 1;
  const scriptPath = join(options.scriptDirectory, `cell-${scripts}.lua`);
  writeFileSync(scriptPath, wrkScript(request));
  const seconds = Math.max(1, Math.round(durationSeconds));
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptPath, request.url];
  const [command = 'wrk', ...rest] = [...options.prefix, 'wrk', ...args];
  return parseOutput(await execute(command, rest, (seconds + 30) * 1000), seconds);
}
