/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */
import type { KeywordIndex } from "../keyword.js";
import type { Hit, Retriever, SearchQuery } from "../retriever.js";

export function keywordRetriever(index: KeywordIndex): Retriever {
  return {
    name: "keyword",
    needsEmbedding: false,
    retrieve(query: SearchQuery, limit: number): Hit[] {
      return index
        .query(query.terms, limit)
        .map((hit) => ({ position: hit.position, score: hit.score, evidence: hit.coverage, matchedTerms: hit.matchedTerms }));
    },
  };
}
