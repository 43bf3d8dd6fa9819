/**
 * The measured cells and the exact request each target gets. The gateway is driven through its
 * door (chat, messages, responses, embeddings); direct and bare rows always send the native request
 * the gateway itself would send upstream, so for a translated cell they are passthrough (as in
 * /work/shared/performance.md, run 2) and the gateway alone pays for the translation.
 */
import type { BenchRequest } from './http-request.js';
import { chatRequest, embeddingsRequest, geminiRequest, messagesRequest, responsesRequest } from './request-bodies.js';

/** `gateway-one` is the one-process gateway measured unpinned beside `gateway-workers`, as its reference. */
export type TargetName = 'direct' | 'bare' | 'gateway' | 'gateway-one' | 'gateway-workers';

export interface Target {
  name: TargetName;
  /** How the table names the row (`gateway --workers 2`). */
  label: string;
  origin: string;
  /** The process serving this target (the fake upstream for `direct`), for CPU and memory (with its workers). */
  pid: number;
  /** The key the target is called with (the fake upstream and the bare proxy take anything). */
  apiKey: string;
  /** Measured with every CPU pinning off (`gateway --workers 2` needs both cores). */
  unpinned: boolean;
  /** Measured in these cells only (all when undefined). */
  onlyCells?: CellId[];
}

export const isGateway = (target: Target): boolean => target.name !== 'direct' && target.name !== 'bare';

export type CellId =
  | 'openai'
  | 'latency'
  | 'anthropic'
  | 'gemini'
  | 'messages'
  | 'messages-openai'
  | 'responses'
  | 'responses-anthropic'
  | 'embeddings'
  | 'stream'
  | 'messages-stream'
  | 'responses-stream'
  | 'anthropic-stream'
  | 'failover';

/** Which target of performance.md the gateway's row is judged against. */
export type CellKind = 'passthrough' | 'translated' | 'stream' | 'latency' | 'failover';

export interface Cell {
  id: CellId;
  title: string;
  kind: CellKind;
  unit: 'req/s' | 'streams/s';
  connections: number;
  request(target: Target): BenchRequest;
}

type Door = 'chat' | 'messages' | 'responses';
type Upstream = 'openai' | 'anthropic' | 'gemini';

const models: Record<Upstream, string> = { openai: 'gpt-4o', anthropic: 'claude-4-5-sonnet', gemini: 'gemini-2.5-pro' };

function doorRequest(door: Door, origin: string, key: string, model: string, stream: boolean): BenchRequest {
  if (door === 'messages') return messagesRequest(origin, key, model, stream);
  if (door === 'responses') return responsesRequest(origin, key, model, stream);
  return chatRequest(origin, key, model, stream);
}

/** What the gateway calls for `upstream`: OpenAI chat, Anthropic Messages, Gemini generateContent, or OpenAI Responses natively. */
function nativeRequest(door: Door, upstream: Upstream, origin: string, key: string, stream: boolean): BenchRequest {
  if (upstream === 'anthropic') return messagesRequest(origin, key, models.anthropic, stream);
  if (upstream === 'gemini') return geminiRequest(origin, key, models.gemini);
  return door === 'responses' ? responsesRequest(origin, key, models.openai, stream) : chatRequest(origin, key, models.openai, stream);
}

interface Route {
  id: CellId;
  door: Door;
  upstream: Upstream;
  kind: CellKind;
  stream: boolean;
  connections: number;
}

const nativeUpstream: Record<Door, Upstream> = { chat: 'openai', messages: 'anthropic', responses: 'openai' };

function title(route: Route): string {
  const translated = nativeUpstream[route.door] !== route.upstream ? ' (translated)' : '';
  const latency = route.kind === 'latency' ? ', latency' : '';
  return `${route.stream ? 'stream ' : ''}${route.door} → ${route.upstream}${translated}${latency}`;
}

function routeCell(route: Route): Cell {
  // A translated row's native side is what the gateway would call, so `responses → anthropic` hits /v1/messages.
  const native = (target: Target): BenchRequest => nativeRequest(route.door, route.upstream, target.origin, target.apiKey, route.stream);
  return {
    id: route.id,
    title: title(route),
    kind: route.kind,
    unit: route.stream ? 'streams/s' : 'req/s',
    connections: route.connections,
    request: (target) =>
      isGateway(target) ? doorRequest(route.door, target.origin, target.apiKey, models[route.upstream], route.stream) : native(target),
  };
}

export function buildCells(connections: number): Cell[] {
  const cell = (id: CellId, door: Door, upstream: Upstream, kind: CellKind, stream = false, count = connections): Cell =>
    routeCell({ id, door, upstream, kind, stream, connections: count });
  return [
    cell('openai', 'chat', 'openai', 'passthrough'),
    cell('latency', 'chat', 'openai', 'latency', false, 1),
    cell('anthropic', 'chat', 'anthropic', 'translated'),
    cell('gemini', 'chat', 'gemini', 'translated'),
    cell('messages', 'messages', 'anthropic', 'passthrough'),
    cell('messages-openai', 'messages', 'openai', 'translated'),
    cell('responses', 'responses', 'openai', 'passthrough'),
    cell('responses-anthropic', 'responses', 'anthropic', 'translated'),
    {
      id: 'embeddings',
      title: 'embeddings → openai',
      kind: 'passthrough',
      unit: 'req/s',
      connections,
      request: (target) => embeddingsRequest(target.origin, target.apiKey, 'text-embedding-3-small'),
    },
    cell('stream', 'chat', 'openai', 'stream', true),
    cell('messages-stream', 'messages', 'anthropic', 'stream', true),
    cell('responses-stream', 'responses', 'openai', 'stream', true),
    cell('anthropic-stream', 'chat', 'anthropic', 'stream', true),
    {
      // The gateway's model `failover` has two deployments, one failing every other call with a 503;
      // the direct and bare rows call the healthy endpoint and are references only.
      id: 'failover',
      title: 'failover (1 of 2 deployments fails half)',
      kind: 'failover',
      unit: 'req/s',
      connections,
      request: (target) => chatRequest(target.origin, target.apiKey, isGateway(target) ? 'failover' : 'gpt-4o', false),
    },
  ];
}
