/**
 * The baseline: the least a proxy can do. Fastify 5 + one undici Pool (keep-alive, unbounded),
 * parse the JSON body, rewrite `model`, forward to the same path upstream, return the answer
 * (streams are piped through untouched). No auth, no validation, no translation: every cell drives
 * it with the native request the gateway would send upstream (chat, Messages, Responses, Gemini,
 * embeddings), native body in, native body out, the same shape for every cell.
 * Usage: node --import tsx bench/bare-proxy.ts --port N --upstream http://127.0.0.1:M
 */
import Fastify from 'fastify';
import { Pool } from 'undici';
import { isObject } from './fake/json-fields.js';
import { readPortArgument } from './lib/port-argument.js';

const modelAliases = new Map<string, string>([
  ['gpt-4o', 'gpt-4o-2024-08-06'],
  ['claude-4-5-sonnet', 'claude-sonnet-4-5'],
]);

function rewriteModel(model: string): string {
  const alias = modelAliases.get(model);
  if (alias !== undefined) return alias;
  const slash = model.indexOf('/');
  return slash === -1 ? model : model.slice(slash + 1);
}

function readUpstreamArgument(argv: string[]): string {
  const flag = argv.indexOf('--upstream');
  const value = flag === -1 ? undefined : argv[flag + 1];
  if (value === undefined) throw new Error('usage: --upstream http://host:port');
  return new URL(value).origin;
}

/** Client headers worth forwarding: credentials and the fake upstream's per-request knobs. */
function forwardedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of ['authorization', 'x-api-key', 'x-goog-api-key', 'anthropic-version', 'x-bench-chunks', 'x-bench-interval-ms']) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

const argv = process.argv.slice(2);
const pool = new Pool(readUpstreamArgument(argv), { connections: null, pipelining: 1, keepAliveTimeout: 60_000 });
const app = Fastify({ logger: false });

app.get('/health', async () => ({ status: 'ok' }));

app.post('/*', async (request, reply) => {
  const body = request.body;
  if (isObject(body) && typeof body.model === 'string') body.model = rewriteModel(body.model);
  const streaming = (isObject(body) && body.stream === true) || request.url.includes(':streamGenerateContent');
  const upstream = await pool.request({
    path: request.url,
    method: 'POST',
    headers: forwardedHeaders(request.headers),
    body: JSON.stringify(body),
  });
  reply.code(upstream.statusCode);
  const contentType = upstream.headers['content-type'];
  if (typeof contentType === 'string') reply.header('content-type', contentType);
  if (streaming) return reply.send(upstream.body);
  return reply.send(await upstream.body.text());
});

await app.listen({ port: readPortArgument(argv), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.close());
});
