/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */

import { DEFAULT_SPECIFICITY, type SpecificityScale } from "../../config/defaults.js";
import type { QueryTerms } from "../../text/analyzer.js";
import type { KeywordIndex } from "../keyword.js";
import type { Hit, Retriever, SearchQuery } from "../retriever.js";

/** The keyword retriever over `index`, its evidence scaled by `specificity` (see keywordHits). */
export function keywordRetriever(index: KeywordIndex, specificity: SpecificityScale = DEFAULT_SPECIFICITY): Retriever {
  return {
    name: "keyword",
    needsEmbedding: false,
    retrieve: (query: SearchQuery, limit: number): Hit[] => keywordHits(index, query.terms, limit, specificity),
  };
}

/** The share of a passage's coverage that counts as evidence, from the general rarity of its rarest matched word. */
export function specificityShare(rarestMatch: number, { common, specific }: SpecificityScale): number {
  if (rarestMatch <= common) return 0;
  return rarestMatch >= specific ? 1 : (rarestMatch - common) / (specific - common);
}

/**
 * The keyword index's hits for `terms` as a retriever gives them: the evidence is the coverage,
 * scaled by how specific the rarest matched word is (see SpecificityScale). Shared with the bridge.
 */
export function keywordHits(index: KeywordIndex, terms: QueryTerms, limit: number, specificity: SpecificityScale = DEFAULT_SPECIFICITY): Hit[] {
  return index.query(terms, limit).map((hit) => ({
    position: hit.position,
    score: hit.score,
    evidence: hit.coverage * specificityShare(hit.rarestMatch, specificity),
    matchedTerms: hit.matchedTerms,
  }));
}
