/**
 * The abstention stage, after fusion: a passage counts as an answer only when some retriever's
 * evidence for it reaches that retriever's floor (keyword: IDF coverage; dense: cosine). A question
 * none of whose passages counts gets "no answer" rather than a near miss.
 */
import type { FusedHit } from "./fusion.js";
import type { RankedList } from "./retriever.js";

export class Abstention {
  /** `floors`: the least evidence, per retriever name, that makes a passage an answer; a retriever without one never does. */
  constructor(readonly floors: Readonly<Record<string, number>>) {}

  /** The hits of `ranked`, in order, that some list's evidence marks relevant. */
  select(ranked: FusedHit[], lists: RankedList[]): FusedHit[] {
    const relevant = new Set<number>();
    for (const list of lists) {
      const floor = this.floors[list.retriever];
      if (floor === undefined) continue;
      for (const hit of list.hits) if (hit.evidence >= floor) relevant.add(hit.position);
    }
    return ranked.filter((hit) => relevant.has(hit.position));
  }
}
