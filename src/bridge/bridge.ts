/**
 * The cross-lingual keyword bridge: English questions searched in the Arabic keyword index through
 * a dictionary (lexicon.ts), the corpus's own names (names.ts) and grouped query terms (query.ts).
 */
import { BRIDGE, type TranslationSettings } from "../config/tuning.js";
import type { QueryTerms } from "../text/analyzer.js";
import { Lexicon } from "./lexicon.js";
import type { NameIndex } from "./names.js";
import { toQueryTerms } from "./query.js";
import { QueryTranslator, type TranslatedWord } from "./translate.js";

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

  constructor(lexicon: Lexicon, names?: NameIndex, settings: TranslationSettings = BRIDGE.translation) {
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
