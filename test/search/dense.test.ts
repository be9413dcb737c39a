import { describe, expect, it } from "vitest";
import { VectorIndex } from "../../src/search/vector-index.js";

describe("VectorIndex", () => {
  it("returns the same top k as sorting every dot product", () => {
    const dims = 8;
    const count = 500;
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 2 - 1;
    };
    const vectors = Float32Array.from({ length: dims * count }, random);
    const query = Float32Array.from({ length: dims }, random);
    const index = new VectorIndex(vectors, dims);
    const expected = Array.from({ length: count }, (_, row) => {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += vectors[row * dims + d]! * query[d]!;
      return { position: row, score: dot };
    }).sort((a, b) => b.score - a.score);
    const top = index.query(query, 10);
    expect(top.map((h) => h.position)).toEqual(expected.slice(0, 10).map((h) => h.position));
    expect(top[0]!.score).toBeCloseTo(expected[0]!.score, 5);
    expect(index.query(query, 1000)).toHaveLength(count);
  });

  it("rejects data that is not whole rows", () => {
    expect(() => new VectorIndex(new Float32Array(10), 4)).toThrow(/multiple/);
  });
});
