/** Latencies in 50 µs buckets up to 2 s (and one bucket beyond), cheap to fill and to send over IPC. */
const BUCKET_MICROS = 50;
const BUCKETS = 40_001;

export class Histogram {
  readonly counts: number[];

  constructor(counts?: number[]) {
    this.counts = counts ?? new Array(BUCKETS).fill(0);
  }

  add(micros: number): void {
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.floor(micros / BUCKET_MICROS)));
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
  }

  clear(): void {
    this.counts.fill(0);
  }

  merge(other: Histogram): void {
    other.counts.forEach((n, i) => {
      this.counts[i] = (this.counts[i] ?? 0) + n;
    });
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /** The upper edge of the bucket holding percentile p, in milliseconds; null when empty. */
  percentile(p: number): number | null {
    const total = this.total;
    if (total === 0) return null;
    const rank = Math.ceil((p / 100) * total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return ((i + 1) * BUCKET_MICROS) / 1000;
    }
    return null;
  }
}
