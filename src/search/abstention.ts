/**
 * Which passages an answer may show, after fusion (used by the confidence stage): a passage is
 * shown only when some retriever's evidence for it reaches that retriever's floor (keyword: IDF
 * coverage; dense: cosine) and, optionally, a share of the best evidence in that list.
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
   * The hits of `ranked`, in order, that some list's evidence marks relevant: at least the list's
   * floor and its share of the list's best evidence.
   */
  select(ranked: FusedHit[], lists: RankedList[]): FusedHit[] {
    const relevant = new Set<number>();
    for (const list of lists) {
      if (this.floors[list.retriever] === undefined) continue;
      const shareOfBest = this.sharesOfBest[list.retriever] ?? 0;
      const best = shareOfBest > 0 ? list.hits.reduce((most, hit) => Math.max(most, hit.evidence), 0) : 0;
      const floor = Math.max(this.floors[list.retriever]!, shareOfBest * best);
      for (const hit of list.hits) if (hit.evidence >= floor) relevant.add(hit.position);
    }
    return ranked.filter((hit) => relevant.has(hit.position));
  }
}
