/**
 * Default values of the engine's settings. This module imports nothing, so reading settings never
 * loads the model runtime (onnxruntime costs about 300 ms and 120 MB to load).
 */

/** When a question counts as having no answer in the corpus. */
export interface AbstentionThresholds {
  /**
   * Least share of the question's IDF weight that some keyword hit must cover. Unknown words
   * weigh the most, so a question about something the corpus never mentions falls below it.
   */
  keywordCoverage: number;
  /** Least cosine similarity of the best dense hit (meaningful for the real e5 model only). */
  denseSimilarity: number;
}

/**
 * keywordCoverage 0.35: on the seed question set, in-corpus Arabic questions reach at least 0.51
 * and off-topic ones at most 0.20 (`npm run eval`). denseSimilarity 0.83 is a typical relevance
 * floor for multilingual-e5 cosine scores; it could not be calibrated here without the real model.
 */
export const DEFAULT_ABSTENTION: AbstentionThresholds = { keywordCoverage: 0.35, denseSimilarity: 0.83 };

/** Passages in one answer (ANSWER_PASSAGES). */
export const DEFAULT_PASSAGES = 3;

/** The embedding model downloaded on first use when no model folder is given. */
export const DEFAULT_MODEL = "Xenova/multilingual-e5-small";
