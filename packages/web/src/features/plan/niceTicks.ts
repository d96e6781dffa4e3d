/** A step of 1, 2, 2.5 or 5 times a power of ten: what a person would put on an axis. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Round ticks that cover `values` with about `count` of them, and the domain they span: 0, 25, 50, …
 * rather than -9.8, 29.6, … A step's multiples are rounded to its own precision, so floating point
 * never shows (no -9999.900000000001).
 */
export function niceTicks(values: number[], count = 5): { domain: [number, number]; ticks: number[] } {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const step = niceStep((max - min) / Math.max(1, count - 1));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const round = (n: number) => Number(n.toFixed(decimals));
  const lo = round(Math.floor(min / step) * step);
  const hi = round(Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = lo; tick <= hi + step / 2; tick += step) ticks.push(round(tick));
  return { domain: [lo, hi], ticks };
}
