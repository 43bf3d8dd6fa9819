/**
 * Prometheus metrics (GET /metrics) on a registry of the app's own: requests by model, provider and
 * status; latency and time-to-first-token histograms; tokens; cost; retries; fallbacks; cooldowns;
 * open streams; usage-log health; and Node's process metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChatMetrics } from '../chat/chat-metrics.js';
import { BoundedLabels } from './bounded-labels.js';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export class GatewayMetrics implements ChatMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'switchyard_requests_total', help: 'Chat requests by model, provider and status', labelNames: ['model', 'provider', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({ name: 'switchyard_request_duration_seconds', help: 'Whole chat request duration', labelNames: ['model', 'provider'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly ttft = new Histogram({ name: 'switchyard_time_to_first_token_seconds', help: 'Time to the first streamed chunk', labelNames: ['model', 'provider'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'switchyard_tokens_total', help: 'Tokens by model, provider and kind', labelNames: ['model', 'provider', 'kind'], registers: [this.registry] });
  private readonly cost = new Counter({ name: 'switchyard_cost_usd_total', help: 'Spend in USD by model and provider', labelNames: ['model', 'provider'], registers: [this.registry] });
  private readonly retries = new Counter({ name: 'switchyard_retries_total', help: 'Upstream attempts retried, by provider', labelNames: ['provider'], registers: [this.registry] });
  private readonly fallbacks = new Counter({ name: 'switchyard_fallbacks_total', help: 'Fallbacks to another model', labelNames: ['model', 'fallback'], registers: [this.registry] });
  private readonly cooldowns = new Counter({ name: 'switchyard_cooldowns_total', help: 'Deployments taken out of rotation', labelNames: ['deployment'], registers: [this.registry] });
  /** Model names and deployment ids come from clients (`openai/<anything>`): their series are bounded. */
  private readonly models = new BoundedLabels();
  private readonly deployments = new BoundedLabels();
  private readonly openStreams = new Gauge({ name: 'switchyard_open_streams', help: 'Streams being sent to clients now', registers: [this.registry] });

  constructor(gauges: { usageBuffered?: () => number; usageDropped?: () => number; limitFailures?: () => number } = {}) {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_' });
    if (gauges.usageBuffered) {
      const read = gauges.usageBuffered;
      new Gauge({ name: 'switchyard_usage_records_buffered', help: 'Usage records waiting to be written', registers: [this.registry], collect() { this.set(read()); } });
    }
    if (gauges.usageDropped) {
      const read = gauges.usageDropped;
      new Gauge({ name: 'switchyard_usage_records_dropped', help: 'Usage records lost past the buffer bound (since start)', registers: [this.registry], collect() { this.set(read()); } });
    }
    if (gauges.limitFailures) {
      const read = gauges.limitFailures;
      new Gauge({ name: 'switchyard_limit_backend_failures', help: 'Rate-limit/budget backend failures (since start)', registers: [this.registry], collect() { this.set(read()); } });
    }
  }

  finished(call: Parameters<ChatMetrics['finished']>[0]): void {
    const { provider } = call;
    const model = this.models.of(call.model);
    this.requests.inc({ model, provider, status: String(call.status) });
    this.latency.observe({ model, provider }, call.latencyMs / 1000);
    if (call.ttftMs !== null) this.ttft.observe({ model, provider }, call.ttftMs / 1000);
    if (call.tokens.prompt > 0) this.tokens.inc({ model, provider, kind: 'prompt' }, call.tokens.prompt);
    if (call.tokens.completion > 0) this.tokens.inc({ model, provider, kind: 'completion' }, call.tokens.completion);
    if (call.tokens.cachedRead > 0) this.tokens.inc({ model, provider, kind: 'cached' }, call.tokens.cachedRead);
    if (call.tokens.reasoning > 0) this.tokens.inc({ model, provider, kind: 'reasoning' }, call.tokens.reasoning);
    if (call.costUsd !== null && call.costUsd > 0) this.cost.inc({ model, provider }, call.costUsd);
  }

  retry(provider: string): void {
    this.retries.inc({ provider });
  }

  fallback(from: string, to: string): void {
    this.fallbacks.inc({ model: this.models.of(from), fallback: this.models.of(to) });
  }

  cooldown(deployment: string): void {
    this.cooldowns.inc({ deployment: this.deployments.of(deployment) });
  }

  streamOpened(): void {
    this.openStreams.inc();
  }

  streamClosed(): void {
    this.openStreams.dec();
  }
}
