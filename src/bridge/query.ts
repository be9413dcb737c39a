/**
 * A translated question as the keyword index's query (QueryTerms): each English word is ONE query
 * word whose terms are those of all its Arabic alternatives, so that a passage matching any one of
 * them covers the word once, and every alternative's main term ranks as a main term.
 */
import { analyzeWord, BIGRAM_JOINER, isRootTerm, splitWords, type QueryTerms } from "../text/analyzer.js";
import type { TranslatedWord } from "./translate.js";

/** Most phrase terms made from two adjacent groups (their alternatives' main terms paired). */
const MAX_BIGRAMS_PER_PAIR = 4;

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

/** The keyword query of a translation (see the module comment). */
export function toQueryTerms(translation: TranslatedWord[]): QueryTerms {
  const words: string[][] = [];
  const mainTerms = new Set<string>();
  const bigrams = new Set<string>();
  /** Each group's main terms of one-word alternatives (the two ends of a phrase with a neighbour). */
  const ends: string[][] = [];
  for (const { en, ar } of translation) {
    const alternatives = (ar.length > 0 ? ar : [en]).map(analyzeAlternative).filter((a) => a.main.length > 0);
    if (alternatives.length === 0) continue;
    // Main terms first (the first is the word's main term as QueryTerms has it), then the looser stems, then roots.
    const all = alternatives.flatMap((a) => a.terms);
    const main = [...new Set(alternatives.flatMap((a) => a.main))];
    const terms = [...new Set([...main, ...all.filter((t) => !isRootTerm(t)), ...all.filter(isRootTerm)])];
    const existing = words.findIndex((forms) => forms[0] === terms[0]);
    if (existing >= 0) continue; // the same word twice
    words.push(terms);
    main.slice(1).forEach((term) => mainTerms.add(term));
    for (const a of alternatives) for (let i = 0; i + 1 < a.main.length; i++) bigrams.add(a.main[i] + BIGRAM_JOINER + a.main[i + 1]);
    ends.push(main);
  }
  for (let g = 0; g + 1 < ends.length; g++) {
    const pairs = ends[g]!.flatMap((a) => ends[g + 1]!.map((b) => a + BIGRAM_JOINER + b));
    pairs.slice(0, MAX_BIGRAMS_PER_PAIR).forEach((p) => bigrams.add(p));
  }
  return { words, bigrams: [...bigrams], mainTerms: [...mainTerms] };
}
