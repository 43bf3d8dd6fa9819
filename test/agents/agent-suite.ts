/**
 * One suite for every coding agent: the real CLI, run as a user runs it against the real gateway
 * with a virtual key, each model behind a fake upstream speaking that provider's wire format.
 * Per model:
 * - a plain turn: the fake's answer is the agent's output;
 * - a tool loop: the fake calls the agent's own read-file tool on a file holding a fresh secret; the
 *   agent runs it and sends the result back in the provider's tool-result shape, answering the
 *   fake's call id; the fake's quote of the secret is the output;
 * - the same loop with the model reasoning before its call: the reasoning (and its signature, where
 *   the provider signs it) goes back with the result, as Claude, Gemini and DeepSeek require.
 * Every upstream call is metered on the key under the agent's door, with a cost.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import type { CannedAnswer, CannedToolCall } from '../fakes/canned-answer.js';
import type { ReceivedRequest } from '../fakes/fake-upstream.js';
import { FAKE_THOUGHT_SIGNATURE, geminiWire } from '../fakes/gemini-wire.js';
import { responsesWire } from '../fakes/responses-wire.js';
import { admin, eventually, startGateway, type TestGateway } from '../helpers/gateway.js';
import { SINGLE_ATTEMPT_ROUTING, writeTempConfig, type TempConfig } from '../helpers/temp-config.js';
import { AGENT_MODELS, type AgentModel, type AgentUnderTest } from './agent-under-test.js';
import { reasoningIn } from './reasoning-in.js';
import { runAgent } from './run-agent.js';
import { runReport } from './run-report.js';
import { toolResultsIn } from './tool-results.js';

/** Well under the runner's 120 s per test; a healthy run takes about a second. */
const AGENT_TIMEOUT_MS = 90_000;
const USAGE: CannedAnswer['usage'] = { prompt: 1200, completion: 40 };
const REASONING = 'The user wants the notes; I will read notes.txt.';

export interface SuiteOptions {
  /** Known gateway bugs: the reasoning test of these models runs as a TODO, with this explanation. */
  reasoningTodo?: Partial<Record<AgentModel, string>>;
}

/** The id the fake gives its tool call, in the provider's style (Gemini's API usually sends none). */
function callId(protocol: ReceivedRequest['protocol']): string | undefined {
  if (protocol === 'gemini') return undefined;
  return protocol === 'anthropic' ? 'toolu_01AgentSuiteReadFile' : 'call_agent_suite_read_file';
}

/** The fake's anthropic wire signs thinking with base64("canned-thinking-signature:…"). */
const isCannedAnthropicSignature = (signature: string | undefined) =>
  signature !== undefined && Buffer.from(signature, 'base64').toString('utf8').startsWith('canned-thinking-signature:');

export function describeAgentSuite(agent: AgentUnderTest, options: SuiteOptions = {}): void {
  describe(`${agent.name} through the ${agent.door} door`, () => {
    let gateway: TestGateway;
    let config: TempConfig;
    let scratch: string;

    before(async () => {
      config = writeTempConfig(SINGLE_ATTEMPT_ROUTING);
      gateway = await startGateway({ writers: { anthropic: anthropicWire, gemini: geminiWire, responses: responsesWire }, configPath: config.path, storeUsage: true });
      scratch = mkdtempSync(join(tmpdir(), 'sy-agents-'));
    });
    after(async () => {
      await gateway.close();
      config.remove();
      rmSync(scratch, { recursive: true, force: true });
    });
    beforeEach(() => gateway.upstream.reset());

    /** Runs the agent once in the project directory (a new empty one by default), with a new virtual key and an empty HOME. */
    async function run(model: AgentModel, prompt: string, cwd = mkdtempSync(join(scratch, 'project-'))) {
      const created = await admin(gateway, 'POST', '/admin/keys', { name: `${agent.name} ${model}` });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const key = { id: String(created.body.id), key: String(created.body.key) };
      const home = mkdtempSync(join(scratch, 'home-'));
      const outcome = await runAgent(agent.invocation({ gatewayUrl: gateway.url, key: key.key, model, prompt, home, cwd }), AGENT_TIMEOUT_MS);
      const requests = gateway.upstream.requests;
      return { key, outcome, requests, explain: () => runReport(outcome, requests) };
    }

    /**
     * A tool loop over notes.txt holding a fresh secret: the fake calls the agent's read-file tool
     * (after some reasoning, if given), then, seeing a tool result, answers quoting what it found.
     */
    async function toolLoop(model: AgentModel, reasoning?: string) {
      const secret = `secret-${randomBytes(8).toString('hex')}`;
      const cwd = mkdtempSync(join(scratch, 'project-'));
      const path = join(cwd, 'notes.txt');
      writeFileSync(path, `Project notes\nThe secret line: ${secret}\nEnd of notes\n`);
      const readFile = agent.readFileCall(path);
      gateway.upstream.decide = (request) => {
        const results = toolResultsIn(request);
        if (results.length === 0) {
          const id = callId(request.protocol);
          const call: CannedToolCall = id === undefined ? readFile : { ...readFile, id };
          const answer: CannedAnswer = { toolCalls: [call], finish: 'tool_calls', usage: USAGE };
          return { kind: 'answer', answer: reasoning === undefined ? answer : { ...answer, reasoning } };
        }
        const quoted = results.some((result) => result.text.includes(secret));
        const text = quoted ? `The notes say: ${secret}.` : 'The tool result did not carry the secret line.';
        return { kind: 'answer', answer: { text, finish: 'stop', usage: USAGE } };
      };
      const ran = await run(model, 'Show me what notes.txt in this directory says.', cwd);
      const [first, second, ...more] = ran.requests;
      assert.equal(ran.outcome.exitCode, 0, ran.explain());
      assert.ok(first !== undefined && second !== undefined && more.length === 0, `one call for the tool, one for the answer\n${ran.explain()}`);
      return { ...ran, secret, readFile, first, second };
    }

    /** Each upstream call appears in the request log: this key, this door, this model, priced. */
    async function expectMetered(keyId: string, model: AgentModel, calls: number, explain: () => string) {
      const records = await eventually(async () => {
        const page = await admin(gateway, 'GET', `/admin/requests?key_id=${keyId}&limit=20`);
        const data = page.body.data ?? [];
        assert.equal(data.length, calls, `usage records for the key: ${JSON.stringify(data)}\n${explain()}`);
        return data;
      });
      for (const record of records) {
        assert.equal(record.key_id, keyId);
        assert.equal(record.door, agent.door, JSON.stringify(record));
        assert.equal(record.model, model, JSON.stringify(record));
        assert.equal(record.status, 200, JSON.stringify(record));
        assert.ok(Number(record.cost_usd) > 0, `priced: ${JSON.stringify(record)}`);
      }
    }

    for (const model of AGENT_MODELS) {
      const protocol = agent.upstream[model];
      describe(`${model} (upstream: ${protocol})`, () => {
        test('a plain turn: the agent prints the model’s answer; the call is metered on the key', async () => {
          const text = `Plain answer ${randomBytes(4).toString('hex')} from ${model}.`;
          gateway.upstream.decide = () => ({ kind: 'answer', answer: { text, finish: 'stop', usage: USAGE } });
          const { key, outcome, requests, explain } = await run(model, 'Say hello in one short sentence.');
          assert.equal(outcome.exitCode, 0, explain());
          assert.ok(outcome.stdout.includes(text), `the answer is the output\n${explain()}`);
          assert.deepEqual(requests.map((request) => request.protocol), [protocol], explain());
          await expectMetered(key.id, model, requests.length, explain);
        });

        test('a tool loop: the agent runs the model’s call and sends the file back in the provider’s shape', async () => {
          const { key, outcome, requests, explain, secret, readFile, first, second } = await toolLoop(model);
          assert.deepEqual([first.protocol, second.protocol], [protocol, protocol], explain());
          assert.deepEqual(toolResultsIn(first), [], explain());
          const results = toolResultsIn(second);
          assert.equal(results.length, 1, explain());
          assert.equal(results[0]?.answers, callId(protocol) ?? readFile.name, `the result answers the fake’s call\n${explain()}`);
          assert.ok(results[0]?.text.includes(secret), `the file’s secret line went up as the tool result\n${explain()}`);
          assert.ok(outcome.stdout.includes(`The notes say: ${secret}.`), `the final answer is the output\n${explain()}`);
          await expectMetered(key.id, model, requests.length, explain);
        });

        const noReasoning = protocol === 'openai-compatible' && model === 'gpt-5' ? 'OpenAI’s Chat Completions API returns no reasoning to send back' : undefined;
        const todo = options.reasoningTodo?.[model];
        test(
          'reasoning before the call goes back with the result, signed where the provider signs it',
          { ...(noReasoning === undefined ? {} : { skip: noReasoning }), ...(todo === undefined ? {} : { todo }) },
          async () => {
            const { second, explain } = await toolLoop(model, REASONING);
            const returned = reasoningIn(second);
            const expectation: Record<ReceivedRequest['protocol'], (entry: (typeof returned)[number]) => boolean> = {
              anthropic: (entry) => entry.text === REASONING && isCannedAnthropicSignature(entry.signature),
              gemini: (entry) => entry.signature === FAKE_THOUGHT_SIGNATURE,
              'openai-compatible': (entry) => entry.text === REASONING,
              responses: (entry) => entry.text === REASONING,
            };
            assert.ok(returned.some(expectation[protocol]), `the ${protocol} request carries the reasoning back\n${explain()}`);
          },
        );
      });
    }
  });
}
