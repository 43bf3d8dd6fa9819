/**
 * Counters and histograms whose per-request update is a few additions on a plain object: prom-client
 * hashes and validates the label set on every inc/observe (bound children included), eight times a
 * call. Each series ("cell") is created once for its labels; the metrics are real prom-client
 * metrics whose `get()` reports the cells, so the registry, the text format and cluster aggregation
 * are prom-client's own.
 */
import { Counter, Histogram, type LabelValues, type MetricType } from 'prom-client';

export interface CounterCell {
  value: number;
}

export interface HistogramCell {
  /** Observations per bucket (not cumulative); the last one is +Inf. */
  readonly counts: number[];
  sum: number;
  count: number;
}

export class FastCounter extends Counter<string> {
  private readonly cells = new Map<string, { labels: LabelValues<string>; cell: CounterCell }>();

  /** The cell for these labels (`key` must identify them), created at first use. */
  cell(key: string, labels: LabelValues<string>): CounterCell {
    let entry = this.cells.get(key);
    if (entry === undefined) {
      entry = { labels, cell: { value: 0 } };
      this.cells.set(key, entry);
    }
    return entry.cell;
  }

  override async get() {
    const base = await super.get();
    return { ...base, values: [...this.cells.values()].map(({ labels, cell }) => ({ labels, value: cell.value })) };
  }
}

export class FastHistogram extends Histogram<string> {
  private readonly cells = new Map<string, { labels: LabelValues<string>; cell: HistogramCell }>();

  constructor(
    private readonly options: { name: string; help: string; labelNames: string[]; buckets: number[]; registers: NonNullable<ConstructorParameters<typeof Histogram<string>>[0]['registers']> },
  ) {
    super(options);
  }

  cell(key: string, labels: LabelValues<string>): HistogramCell {
    let entry = this.cells.get(key);
    if (entry === undefined) {
      entry = { labels, cell: { counts: new Array<number>(this.options.buckets.length + 1).fill(0), sum: 0, count: 0 } };
      this.cells.set(key, entry);
    }
    return entry.cell;
  }

  /** Records one observation in a cell. */
  observeIn(cell: HistogramCell, value: number): void {
    const { buckets } = this.options;
    let index = 0;
    while (index < buckets.length && value > (buckets[index] as number)) index++;
    cell.counts[index] = (cell.counts[index] ?? 0) + 1;
    cell.sum += value;
    cell.count += 1;
  }

  /** What the registry prints from (prom-client's own shape: the bucket bound as labels, the series' labels shared). */
  async getForPromString() {
    const { name, help, buckets } = this.options;
    const base = { name, help, type: HISTOGRAM, aggregator: 'sum' as const, collect: noCollect };
    const values: Array<{ labels: LabelValues<string>; sharedLabels: LabelValues<string>; value: number; metricName: string; exemplar?: null }> = [];
    for (const { labels, cell } of this.cells.values()) {
      let cumulative = 0;
      buckets.forEach((bound, index) => {
        cumulative += cell.counts[index] ?? 0;
        values.push({ labels: { le: bound }, sharedLabels: labels, value: cumulative, metricName: `${name}_bucket`, exemplar: null });
      });
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: cell.count, metricName: `${name}_bucket`, exemplar: null });
      values.push({ labels: {}, sharedLabels: labels, value: cell.sum, metricName: `${name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: cell.count, metricName: `${name}_count` });
    }
    return { ...base, values };
  }

  override async get() {
    const data = await this.getForPromString();
    return { ...data, values: data.values.map(({ labels, sharedLabels, ...value }) => ({ ...value, labels: { ...labels, ...sharedLabels } })) };
  }
}

const noCollect = (): void => undefined;

/**
 * prom-client's typings declare MetricType as a numeric enum, while every metric reports its type as
 * the string the text format prints; this is that string, typed as the typings want it.
 */
const HISTOGRAM = 'histogram' as unknown as MetricType;
