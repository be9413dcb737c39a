/** The dense retriever: exact nearest passages to the question's embedding (search/vector-index.ts). */

import type { Hit, Retriever, SearchQuery } from "../retriever.js";
import type { VectorIndex } from "../vector-index.js";

export function denseRetriever(vectors: VectorIndex): Retriever {
  return {
    name: "dense",
    needsEmbedding: true,
    retrieve(query: SearchQuery, limit: number): Hit[] {
      if (!query.vector) return [];
      return vectors.query(query.vector, limit).map((hit) => ({ position: hit.position, score: hit.score, evidence: hit.score }));
    },
  };
}
