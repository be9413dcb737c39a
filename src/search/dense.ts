/**
 * Dense search: exact nearest neighbours by dot product over unit vectors kept in one
 * Float32Array (row i is passage i), with a bounded top-k selection.
 */

export interface DenseHit {
  passage: number;
  /** Cosine similarity, from -1 to 1. */
  score: number;
}

export class VectorIndex {
  readonly count: number;

  constructor(
    readonly vectors: Float32Array,
    readonly dims: number,
  ) {
    if (vectors.length % dims !== 0) throw new Error(`vector data of length ${vectors.length} is not a multiple of ${dims}`);
    this.count = vectors.length / dims;
  }

  /** The `limit` passages most similar to the unit vector `query`, best first. */
  query(query: Float32Array, limit: number): DenseHit[] {
    const { vectors, dims, count } = this;
    const k = Math.min(limit, count);
    // Sorted ascending, so the weakest of the current best is at index 0.
    const best: DenseHit[] = [];
    for (let row = 0, offset = 0; row < count; row++, offset += dims) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += vectors[offset + d]! * query[d]!;
      if (best.length < k) {
        best.push({ passage: row, score: dot });
        if (best.length === k) best.sort((a, b) => a.score - b.score);
      } else if (dot > best[0]!.score) {
        let i = 1;
        while (i < k && best[i]!.score < dot) {
          best[i - 1] = best[i]!;
          i++;
        }
        best[i - 1] = { passage: row, score: dot };
      }
    }
    return best.sort((a, b) => b.score - a.score);
  }
}
