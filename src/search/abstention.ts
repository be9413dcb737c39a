/**
 * Which passages an answer may show, after fusion (used by the confidence stage): only passages of
 * a list that found something related (some passage at its retriever's floor: keyword, IDF
 * coverage; dense, cosine), and of such a list those reaching a share of its best evidence, or
 * the floor when no share is given.
 */
import type { FusedHit } from "./fusion.js";
import type { RankedList } from "./retriever.js";

export class Abstention {
  /**
   * `floors`: the least evidence, per retriever name, that makes a passage related (the none
   * floors); a retriever without one never does. `sharesOfBest`: per retriever name, the share of
   * its list's best evidence a passage needs besides (none: 0).
   */
  constructor(
    readonly floors: Readonly<Record<string, number>>,
    readonly sharesOfBest: Readonly<Record<string, number>> = {},
  ) {}

  /**
   * The hits of `ranked`, in order, that some list's evidence marks relevant: the list's best
   * reaches its floor, and the hit reaches the list's share of that best (the floor itself
   * without a share). The floor says whether the question is related at all; once it is, a
   * passage below the floor but near the best is shown too. Only "closest" replies differ (the
   * answer floors are above floor / share): on XQuAD's tuning half through `ask`, keyword-only,
   * the gold passage is in the first five for 571 English questions of 632 against 565 when each
   * passage had to reach the floor too (R@1 481 against 478; Arabic 623 against 622).
   */
  select(ranked: FusedHit[], lists: RankedList[]): FusedHit[] {
    const relevant = new Set<number>();
    for (const list of lists) {
      const floor = this.floors[list.retriever];
      if (floor === undefined) continue;
      const best = list.hits.reduce((most, hit) => Math.max(most, hit.evidence), 0);
      if (best < floor) continue;
      const shareOfBest = this.sharesOfBest[list.retriever] ?? 0;
      const least = shareOfBest > 0 ? shareOfBest * best : floor;
      for (const hit of list.hits) if (hit.evidence >= least) relevant.add(hit.position);
    }
    return ranked.filter((hit) => relevant.has(hit.position));
  }
}
