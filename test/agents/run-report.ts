/** What a failed agent test prints: the agent's exit and output, and what the fake upstream received. */
import type { ReceivedRequest } from '../fakes/fake-upstream.js';
import { reasoningIn } from './reasoning-in.js';
import type { AgentOutcome } from './run-agent.js';
import { toolResultsIn } from './tool-results.js';

const tail = (text: string, length: number) => (text.length > length ? `…${text.slice(-length)}` : text);

/** Long prompt texts (skills lists, reminders) shortened to their ends, so the turns stay readable. */
const shortStrings = (_key: string, value: unknown): unknown =>
  typeof value === 'string' && value.length > 240 ? `${value.slice(0, 100)} … ${value.slice(-100)}` : value;

/** The end of the conversation a request carries (its tools and system prompt are tens of KB). */
function lastTurns(request: ReceivedRequest): unknown {
  const turns = request.body.messages ?? request.body.input ?? request.body.contents;
  return Array.isArray(turns) ? turns.slice(-2) : turns;
}

export function runReport(outcome: AgentOutcome, requests: readonly ReceivedRequest[]): string {
  const received = requests.map(
    (request, index) =>
      `  #${index + 1} ${request.method} ${request.path} (${request.protocol})\n` +
      `     tool results: ${JSON.stringify(toolResultsIn(request))}\n` +
      `     reasoning sent back: ${JSON.stringify(reasoningIn(request))}\n` +
      `     last turns: ${tail(JSON.stringify(lastTurns(request), shortStrings), 2000)}`,
  );
  return [
    `exit ${String(outcome.exitCode)} signal ${String(outcome.signal)}${outcome.timedOut ? ' TIMED OUT' : ''} after ${outcome.durationMs} ms`,
    `stdout:\n${tail(outcome.stdout, 4000)}`,
    `stderr:\n${tail(outcome.stderr, 4000)}`,
    `the fake upstream received ${requests.length} request(s):`,
    ...received,
  ].join('\n');
}
