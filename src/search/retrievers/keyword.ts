/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */

import { DEFAULT_SPECIFICITY, type SpecificityScale } from "../../config/defaults.js";
import type { QueryTerms } from "../../text/analyzer.js";
import type { KeywordHit, KeywordIndex } from "../keyword.js";
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
 * Raised whenever the evidence changes: keywordEvidence, or what it reads (KeywordHit's coverage,
 * rarestMatch and rarestMissing in search/keyword.ts, UNLISTED_RARITY). The probes' stored scores
 * (index/calibration.json) are keyed by it.
 */
export const KEYWORD_EVIDENCE_VERSION = 3;

/**
 * How much of a keyword hit's coverage is evidence that the passage answers the question:
 * - none when the question has a word that the general word list knows, more specific than any
 *   the passage matches, and that the corpus never uses: the question is about something else
 *   (in «ما هي أكبر دولة في أفريقيا من حيث المساحة؟», passages match «أكبر» or «دولة», but none
 *   speaks of «أفريقيا»), or a number that the corpus never writes, whatever the passage matches
 *   (a question about 1979 of a corpus without it);
 * - else the coverage, scaled by how specific the rarest matched word is (see SpecificityScale).
 */
export function keywordEvidence(hit: KeywordHit, specificity: SpecificityScale = DEFAULT_SPECIFICITY): number {
  if (hit.rarestMissing > hit.rarestMatch) return 0;
  return hit.coverage * specificityShare(hit.rarestMatch, specificity);
}

/** The keyword index's hits for `terms` as a retriever gives them, with keywordEvidence. Shared with the bridge. */
export function keywordHits(index: KeywordIndex, terms: QueryTerms, limit: number, specificity: SpecificityScale = DEFAULT_SPECIFICITY): Hit[] {
  return index.query(terms, limit).map((hit) => ({
    position: hit.position,
    score: hit.score,
    evidence: keywordEvidence(hit, specificity),
  }));
}
