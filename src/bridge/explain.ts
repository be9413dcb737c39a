/** The match line shown with an answer to a translated question: which English word matched as which Arabic word. */
import { analyzeWordCached, isRootTerm, splitWords } from "../text/analyzer.js";
import type { TranslatedWord } from "./translate.js";

/** Separates the words of a match line. */
export const MATCH_SEPARATOR = " · ";

/**
 * `Meshaal → مشعل · Moscow → موسكو`: each English word of the translation with the first of its
 * Arabic alternatives that a passage matched (`matchedTerms`: the analyzed terms of the words it
 * matched; a match of a root alone does not count), each pair once. An alternative of several
 * words counts only when the passage matched every one of them: «الاتحاد السوفييتي» is no match
 * for EU → «الاتحاد الأوروبي». Words that matched nothing, and Arabic words of a mixed question
 * (they need no explanation), are left out.
 */
export function explainMatch(translation: TranslatedWord[], matchedTerms: Iterable<string>): string {
  const matched = new Set(matchedTerms);
  const parts = new Set<string>();
  for (const { en, ar } of translation) {
    if (ar.length === 1 && ar[0] === en) continue;
    const hit = ar.find((alternative) => {
      const words = splitWords(alternative)
        .map(analyzeWordCached)
        .filter((terms) => terms !== null);
      return words.length > 0 && words.every((terms) => terms.some((term) => !isRootTerm(term) && matched.has(term)));
    });
    if (hit) parts.add(`${en} → ${hit}`);
  }
  return [...parts].join(MATCH_SEPARATOR);
}
