/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */

import { EVIDENCE, type SpecificityScale } from "../../config/tuning.js";
import type { QueryTerms } from "../../text/analyzer.js";
import type { KeywordHit, KeywordIndex } from "../keyword-index.js";
import type { Hit, Retriever, SearchQuery } from "../retriever.js";

/** The keyword retriever over `index`, its evidence scaled by `specificity` (see keywordHits). */
export function keywordRetriever(index: KeywordIndex, specificity: SpecificityScale = EVIDENCE.specificity): Retriever {
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
 * rarestMatch, rarestMissing, shareInCorpus and coversAllButIncidental in search/keyword.ts, and
 * EVIDENCE in config/tuning.ts). The probes' stored scores (index/calibration.json) are keyed by it.
 */
export const KEYWORD_EVIDENCE_VERSION = 7;

/**
 * How much of a keyword hit's coverage is evidence that the passage answers the question:
 * - none when the question has a word that the general word list knows, more specific than any
 *   the passage matches, and that the corpus never uses: the question is about something else
 *   (in «ما هي أكبر دولة في أفريقيا من حيث المساحة؟», passages match «أكبر» or «دولة», but none
 *   speaks of «أفريقيا»), or a number that the corpus never writes, whatever the passage matches
 *   (a question about 1979 of a corpus without it); a missing word nearly as rare as the rarest
 *   match counts too (EVIDENCE.missingRarityMargin);
 * - none when the passage matches only listed words and the corpus holds at most a third of the
 *   question's Arabic words in any form (EVIDENCE.leastShareInCorpus);
 * - else the coverage, scaled by how specific the rarest matched word is (see SpecificityScale);
 *   a passage matching every word of the question but those that the corpus lacks and that say
 *   little of its subject covers at least EVIDENCE.incidentalCoverage.
 */
export function keywordEvidence(hit: KeywordHit, specificity: SpecificityScale = EVIDENCE.specificity): number {
  if (hit.rarestMissing > 0 && hit.rarestMissing + EVIDENCE.missingRarityMargin > hit.rarestMatch) return 0;
  if (hit.shareInCorpus <= EVIDENCE.leastShareInCorpus && hit.rarestMatch < EVIDENCE.unlistedRarity) return 0;
  const coverage = hit.coversAllButIncidental ? Math.max(hit.coverage, EVIDENCE.incidentalCoverage) : hit.coverage;
  return coverage * specificityShare(hit.rarestMatch, specificity);
}

/** The keyword index's hits for `terms` as a retriever gives them, with keywordEvidence. Shared with the bridge. */
export function keywordHits(index: KeywordIndex, terms: QueryTerms, limit: number, specificity: SpecificityScale = EVIDENCE.specificity): Hit[] {
  return index.query(terms, limit).map((hit) => ({
    position: hit.position,
    score: hit.score,
    evidence: keywordEvidence(hit, specificity),
  }));
}
