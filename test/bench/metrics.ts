/** Retrieval metrics over ranked lists of paragraph keys. */

export interface RetrievalMetrics {
  r1: number;
  r5: number;
  mrr10: number;
  count: number;
}

/** R@1, R@5 and MRR@10 of the gold key in each ranking (rankings hold distinct keys). */
export function retrievalMetrics(rankings: { ranked: string[]; gold: string }[]): RetrievalMetrics {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  for (const { ranked, gold } of rankings) {
    const rank = ranked.indexOf(gold);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0 && rank < 10) mrr += 1 / (rank + 1);
  }
  const n = rankings.length || 1;
  return { r1: r1 / n, r5: r5 / n, mrr10: mrr / n, count: rankings.length };
}

/** The value below which `fraction` of `values` lie. */
export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
