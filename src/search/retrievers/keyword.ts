/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */

import type { QueryTerms } from "../../text/analyzer.js";
import type { KeywordIndex } from "../keyword.js";
import type { Hit, Retriever, SearchQuery } from "../retriever.js";

export function keywordRetriever(index: KeywordIndex): Retriever {
  return {
    name: "keyword",
    needsEmbedding: false,
    retrieve: (query: SearchQuery, limit: number): Hit[] => keywordHits(index, query.terms, limit),
  };
}

/** The keyword index's hits for `terms` as a retriever gives them: the coverage is the evidence. Shared with the bridge. */
export function keywordHits(index: KeywordIndex, terms: QueryTerms, limit: number): Hit[] {
  return index.query(terms, limit).map((hit) => ({ position: hit.position, score: hit.score, evidence: hit.coverage, matchedTerms: hit.matchedTerms }));
}
