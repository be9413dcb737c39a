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
 * Least evidence of a translated question below which the bridge finds nothing related (its "none"
 * floor in the confidence stage; Arabic questions keep their own). The evidence is the coverage of
 * the translated words, as the keyword list's evidence (search/retrievers/keyword.ts: scaled by
 * general word rarity, none when a more specific word is missing from the corpus). Fitted with the
 * answer floor and that scale by `npm run bench:confidence -- --fit` on XQuAD's English tuning
 * half and the project's own tuning sets (batches 1 to 3 since batch 4 was written): answerable
 * English questions given "none" 1.8%, near-topic ones given "answer" 7.1%, off-topic ones given
 * "none" 87% (of 60). Before the missing-word rule the none floor was 0.18; before the scale the
 * floors were 0.2 / 0.675.
 */
export const BRIDGE_MIN_COVERAGE = 0.17;

/**
 * Least evidence of a translated question for its first passage to be given as an answer rather
 * than as the closest passages (the confidence stage's "answer" floor for the bridge), fitted with
 * the none floor (above): 0.65 when the tuning sets were batches 1 and 2, 0.675 since batch 3
 * joined them.
 */
export const BRIDGE_ANSWER_COVERAGE = 0.675;

/**
 * The share of the bridge list's best evidence a passage needs to be shown (the confidence
 * stage's EvidenceFloors.shownShare, which also picks the first passage the answer vote reads;
 * the other lists keep 0.5). A translated question's coverage is a rougher guide than an Arabic
 * one's: the dictionary's word is not always the text's, so the gold passage can trail the first
 * by more. On XQuAD's English tuning half through `ask`, gold in the first five: 553 of 632 at
 * 0.5, 555 at 0.4, 556 from 0.35 down to 0 (every related passage); 0.3 is inside that range
 * rather than at its edge. Cost, with `ask`'s default of 3 passages (XQuAD's 2,380 Arabic and
 * English questions, p50, three runs each way): 0.81–0.83 ms against 0.78–0.79 ms at 0.5.
 */
export const BRIDGE_SHOWN_SHARE = 0.3;

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
