/**
 * The cross-lingual bridge retriever: an English question (or an Arabic one with Latin words),
 * translated word by word into groups of Arabic alternatives (src/bridge), searched in the Arabic
 * keyword index. Its evidence is the coverage of the translated words, scaled as the keyword retriever's
 * (keywordHits), with floors of its own.
 */
import { EVIDENCE, type SpecificityScale } from "../../config/tuning.js";
import type { KeywordIndex } from "../keyword-index.js";
import type { Hit, Retriever, SearchQuery } from "../retriever.js";
import { keywordHits } from "./keyword.js";

/** The bridge retriever over the Arabic keyword `index`, its evidence scaled by `specificity` as the keyword retriever's. */
export function bridgeRetriever(index: KeywordIndex, specificity: SpecificityScale = EVIDENCE.specificity): Retriever {
  return {
    name: "bridge",
    needsEmbedding: false,
    retrieve: (query: SearchQuery, limit: number): Hit[] => (query.translatedTerms ? keywordHits(index, query.translatedTerms, limit, specificity) : []),
  };
}
