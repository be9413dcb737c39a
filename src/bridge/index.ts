/**
 * The cross-lingual keyword bridge: English questions searched in the Arabic keyword index through
 * a dictionary (lexicon.ts), the corpus's own names (names.ts) and grouped query terms (query.ts).
 * A retriever for the search pipeline: it needs the keyword index and a name index of the corpus.
 */
import type { QueryTerms } from "../text/analyzer.js";
import { Lexicon } from "./lexicon.js";
import type { NameIndex } from "./names.js";
import { toQueryTerms } from "./query.js";
import { DEFAULT_TRANSLATION_SETTINGS, QueryTranslator, type TranslatedWord, type TranslationSettings } from "./translate.js";

export { explainMatch } from "./explain.js";
export { Lexicon } from "./lexicon.js";
export { buildNameIndex, NameIndex } from "./names.js";
export { toQueryTerms } from "./query.js";
export { QueryTranslator, type TranslatedWord } from "./translate.js";

/**
 * Least coverage of a translated question below which the bridge finds nothing related (its "none"
 * floor in the confidence stage; Arabic questions keep their own). 0.2, fitted on XQuAD's English
 * tuning half. `npm run bench:confidence -- --fit` now finds 0.21 as good: it gives one more of 20
 * off-topic questions "none", but holds back passages of answerable ones (tuning R@5 through the
 * abstention 0.880 → 0.877, `npm run bench:bridge -- --threshold 0.21`), so 0.2 stays. Off-topic
 * questions over a corpus about Russia and Hamas often share its words ("Russia", "war"), so many
 * of them land in the labelled "closest" tier rather than "none".
 */
export const BRIDGE_MIN_COVERAGE = 0.2;

/**
 * Least coverage of a translated question for its first passage to be given as an answer rather
 * than as the closest passages (the confidence stage's "answer" floor for the bridge). Fitted with
 * the none floor by `npm run bench:confidence -- --fit` on the tuning half, with roots covering
 * half a word (query.ts) and the common-word list (common-words.ts): answerable English questions
 * given "none" 1.5%, near-topic ones given "answer" 7.0% (held out: 1.6% and 6.3%). The common
 * words raised near-topic questions' coverage too: at 0.575, 13.6% of them got "answer".
 */
export const BRIDGE_ANSWER_COVERAGE = 0.675;

const LATIN_WORD = /\p{Script=Latin}{2,}/u;

/**
 * Whether a question needs the bridge: it has a word in Latin letters (an English question, or an
 * Arabic one with a Latin name). A question all in Arabic is searched as it is (analyzeQuery).
 */
export function needsBridge(question: string): boolean {
  return LATIN_WORD.test(question);
}

/** A translated question: what each English word became, and the keyword query. */
export interface BridgeQuery {
  translation: TranslatedWord[];
  terms: QueryTerms;
}

/** Translates questions for keyword search over one corpus. */
export class CrossLingualBridge {
  readonly translator: QueryTranslator;

  constructor(lexicon: Lexicon, names?: NameIndex, settings: TranslationSettings = DEFAULT_TRANSLATION_SETTINGS) {
    this.translator = new QueryTranslator(lexicon, names, settings);
  }

  /** A bridge with the committed lexicon (loaded once, ~0.1 s) and the corpus's name index. */
  static withCommittedLexicon(names?: NameIndex): CrossLingualBridge {
    return new CrossLingualBridge(Lexicon.load(), names);
  }

  /** The translation of `question` and its keyword query. */
  query(question: string): BridgeQuery {
    const translation = this.translator.translate(question);
    return { translation, terms: toQueryTerms(translation) };
  }
}
