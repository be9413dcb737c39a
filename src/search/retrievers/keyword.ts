/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */
import type { KeywordIndex } from "../keyword.js";
import type { Hit, Retriever, SearchQuery } from "../retriever.js";

export function keywordRetriever(index: KeywordIndex): Retriever {
  return {
    name: "keyword",
    needsEmbedding: false,
    retrieve(query: SearchQuery, limit: number): Hit[] {
      // An English question is searched by the bridge with all its words (Arabic ones pass through
      // as they are): English stems here would only add noise to the fusion. An Arabic question
      // with a Latin name keeps this list beside the bridge's.
      if (query.translated && query.language === "en") return [];
      return index.query(query.terms, limit).map((hit) => ({ position: hit.passage, score: hit.score, evidence: hit.coverage, matchedTerms: hit.matchedTerms }));
    },
  };
}
