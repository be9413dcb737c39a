import { describe, expect, it } from "vitest";
import { VectorIndex } from "../../src/search/dense.js";
import { reciprocalRankFusion, RRF_K } from "../../src/search/fusion.js";

describe("reciprocalRankFusion", () => {
  it("scores each passage by the sum of 1/(k + rank) over the lists", () => {
    const fused = reciprocalRankFusion([{ passages: [1, 2, 3] }, { passages: [3, 1] }]);
    expect(fused.map((h) => h.passage)).toEqual([1, 3, 2]);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2));
    expect(fused[2]!.score).toBeCloseTo(1 / (RRF_K + 2));
  });

  it("lets a weight favour one list", () => {
    const fused = reciprocalRankFusion([{ passages: [1, 2] }, { passages: [2, 1], weight: 3 }]);
    expect(fused[0]!.passage).toBe(2);
  });
});

describe("VectorIndex", () => {
  it("returns the same top k as sorting every dot product", () => {
    const dims = 8;
    const count = 500;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const vectors = Float32Array.from({ length: dims * count }, random);
    const query = Float32Array.from({ length: dims }, random);
    const index = new VectorIndex(vectors, dims);
    const expected = Array.from({ length: count }, (_, row) => {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += vectors[row * dims + d]! * query[d]!;
      return { passage: row, score: dot };
    }).sort((a, b) => b.score - a.score);
    const top = index.query(query, 10);
    expect(top.map((h) => h.passage)).toEqual(expected.slice(0, 10).map((h) => h.passage));
    expect(top[0]!.score).toBeCloseTo(expected[0]!.score, 5);
    expect(index.query(query, 1000)).toHaveLength(count);
  });

  it("rejects data that is not whole rows", () => {
    expect(() => new VectorIndex(new Float32Array(10), 4)).toThrow(/multiple/);
  });
});
