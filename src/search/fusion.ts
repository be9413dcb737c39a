/** Reciprocal Rank Fusion of ranked lists (Cormack et al., 2009). */

/** The RRF constant: how much rank 1 outweighs rank 10. 60 is the value the paper found robust. */
export const RRF_K = 60;

export interface FusedHit {
  passage: number;
  score: number;
}

/**
 * Fuses ranked lists of passages: each passage scores Σ weight / (RRF_K + rank) over the lists
 * it appears in. Returns passages best first.
 */
export function reciprocalRankFusion(lists: { passages: number[]; weight?: number }[]): FusedHit[] {
  const scores = new Map<number, number>();
  for (const { passages, weight = 1 } of lists) {
    passages.forEach((passage, index) => {
      scores.set(passage, (scores.get(passage) ?? 0) + weight / (RRF_K + index + 1));
    });
  }
  return [...scores].map(([passage, score]) => ({ passage, score })).sort((a, b) => b.score - a.score);
}
