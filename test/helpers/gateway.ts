/**
 * Starts the real gateway (the composition root, listening on a free port) in front of a fake
 * upstream, with every provider pointed at the fake, and an official `openai` SDK client for it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createApp, type App } from '../../src/app/create-app.js';
import { loadConfig, type Environment } from '../../src/config/load-config.js';
import { MemoryUsageRecorder } from '../../src/usage/memory-recorder.js';
import type { WireWriter } from '../fakes/canned-answer.js';
import { FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';

export const MASTER_KEY = 'sy-test-master-key-0123456789';

export interface TestGateway {
  app: App;
  url: string;
  upstream: FakeUpstream;
  /** The in-memory recorder, unless the gateway writes usage to its store (`storeUsage`). */
  recorder: MemoryUsageRecorder;
  client: OpenAI;
  close(): Promise<void>;
}

export interface GatewayOptions {
  writers?: Partial<Record<'anthropic' | 'gemini' | 'responses', WireWriter>>;
  env?: Environment;
  configPath?: string;
  /** Write usage to the real store through the batched recorder instead of memory. */
  storeUsage?: boolean;
  /** Reuse this fake upstream instead of starting one (restarts). */
  upstream?: FakeUpstream;
  /** A YAML config file's text (written to a temporary file); `${UPSTREAM}` is the fake's URL. */
  yaml?: string;
}

export function providerEnv(upstreamUrl: string): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-upstream-openai-secret',
    OPENAI_BASE_URL: `${upstreamUrl}/v1`,
    DEEPSEEK_API_KEY: 'sk-upstream-deepseek',
    DEEPSEEK_BASE_URL: upstreamUrl,
    ARK_API_KEY: 'ark-upstream',
    ARK_BASE_URL: `${upstreamUrl}/api/v3`,
    MISTRAL_API_KEY: 'mistral-upstream',
    MISTRAL_BASE_URL: `${upstreamUrl}/mistral/v1`,
    GROQ_API_KEY: 'gsk-upstream',
    GROQ_BASE_URL: `${upstreamUrl}/groq/openai/v1`,
    XAI_API_KEY: 'xai-upstream',
    XAI_BASE_URL: `${upstreamUrl}/xai/v1`,
    ZHIPU_API_KEY: 'zhipu-upstream',
    ZHIPU_BASE_URL: `${upstreamUrl}/zhipu/api/paas/v4`,
    DASHSCOPE_API_KEY: 'dashscope-upstream',
    DASHSCOPE_BASE_URL: `${upstreamUrl}/dashscope/compatible-mode/v1`,
    OPENROUTER_API_KEY: 'or-upstream',
    OPENROUTER_BASE_URL: `${upstreamUrl}/openrouter/api/v1`,
    ANTHROPIC_API_KEY: 'sk-ant-upstream',
    ANTHROPIC_BASE_URL: upstreamUrl,
    GEMINI_API_KEY: 'gemini-upstream',
    GEMINI_BASE_URL: upstreamUrl,
  };
}

export async function startGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  const upstream = options.upstream ?? (await FakeUpstream.start({ 'openai-compatible': openaiWire, ...options.writers }));
  const env: Environment = {
    SWITCHYARD_MASTER_KEY: MASTER_KEY,
    SWITCHYARD_DATABASE_URL: 'sqlite::memory:',
    SWITCHYARD_LOG_LEVEL: 'silent',
    ...providerEnv(upstream.url),
    ...options.env,
  };
  let configPath = options.configPath;
  if (options.yaml !== undefined) {
    configPath = join(mkdtempSync(join(tmpdir(), 'sy-config-')), 'switchyard.yaml');
    writeFileSync(configPath, options.yaml.replaceAll('${UPSTREAM}', upstream.url));
  }
  const config = loadConfig({ env, configPath, port: 0, host: '127.0.0.1' });
  const recorder = new MemoryUsageRecorder();
  const app = await createApp(config, options.storeUsage ? { keyPollMs: 200 } : { recorder, keyPollMs: 200 });
  const url = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${url}/v1`, maxRetries: 0, timeout: 10_000 });
  return {
    app,
    url,
    upstream,
    recorder,
    client,
    async close() {
      await app.close();
      if (options.upstream === undefined) await upstream.close();
    },
  };
}

/** Polls until the check passes (usage is written in batches, off the request path). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A JSON call to the admin API with the master key (or another key). */
export async function admin(gateway: TestGateway, method: string, path: string, body?: unknown, key = MASTER_KEY) {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    signal: AbortSignal.timeout(10_000),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & { data?: Array<Record<string, unknown>> } };
}
