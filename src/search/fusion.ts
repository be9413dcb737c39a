/** Fusion of the retrievers' ranked lists into one ranking. */
import { FUSION } from "../config/tuning.js";
import type { RankedList } from "./retriever.js";

/** A passage of the fused ranking. */
export interface FusedHit {
  /** The passage's position in the index's passage list. */
  position: number;
  score: number;
}

/**
 * Reciprocal Rank Fusion (Cormack et al., 2009): each passage scores Σ weight / (FUSION.rrfK + rank)
 * over the lists it appears in. Returns passages best first.
 */
export function reciprocalRankFusion(lists: { positions: number[]; weight?: number }[]): FusedHit[] {
  const scores = new Map<number, number>();
  for (const { positions, weight = 1 } of lists) {
    positions.forEach((position, index) => {
      scores.set(position, (scores.get(position) ?? 0) + weight / (FUSION.rrfK + index + 1));
    });
  }
  return [...scores].map(([position, score]) => ({ position, score })).sort((a, b) => b.score - a.score);
}

/**
 * One ranking from any number of lists: a single list keeps its own order and scores (so keyword
 * search alone reports BM25 scores); several are fused by RRF, each list weighted by its
 * retriever's entry in `weights` (1 when absent).
 */
export function fuseLists(lists: RankedList[], weights: Readonly<Record<string, number>> = {}): FusedHit[] {
  if (lists.length === 1) return lists[0]!.hits.map((hit) => ({ position: hit.position, score: hit.score }));
  return reciprocalRankFusion(lists.map((list) => ({ positions: list.hits.map((hit) => hit.position), weight: weights[list.retriever] ?? 1 })));
}
