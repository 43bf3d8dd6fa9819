import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './load-config.js';

const file = (yaml: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'sy-')), 'config.yaml');
  writeFileSync(path, yaml);
  return path;
};

test('defaults: 127.0.0.1:4000, SQLite in ./data, gpt-5, 32 MB bodies, no Redis', () => {
  const config = loadConfig({ env: {} });
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.server.port, 4000);
  assert.equal(config.storeUrl, 'sqlite:./data/switchyard.db');
  assert.equal(config.defaultModel, 'gpt-5');
  assert.equal(config.server.bodyLimitBytes, 32 * 1024 * 1024);
  assert.equal(config.redisUrl, null);
  assert.equal(config.providers.size, 0);
});

test('providers come from KEY variables (Ollama from its base URL) and are named after the prefix', () => {
  const config = loadConfig({ env: { OPENAI_API_KEY: 'sk', DEEPSEEK_API_KEY: 'd', DEEPSEEK_BASE_URL: 'http://x/', OLLAMA_BASE_URL: 'http://localhost:11434/v1' } });
  assert.deepEqual([...config.providers.keys()].sort(), ['deepseek', 'ollama', 'openai']);
  assert.equal(config.providers.get('openai')?.baseUrl, 'https://api.openai.com/v1');
  assert.equal(config.providers.get('deepseek')?.baseUrl, 'http://x', 'trailing slash trimmed');
  assert.equal(config.providers.get('ollama')?.apiKey, null);
  assert.equal(config.unconfigured.get('anthropic'), 'ANTHROPIC_API_KEY');
});

test('the YAML file: ${VAR} and ${VAR:-default} expansion, server, routing and per-model timeouts', () => {
  const path = file(`server: { host: 0.0.0.0, port: 8080, body_limit_mb: 1 }
store: { url: \${DB_URL:-sqlite:/tmp/x.db} }
default_model: claude-4-5-sonnet
providers:
  gpu-box: { type: openai-compatible, base_url: "http://\${GPU_HOST}:8000/v1" }
models:
  - name: llama-local
    targets: [{ provider: gpu-box, model: meta-llama/Llama-3.3-70B-Instruct }]
    idle_timeout_ms: 5000
routing: { retries: 4, timeout_ms: 1000, first_byte_timeout_ms: 200 }
`);
  const config = loadConfig({ env: { GPU_HOST: '10.0.0.7' }, configPath: path });
  assert.equal(config.server.port, 8080);
  assert.equal(config.server.bodyLimitBytes, 1024 * 1024);
  assert.equal(config.storeUrl, 'sqlite:/tmp/x.db');
  assert.equal(config.providers.get('gpu-box')?.baseUrl, 'http://10.0.0.7:8000/v1');
  assert.equal(config.routing.retries, 4);
  const model = config.models[0];
  assert.deepEqual(model?.timeouts, { totalMs: 1000, firstByteMs: 200, idleMs: 5000, connectMs: 10_000 });
});

test('environment overrides the file; flags override both', () => {
  const path = file('server: { port: 8080 }\n');
  assert.equal(loadConfig({ env: { SWITCHYARD_PORT: '9000' }, configPath: path }).server.port, 9000);
  assert.equal(loadConfig({ env: { SWITCHYARD_PORT: '9000' }, configPath: path, port: 7000 }).server.port, 7000);
  assert.equal(loadConfig({ env: { SWITCHYARD_CONFIG: path } }).server.port, 8080);
});

test('a config-file provider whose key expands to nothing is unconfigured, not an error', () => {
  const config = loadConfig({ env: {}, configPath: file('providers:\n  anthropic: { api_key: ${ANTHROPIC_API_KEY} }\n') });
  assert.equal(config.providers.has('anthropic'), false);
  assert.match(config.unconfigured.get('anthropic') ?? '', /ANTHROPIC_API_KEY/);
});

test('invalid files fail loudly with the path of the problem', () => {
  assert.throws(() => loadConfig({ env: {}, configPath: file('server: { port: "x" }\n') }), (error: unknown) => error instanceof ConfigError && /server\.port/.test(error.message));
  assert.throws(() => loadConfig({ env: {}, configPath: file('unknown_key: 1\n') }), ConfigError);
  assert.throws(() => loadConfig({ env: {}, configPath: file('providers:\n  x: { type: nope }\n') }), /unknown type/);
  assert.throws(() => loadConfig({ env: {}, configPath: file('models:\n  - name: a\n    targets: [{ provider: ghost, model: m }]\n') }), /ghost/);
  assert.throws(() => loadConfig({ env: {}, configPath: file('a: [\n') }), /not valid YAML/);
  assert.throws(() => loadConfig({ env: {}, configPath: '/nonexistent/file.yaml' }), /Cannot read/);
  assert.throws(() => loadConfig({ env: { SWITCHYARD_PORT: 'abc' } }), /SWITCHYARD_PORT/);
});

test("design.md's flow-map example parses, and values cannot inject structure", () => {
  const path = file('providers:\n  openai:      { api_key: ${OPENAI_API_KEY} }\nserver: { port: ${PORT} }\n');
  const config = loadConfig({ env: { OPENAI_API_KEY: 'sk-a: b, {c}', PORT: '8181' }, configPath: path });
  assert.equal(config.providers.get('openai')?.apiKey, 'sk-a: b, {c}');
  assert.equal(config.server.port, 8181);
});

test('server.workers: 1 by default; --workers beats SWITCHYARD_WORKERS beats the file; auto is one per core', () => {
  assert.equal(loadConfig({ env: {} }).server.workers, 1);
  const path = file('server: { workers: 3 }\n');
  assert.equal(loadConfig({ env: {}, configPath: path }).server.workers, 3);
  assert.equal(loadConfig({ env: { SWITCHYARD_WORKERS: '2' }, configPath: path }).server.workers, 2);
  assert.equal(loadConfig({ env: { SWITCHYARD_WORKERS: '2' }, configPath: path, workers: '4' }).server.workers, 4);
  assert.equal(loadConfig({ env: {}, workers: 'auto', cores: 6 }).server.workers, 6);
  assert.equal(loadConfig({ env: { SWITCHYARD_WORKERS: 'AUTO' }, cores: 2 }).server.workers, 2);
  assert.equal(loadConfig({ env: {}, configPath: file('server: { workers: auto }\n'), cores: 8 }).server.workers, 8);
  assert.throws(() => loadConfig({ env: {}, workers: '0' }), (error: unknown) => error instanceof ConfigError && /--workers must be a number of processes from 1/.test(error.message));
  assert.throws(() => loadConfig({ env: { SWITCHYARD_WORKERS: 'two' } }), /SWITCHYARD_WORKERS must be/);
  assert.throws(() => loadConfig({ env: {}, configPath: file('server: { workers: 1.5 }\n') }), /server\.workers/);
});
