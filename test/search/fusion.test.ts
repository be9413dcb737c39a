import { describe, expect, it } from "vitest";
import { FUSION } from "../../src/config/tuning.js";
import { fuseLists, reciprocalRankFusion } from "../../src/search/fusion.js";
import type { Hit } from "../../src/search/retriever.js";

const hits = (...positions: number[]): Hit[] => positions.map((position, i) => ({ position, score: 10 - i, evidence: 1 }));

describe("reciprocalRankFusion", () => {
  it("scores each passage by the sum of 1/(k + rank) over the lists", () => {
    const fused = reciprocalRankFusion([{ positions: [1, 2, 3] }, { positions: [3, 1] }]);
    expect(fused.map((h) => h.position)).toEqual([1, 3, 2]);
    expect(fused[0]!.score).toBeCloseTo(1 / (FUSION.rrfK + 1) + 1 / (FUSION.rrfK + 2));
    expect(fused[2]!.score).toBeCloseTo(1 / (FUSION.rrfK + 2));
  });

  it("lets a weight favour one list", () => {
    const fused = reciprocalRankFusion([{ positions: [1, 2] }, { positions: [2, 1], weight: 3 }]);
    expect(fused[0]!.position).toBe(2);
  });
});

describe("fuseLists", () => {
  it("keeps a single list's own order and scores", () => {
    expect(fuseLists([{ retriever: "keyword", hits: hits(4, 2, 9) }])).toEqual([
      { position: 4, score: 10 },
      { position: 2, score: 9 },
      { position: 9, score: 8 },
    ]);
  });

  it("fuses any number of lists, weighted by retriever name", () => {
    const lists = [
      { retriever: "a", hits: hits(1, 2, 3) },
      { retriever: "b", hits: hits(2, 3, 1) },
      { retriever: "c", hits: hits(3, 1, 2) },
    ];
    // Each passage is first once, second once and third once: a tie that the weights break.
    expect(fuseLists(lists, { b: 2 })[0]!.position).toBe(2);
    expect(fuseLists(lists, { c: 2 })[0]!.position).toBe(3);
    expect(fuseLists(lists).map((h) => h.score)).toEqual(
      [0, 1, 2].map(() => expect.closeTo(1 / (FUSION.rrfK + 1) + 1 / (FUSION.rrfK + 2) + 1 / (FUSION.rrfK + 3), 12)),
    );
  });
});
