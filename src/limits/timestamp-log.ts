/**
 * One key's request times in ascending order, for the in-memory sliding log. Expired entries are
 * skipped by moving a head index and compacted now and then, so pruning is O(1) amortised instead of
 * shifting the array on every request.
 */
export class TimestampLog {
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  /** Drops every entry at or before `cutoff`. */
  prune(cutoff: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= cutoff) this.head += 1;
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** The entry `index` places after the oldest. */
  at(index: number): number | undefined {
    return this.times[this.head + index];
  }

  newest(): number | undefined {
    return this.size === 0 ? undefined : this.times[this.times.length - 1];
  }

  /** Adds `count` entries at `time` (a lease's slots, all stamped at its end). */
  addMany(time: number, count: number): void {
    for (let added = 0; added < count; added++) this.add(time);
  }

  /** Removes up to `count` entries made exactly at `time` (slots of a lease that were never used). */
  removeMany(time: number, count: number): void {
    let end = this.times.length;
    while (end > this.head && (this.times[end - 1] ?? 0) > time) end -= 1;
    let start = end;
    while (start > this.head && end - start < count && this.times[start - 1] === time) start -= 1;
    if (start < end) this.times.splice(start, end - start);
  }

  add(time: number): void {
    // An injected clock may step back a little (another instance's timestamp, a test); stay sorted.
    let index = this.times.length;
    while (index > this.head && (this.times[index - 1] ?? 0) > time) index -= 1;
    if (index === this.times.length) this.times.push(time);
    else this.times.splice(index, 0, time);
  }
}
