/**
 * Every fitted value of the search, in one table: one record per retriever, one per stage. Each
 * value says what it is, its range and the benchmark that chose it; how it was chosen and what
 * else was measured is in docs/retrieval-tuning.md, under the value's name. A new retriever is one
 * more entry in RETRIEVERS (and a file in search/retrievers/).
 *
 * This module imports nothing, so reading settings never loads the model runtime.
 */

/** A retriever's part in the answer: its evidence floors (on its own scale) and its weight in fusion. */
export interface RetrieverTuning {
  /**
   * "none" floor: below it no passage of the list is related to the question. Keyword lists:
   * evidence is a share of the question's weight, 0 to 1; dense: cosine, −1 to 1.
   */
  none: number;
  /** "answer" floor: from it on the list's first passage answers the question; at least `none`. */
  answer: number;
  /**
   * Share of the list's best evidence a passage needs to be shown once the best reaches `none`,
   * 0 to 1 (0: each passage must reach `none` itself, for evidence that is no share of a whole).
   * It also picks the first passage the answer vote reads.
   */
  shownShare: number;
  /** Whether the off-topic probes raise the floors, for evidence whose scale changes with the model (cosine). */
  followProbes: boolean;
  /** Weight of the list in fusion, 0 or more; only ratios matter, 0 switches the retriever off. */
  fusionWeight: number;
}

/** The confidence stage (search/confidence.ts): which passages it shows, and its use of the off-topic probes. */
export const CONFIDENCE = {
  /** The share of a list's best evidence a shown passage needs when its retriever gives none, 0 to 1: 0.5 (bench:retrieval). */
  shownShare: 0.5,
  /** The probes' quantile a list's best evidence must pass to be related, 0 to 1: 0.9 (not fitted: no real model here). */
  probeQuantile: 0.9,
  /** How far above the none floor the answer floor stands, in probe spreads (quantile − median), 0 or more: 1 (not fitted). */
  answerGap: 1,
} as const;

/** The retrievers of the search pipeline, by name. */
export const RETRIEVERS = {
  /** The question's own words in the keyword index. Floors: `npm run bench:confidence -- --fit`; share: bench:retrieval. */
  keyword: { none: 0.2, answer: 0.575, shownShare: CONFIDENCE.shownShare, followProbes: false, fusionWeight: 1 },
  /** The English words translated (bridge/) in the keyword index. Floors: bench:confidence -- --fit; share: bench:retrieval. */
  bridge: { none: 0.17, answer: 0.675, shownShare: 0.3, followProbes: false, fusionWeight: 1 },
  /** The question's embedding against the passages'. Floors 0: the probes set them per model. Weight 1, plain RRF (not fitted). */
  dense: { none: 0, answer: 0, shownShare: 0, followProbes: true, fusionWeight: 1 },
} as const satisfies Record<string, RetrieverTuning>;

export type RetrieverName = keyof typeof RETRIEVERS;

/** Fusion of the retrievers' lists (search/fusion.ts). */
export const FUSION = {
  /** Passages each list contributes, a whole number from 1: 50 (not fitted: `bench:tune -- --fusion` needs a real model). */
  candidates: 50,
  /** Reciprocal Rank Fusion's constant, how much rank 1 outweighs rank 10; 60, the paper's robust value (not fitted). */
  rrfK: 60,
} as const;

/**
 * How the keyword retrievers' evidence follows general word rarity (text/general-frequency.ts,
 * −log10 of a word's share of Arabic text: «العالم» 3.0, «روسيا» 4.1, names 6).
 */
export interface SpecificityScale {
  /** At or below this rarity of the rarest matched word, the evidence is 0. */
  common: number;
  /** From this rarity on, the evidence is the whole coverage; in between, in proportion. Above `common`. */
  specific: number;
}

/** Keyword evidence (search/retrievers/keyword.ts); every value chosen with `npm run bench:confidence`. */
export const EVIDENCE = {
  /** The specificity scale: rarities 3 and 3.6 (`-- --fit`, tuning data only). */
  specificity: { common: 3, specific: 3.6 } satisfies SpecificityScale,
  /** How much rarer than a missing word a passage's rarest match must be to keep its evidence, in log10: log10 2 (0.25 to 0.4 measure the same). */
  missingRarityMargin: Math.log10(2),
  /** The share of the question's Arabic words the corpus must hold for a passage matching listed words only to count, 0 to 1: 1/3. */
  leastShareInCorpus: 1 / 3,
  /** The rarity of a word the general list lacks, above its rarest (4.72): 6. */
  unlistedRarity: 6,
  /** A missing word below this general rarity says little of the question («طبيعة» 3.8); names stand from 4 on: 4 (3.8 to 4 measure the same). */
  incidentalRarity: 4,
  /** The least evidence of a passage matching every word of the question but such incidental ones, 0 to 1: 0.5, between the floors. */
  incidentalCoverage: 0.5,
  /** How many other words the question must have for that floor to apply: 2 ("ingredients of hummus" has one). */
  incidentalKeptWords: 2,
} as const;

/** Ranking of the keyword index (search/keyword-index.ts), tuned on XQuAD's first 24 articles by `npm run bench:tune`. */
export interface KeywordSearchSettings {
  /** Weight of a match in each field, 0 or more. */
  boost: { text: number; section: number; title: number };
  /** BM25+ parameters: term-frequency saturation k (1.2 to 2), length normalization b (0 to 1), lower bound d (0 to 1). */
  bm25: { k: number; b: number; d: number };
  /**
   * Weights relative to a word's light stem, 0 to 1: of its broad stem when it differs (a looser
   * match), of its root (the loosest), and of a phrase term (two adjacent words).
   */
  weights: { broadStem: number; root: number; phrase: number };
  /**
   * From `minPassages` passages on, a search scores only the passages that hold at least one of
   * the question's rarer terms, taken rarest first until their posting lists reach
   * `candidatePostings` entries (bench:indexing; the ranking of smaller corpora is untouched).
   */
  largeCorpus: { minPassages: number; candidatePostings: number };
}

export const KEYWORD_SEARCH: Readonly<KeywordSearchSettings> = {
  boost: { text: 1, section: 0.6, title: 0.3 },
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  weights: { broadStem: 0.5, root: 0.5, phrase: 0.3 },
  largeCorpus: { minPassages: 5_000, candidatePostings: 5_000 },
};

/** How English words become Arabic query words (bridge/translate.ts); `npm run bench:bridge -- --variants` measures each. */
export interface TranslationSettings {
  /** Senses taken from the lexicon per word, from 1 (the first only). */
  senses: number;
  /** Most alternatives per word, from 1. */
  maxAlternatives: number;
  /** Whether a capitalized word the lexicon has is also matched against the corpus as a name (Warsaw → وارسو). */
  namesForKnownCapitalized: boolean;
  /** Fewest consonant classes a word the lexicon lacks needs to be matched to a corpus word, whatever its case (gaza: 2). */
  nameMinClasses: number;
  /** Fewest consonant classes a capitalized word the lexicon has needs to be matched as a name too (Bible is not بلا). */
  knownNameMinClasses: number;
  /** Largest distance of a name match, as a share of the English word's shape, 0 to 1. */
  nameMaxDistance: number;
  /** Words left out besides the stop words and question words. */
  moreStopWords: string[];
  /** Whether imperatives get their past forms. */
  imperatives: boolean;
  /** Whether a word whose every translation is absent from the corpus is matched against the corpus as a name or rare word. */
  namesForAbsentTranslations: boolean;
  /** Whether that holds for a lower-case word too. */
  lowerCaseAbsentAsNames: boolean;
  /** Largest name distance for such a word, 0 to 1: the dictionary knows it, so a name match must be a close spelling. */
  absentNameMaxDistance: number;
  /** Most corpus words a name is matched to, from 1. */
  nameLimit: number;
  /** Whether an inflected word the lexicon has (killed → مقتول) also takes its base form's translation (kill → القتل). */
  baseFormToo: boolean;
  /** Largest name distance for a capitalized word the lexicon translates into words of the corpus, 0 to 1. */
  knownNameMaxDistance: number;
  /** Whether such a word's name match comes after its translations rather than before. */
  knownNamesAfter: boolean;
  /** Whether a name match may be an Arabic stop word. */
  nameStopWords: boolean;
  /** Whether the preferred translations (bridge/preferred-translations.tsv) come before the lexicon. */
  preferredTranslations: boolean;
  /**
   * Fewest consonant classes a lower-case word needs to be read as a name by its sounds: a word the
   * dictionary spells by its sounds (dmitry → ديميتري), or the next word of a lower-case name (new
   * york times); from 2. Shorter skeletons meet by chance (immune, منيع: M-N). 3: bench:bridge and
   * bench:confidence (docs/retrieval-tuning.md).
   */
  soundNameMinClasses: number;
}

/** The cross-lingual bridge (bridge/): translation, and how translated words count in the keyword index. */
export const BRIDGE = {
  /** Measured best on XQuAD's English tuning half by `npm run bench:bridge -- --variants`. */
  translation: {
    senses: 1,
    maxAlternatives: 4,
    namesForKnownCapitalized: true,
    nameMinClasses: 2,
    nameLimit: 1,
    namesForAbsentTranslations: true,
    lowerCaseAbsentAsNames: false,
    imperatives: true,
    baseFormToo: false,
    preferredTranslations: true,
    knownNameMaxDistance: 0.34,
    absentNameMaxDistance: 0.2,
    knownNamesAfter: false,
    nameStopWords: true,
    knownNameMinClasses: 2,
    nameMaxDistance: 0.34,
    moreStopWords: [],
    soundNameMinClasses: 3,
  } satisfies TranslationSettings,
  /** The share of a translated word that a match of its root alone covers, 0 to 1: 0.5 (bench:confidence -- --fit, bench:retrieval). */
  rootCoverage: 0.5,
  /** Most phrase terms made from two adjacent translated words, from 1: 4 (bench:bridge). */
  maxBigramsPerPair: 4,
} as const;

/** How the sentence an answer sets apart is chosen (answer/highlight.ts, answer/answer-kinds.ts). */
export interface BestSentenceSettings {
  /** Weight of a word that few of the passage's sentences hold: times the log of the share holding it, negated; 0 or more. */
  localSpecificity: number;
  /** Share of its rarity a word counts for that meets a question word by its root alone (not marked in the text), 0 to 1. */
  rootWeight: number;
  /** Weight of the matched words standing together (distinct words over the words their span covers, 0 to 1), in rarity units. */
  proximity: number;
  /** What holding a candidate of the asked kind of answer (a date, a number, a name, a place) adds, in rarity units. */
  answerKind: number;
  /** The least general rarity (text/general-frequency.ts) of a word that may be a name or a place. */
  nameRarity: number;
  /** Longest a continuation sentence may be with the one before it, in characters, to be weighed and set apart together (0: never). */
  joinedLength: number;
  /**
   * The kinds of answer whose likely words are marked in the best sentence; the others only weigh in
   * its choice. (answer/answer-kinds.ts's AnswerKind, spelled out: this module imports nothing.)
   */
  markedKinds: readonly ("date" | "number" | "name" | "place")[];
}

/** The best sentence; chosen on XQuAD's first 24 articles, Arabic and English, with `npm run bench:tune -- --sentence`. */
export const BEST_SENTENCE: Readonly<BestSentenceSettings> = {
  localSpecificity: 3,
  rootWeight: 0,
  proximity: 2,
  answerKind: 4,
  nameRarity: 4.5,
  joinedLength: 250,
  /** Dates and numbers: a name or place told by rarity alone was the answer in under one mark in two (`bench:tune -- --sentence --marks`). */
  markedKinds: ["date", "number"],
};
