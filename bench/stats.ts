// The quantile every benchmark reports: the value at rank ⌊q·n⌋ of an ascending list (q = 1 is the max).
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
