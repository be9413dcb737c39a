/**
 * A translated question as the keyword index's query (QueryTerms): each English word is ONE query
 * word whose terms are those of all its Arabic alternatives, so that a passage matching any one of
 * them covers the word once, and every alternative's main term ranks as a main term.
 */
import { BRIDGE } from "../config/tuning.js";
import { analyzeWord, BIGRAM_JOINER, isRootTerm, type QueryTerms, splitWords } from "../text/analyzer.js";
import type { TranslatedWord } from "./translate.js";

/** The main terms of an alternative (one per content word) and all its terms. */
function analyzeAlternative(text: string): { main: string[]; terms: string[] } {
  const main: string[] = [];
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    const analyzed = analyzeWord(word);
    if (!analyzed) continue;
    main.push(analyzed[0]!);
    terms.push(...analyzed);
  }
  return { main, terms };
}

/**
 * The query words of one translated word: one group of alternatives; or, when its Arabic is a
 * phrase (United Nations → الأمم المتحدة, Volga → نهر الفولجا), one group per word of the phrase,
 * each with the words at the same place in the other alternatives of the same length. A phrase
 * counts for as many query words as it has, so that one common word of it (الروسي) does not cover
 * it. One-word alternatives are preferred to phrases, which are often explanations.
 */
export function queryGroups({ en, ar: senses }: TranslatedWord): string[][] {
  if (senses.length === 0) return [[en]];
  // FreeDict writes synonyms of one sense with a slash (october → «أكتوبر/تشرين الأول»): each is an alternative.
  const ar = senses.flatMap((sense) => sense.split("/").map((alternative) => alternative.trim())).filter(Boolean);
  const single = ar.filter((alternative) => splitWords(alternative).length === 1);
  if (single.length > 0) return [single];
  const first = splitWords(ar[0]!);
  const sameLength = ar.map(splitWords).filter((words) => words.length === first.length);
  return first.map((_, place) => [...new Set(sameLength.map((words) => words[place]!))]);
}

/** The keyword query of a translation (see the module comment). */
export function toQueryTerms(translation: TranslatedWord[]): QueryTerms {
  const words: string[][] = [];
  const mainTerms = new Set<string>();
  const bigrams = new Set<string>();
  /** The main terms of each query word, for the phrase terms of neighbours. */
  const mains: string[][] = [];
  for (const group of translation.flatMap(queryGroups)) {
    const alternatives = group.map(analyzeAlternative).filter((a) => a.main.length > 0);
    if (alternatives.length === 0) continue;
    // Main terms first (the first is the word's main term as QueryTerms has it), then the looser stems, then roots.
    const all = alternatives.flatMap((a) => a.terms);
    const main = [...new Set(alternatives.flatMap((a) => a.main))];
    const terms = [...new Set([...main, ...all.filter((t) => !isRootTerm(t)), ...all.filter(isRootTerm)])];
    if (words.some((forms) => forms[0] === terms[0])) continue; // the same word twice
    words.push(terms);
    for (const term of main.slice(1)) mainTerms.add(term);
    mains.push(main);
  }
  // Neighbours make phrase terms in both orders: Arabic puts the adjective after its noun.
  for (let g = 0; g + 1 < mains.length; g++) {
    const pairs = mains[g]!.flatMap((a) => mains[g + 1]!.flatMap((b) => [a + BIGRAM_JOINER + b, b + BIGRAM_JOINER + a]));
    for (const p of pairs.slice(0, BRIDGE.maxBigramsPerPair)) bigrams.add(p);
  }
  return { words, bigrams: [...bigrams], mainTerms: [...mainTerms], rootCoverage: BRIDGE.rootCoverage };
}
