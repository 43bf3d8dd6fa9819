/**
 * A label whose values come from clients (a model name: `openai/<anything>` resolves) would let one
 * key create unbounded metric series — memory that is never given back. The first `max` values are
 * kept as they are; later new ones are counted under `other`.
 */
export const OTHER_LABEL = 'other';

export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 500) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}
