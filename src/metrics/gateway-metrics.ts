/**
 * Prometheus metrics (GET /metrics) on a registry of the app's own: requests by model, provider and
 * status; latency and time-to-first-token histograms; tokens; cost; retries; fallbacks; cooldowns;
 * open streams; usage-log health; and Node's process metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { ChatMetrics } from '../chat/chat-metrics.js';
import { BoundedLabels } from './bounded-labels.js';
import { FastCounter, FastHistogram, type CounterCell, type HistogramCell } from './fast-series.js';

/** The cells one model/provider/status updates on every call. */
interface CallSeries {
  requests: CounterCell;
  latency: HistogramCell;
  ttft: HistogramCell;
  prompt: CounterCell;
  completion: CounterCell;
  cached: CounterCell;
  reasoning: CounterCell;
  cost: CounterCell;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export class GatewayMetrics implements ChatMetrics {
  readonly registry = new Registry();
  private readonly requests = new FastCounter({ name: 'switchyard_requests_total', help: 'Chat requests by model, provider and status', labelNames: ['model', 'provider', 'status'], registers: [this.registry] });
  private readonly latency = new FastHistogram({ name: 'switchyard_request_duration_seconds', help: 'Whole chat request duration', labelNames: ['model', 'provider'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly ttft = new FastHistogram({ name: 'switchyard_time_to_first_token_seconds', help: 'Time to the first streamed chunk', labelNames: ['model', 'provider'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly tokens = new FastCounter({ name: 'switchyard_tokens_total', help: 'Tokens by model, provider and kind', labelNames: ['model', 'provider', 'kind'], registers: [this.registry] });
  private readonly cost = new FastCounter({ name: 'switchyard_cost_usd_total', help: 'Spend in USD by model and provider', labelNames: ['model', 'provider'], registers: [this.registry] });
  private readonly retries = new Counter({ name: 'switchyard_retries_total', help: 'Upstream attempts retried, by provider', labelNames: ['provider'], registers: [this.registry] });
  private readonly fallbacks = new Counter({ name: 'switchyard_fallbacks_total', help: 'Fallbacks to another model', labelNames: ['model', 'fallback'], registers: [this.registry] });
  private readonly cooldowns = new Counter({ name: 'switchyard_cooldowns_total', help: 'Deployments taken out of rotation', labelNames: ['deployment'], registers: [this.registry] });
  private readonly series = new Map<string, CallSeries>();
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
    const series = this.seriesOf(this.models.of(call.model), call.provider, call.status);
    series.requests.value += 1;
    this.latency.observeIn(series.latency, call.latencyMs / 1000);
    if (call.ttftMs !== null) this.ttft.observeIn(series.ttft, call.ttftMs / 1000);
    series.prompt.value += call.tokens.prompt;
    series.completion.value += call.tokens.completion;
    series.cached.value += call.tokens.cachedRead;
    series.reasoning.value += call.tokens.reasoning;
    if (call.costUsd !== null && call.costUsd > 0) series.cost.value += call.costUsd;
  }

  /** The cells of one model/provider/status, made once (bounded by the model labels, BoundedLabels). */
  private seriesOf(model: string, provider: string, status: number): CallSeries {
    const key = `${model}\u0000${provider}\u0000${status}`;
    let series = this.series.get(key);
    if (series === undefined) {
      const pair = `${model}\u0000${provider}`;
      const labels = { model, provider };
      series = {
        requests: this.requests.cell(key, { ...labels, status: String(status) }),
        latency: this.latency.cell(pair, labels),
        ttft: this.ttft.cell(pair, labels),
        prompt: this.tokens.cell(`${pair}\u0000prompt`, { ...labels, kind: 'prompt' }),
        completion: this.tokens.cell(`${pair}\u0000completion`, { ...labels, kind: 'completion' }),
        cached: this.tokens.cell(`${pair}\u0000cached`, { ...labels, kind: 'cached' }),
        reasoning: this.tokens.cell(`${pair}\u0000reasoning`, { ...labels, kind: 'reasoning' }),
        cost: this.cost.cell(pair, labels),
      };
      this.series.set(key, series);
    }
    return series;
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
