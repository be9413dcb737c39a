/**
 * Default values of the engine's settings. This module imports nothing, so reading settings never
 * loads the model runtime (onnxruntime costs about 300 ms and 120 MB to load).
 */

/**
 * The confidence stage's floors (search/confidence.ts): below a "none" floor a retriever finds
 * nothing related; from an "answer" floor its first passage answers. Calibration on off-topic
 * probes (search/confidence-calibration.ts) raises them where the corpus or the model needs it.
 */
export interface AbstentionThresholds {
  /**
   * Least evidence of some keyword hit for the question to be related at all
   * (MIN_KEYWORD_COVERAGE): the share of the question's IDF weight the hit covers, scaled by
   * specificity (SpecificityScale), and none when the question has a more specific word, known to
   * the general word list, that the corpus never uses (search/retrievers/keyword.ts). Words the
   * corpus lacks weigh the most, so a question about something it never mentions falls below it.
   */
  keywordCoverage: number;
  /** Least evidence of the first passage for an "answer" rather than "closest" (ANSWER_KEYWORD_COVERAGE). */
  keywordAnswer: number;
  /** Least cosine similarity of the best dense hit to be related, on top of the probes' (MIN_SIMILARITY). */
  denseSimilarity: number;
  /** Least cosine of the first passage for an "answer", on top of the probes' (ANSWER_SIMILARITY). */
  denseAnswer: number;
}

/**
 * Fitted by `npm run bench:confidence` on XQuAD's tuning half, the seed set and the project's
 * own near- and off-topic questions (docs/benchmarks.md). The dense floors are 0: the probes set
 * them for whichever model is loaded (a fixed cosine means nothing across models).
 */
export const DEFAULT_ABSTENTION: AbstentionThresholds = { keywordCoverage: 0.2, keywordAnswer: 0.575, denseSimilarity: 0, denseAnswer: 0 };

/**
 * How the keyword retrievers (keyword and bridge) scale their evidence by general rarity
 * (text/general-frequency.ts: −log10 of a word's share of Arabic text). A passage whose rarest
 * matched word is one any text uses is weak evidence that the corpus speaks of the question's
 * subject, however much of the question's corpus-IDF weight it covers: in a small corpus «أفضل»
 * (best) is as rare as a name. The ranking is untouched; the tiers, and which passages are shown
 * (those with at least half the list's best evidence), follow the scaled evidence.
 */
export interface SpecificityScale {
  /** At or below this rarity of the rarest matched word, the evidence is 0 («العربية» 2.9, «العالم» 3.0). */
  common: number;
  /**
   * From this rarity on, the evidence is the whole coverage («روسيا» 4.1, «حماس» 4.1, names 6); in
   * between, in proportion («أفضل» 3.3 keeps 43% of it).
   */
  specific: number;
}

/** Fitted by `npm run bench:confidence -- --fit` with the floors above, on the tuning data only. */
export const DEFAULT_SPECIFICITY: SpecificityScale = { common: 3, specific: 3.6 };

/**
 * A question's word that no passage holds by any stem and that says little of what the question is
 * about: a word any text uses (general rarity below `generalRarity`, text/general-frequency.ts:
 * «طبيعة», nature, 3.8; «صحيح», true, 3.7; names stand from 4 on: «روسيا» 4.1, «أفريقيا» 4.2), or
 * one the corpus holds by its root alone, a form the stemmer cannot reach (a name behind a
 * preposition, «بحماس»). Such a word weighs most in keyword coverage, as every word the corpus lacks
 * does, so «ما طبيعة العلاقة بين روسيا وحماس؟» had 0.15 of its weight covered by the passages that
 * match all of its other words, and got "none". A passage that matches every other word of the
 * question has at least `coverage` as evidence: 0.5, between the none and answer floors of both
 * keyword lists (0.2 / 0.575 and the bridge's 0.17 / 0.65), so such a question gets "closest" and
 * never "answer" by this rule. `generalRarity` measured with `npm run bench:confidence`: 3.8 and 4
 * give the same rates (every target kept, no near-topic question given "answer"); 4.5 lets an
 * English off-topic question through ("What are the symptoms of diabetes?"). The rule needs
 * `leastKeptWords` other words: with one, "What are the ingredients of hummus?" (hummus matching
 * حماس as a name) got "closest" (`npm run bench:bridge`, seed off-topic refused 0.79 → 0.75).
 */
export const INCIDENTAL_MISSING_WORD = { generalRarity: 4, coverage: 0.5, leastKeptWords: 2 } as const;

/**
 * How the retrievers' ranked lists become one ranking (search/fusion.ts): weighted Reciprocal Rank
 * Fusion, each passage scoring Σ weight / (60 + rank) over the lists it is in. Lists that found
 * nothing related are left out before fusion, and a list fused alone keeps its own order.
 */
export interface FusionSettings {
  /**
   * Weight of each retriever's list, by retriever name: keyword (the Arabic keyword index), bridge
   * (English words translated into Arabic, searched in the same index) and dense (embeddings,
   * only with a model). Only their ratios matter; 0 switches a retriever off: its list neither
   * ranks nor votes on the answer's tier. At least one weight must be above 0.
   */
  weights: { keyword: number; bridge: number; dense: number };
  /** Passages each retriever contributes to fusion (its list's depth): a whole number, at least 1. */
  candidates: number;
}

/**
 * Equal weights (plain RRF) and 50 candidates per list. `npm run bench:tune -- --fusion` grids them
 * on XQuAD's tuning half; with the random-weight model that run only checks the plumbing, so the
 * defaults stay until the real model has been measured.
 */
export const DEFAULT_FUSION: FusionSettings = { weights: { keyword: 1, bridge: 1, dense: 1 }, candidates: 50 };

/** Passages in one answer (ANSWER_PASSAGES). */
export const DEFAULT_PASSAGES = 3;

/** The embedding model downloaded on first use when no model folder is given. */
export const DEFAULT_MODEL = "Xenova/multilingual-e5-small";
