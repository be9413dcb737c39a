/** The keyword retriever: BM25+ times coverage over the Arabic/English analyzer's terms (search/keyword.ts). */

import { DEFAULT_SPECIFICITY, INCIDENTAL_MISSING_WORD, type SpecificityScale } from "../../config/defaults.js";
import type { QueryTerms } from "../../text/analyzer.js";
import { UNLISTED_RARITY } from "../../text/general-frequency.js";
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
 * rarestMatch, rarestMissing, shareInCorpus and coversAllButIncidental in search/keyword.ts,
 * UNLISTED_RARITY, MISSING_RARITY_MARGIN, LEAST_SHARE_IN_CORPUS, INCIDENTAL_MISSING_WORD). The
 * probes' stored scores (index/calibration.json) are keyed by it.
 */
export const KEYWORD_EVIDENCE_VERSION = 7;

/**
 * How much rarer than a missing word a passage's rarest match must be for the passage to keep its
 * evidence, on the general rarity scale (−log10 of a word's share of text): log10(2), so a missing
 * word less than twice as common as the rarest match still counts against the passage. Ranks from a
 * tokenizer's vocabulary are rough, and a word about as rare as the match speaks as much of the
 * question's subject: in "Who won the Super Bowl this year?" the missing «ممتاز» (super, 4.04)
 * against the matched «فاز» (won, 4.20). Measured with `npm run bench:confidence` (held-out XQuAD
 * and batches 1 to 4), against no margin: off-topic questions given "none" 0.908 → 0.947
 * (Arabic) and 0.855 → 0.882 (English), the answerable and near-topic rates unchanged; margins
 * from 0.25 to 0.4 give the same rates (but 0.961 in Arabic at 0.4); at 0.5, English answerable
 * questions given "none" rise 0.021 → 0.025.
 */
export const MISSING_RARITY_MARGIN = Math.log10(2);

/**
 * The share of the question's Arabic-script words (not numbers, nor words the bridge left in Latin
 * letters) the corpus must hold in some form (KeywordHit.shareInCorpus) for a passage matching
 * only listed words (no name, term or number the general list lacks) to be evidence: above a
 * third. A passage matching one word of "lentil soup recipe" («وصف», described, for recipe), when
 * the corpus has neither lentils nor soup in any form, says nothing about the question; one
 * matching «مشعل» in «هل أكل مشعل العدس؟» does, whatever else the corpus lacks. Counted over the
 * questions of `npm run bench:confidence` before the rule (a throwaway script): no answerable
 * question, Arabic or English, XQuAD's (both halves) or ours, has a share of 0.4 or less; of the
 * English off-topic ones, 39 have a third or less, 37 of them already without evidence; a
 * threshold of 0.5 would refuse 9 English and 4 Arabic answerable questions. With the rule,
 * English off-topic questions given "none" 67 → 69 of 76 (batches 1 to 4), nothing else moved.
 */
export const LEAST_SHARE_IN_CORPUS = 1 / 3;

/**
 * How much of a keyword hit's coverage is evidence that the passage answers the question:
 * - none when the question has a word that the general word list knows, more specific than any
 *   the passage matches, and that the corpus never uses: the question is about something else
 *   (in «ما هي أكبر دولة في أفريقيا من حيث المساحة؟», passages match «أكبر» or «دولة», but none
 *   speaks of «أفريقيا»), or a number that the corpus never writes, whatever the passage matches
 *   (a question about 1979 of a corpus without it); a missing word nearly as rare as the rarest
 *   match counts too (MISSING_RARITY_MARGIN);
 * - none when the passage matches only listed words and the corpus holds at most a third of the
 *   question's Arabic words in any form (LEAST_SHARE_IN_CORPUS);
 * - else the coverage, scaled by how specific the rarest matched word is (see SpecificityScale);
 *   a passage matching every word of the question but those that the corpus lacks and that say
 *   little of its subject covers at least INCIDENTAL_MISSING_WORD.coverage.
 */
export function keywordEvidence(hit: KeywordHit, specificity: SpecificityScale = DEFAULT_SPECIFICITY): number {
  if (hit.rarestMissing > 0 && hit.rarestMissing + MISSING_RARITY_MARGIN > hit.rarestMatch) return 0;
  if (hit.shareInCorpus <= LEAST_SHARE_IN_CORPUS && hit.rarestMatch < UNLISTED_RARITY) return 0;
  const coverage = hit.coversAllButIncidental ? Math.max(hit.coverage, INCIDENTAL_MISSING_WORD.coverage) : hit.coverage;
  return coverage * specificityShare(hit.rarestMatch, specificity);
}

/** The keyword index's hits for `terms` as a retriever gives them, with keywordEvidence. Shared with the bridge. */
export function keywordHits(index: KeywordIndex, terms: QueryTerms, limit: number, specificity: SpecificityScale = DEFAULT_SPECIFICITY): Hit[] {
  return index.query(terms, limit).map((hit) => ({
    position: hit.position,
    score: hit.score,
    evidence: keywordEvidence(hit, specificity),
  }));
}
