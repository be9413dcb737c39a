/** Which words of a passage answer the question, and which sentence answers it best. */
import { analyzeWord, tokenize } from "../text/analyzer.js";
import { splitSentences, type Span } from "../text/sentences.js";

/** The spans of `text` whose words analyze to one of `terms`. */
export function matchingWords(text: string, terms: ReadonlySet<string>): Span[] {
  if (terms.size === 0) return [];
  return tokenize(text)
    .filter((token) => analyzeWord(token.word)?.some((term) => terms.has(term)))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * The sentence holding the most distinct question terms (the earliest on a tie), or undefined
 * when no sentence holds any.
 */
export function bestSentence(text: string, matches: Span[]): Span | undefined {
  let best: Span | undefined;
  let bestCount = 0;
  for (const sentence of splitSentences(text)) {
    const words = new Set(
      matches.filter((m) => m.start >= sentence.start && m.end <= sentence.end).map((m) => analyzeWord(text.slice(m.start, m.end))![0]),
    );
    if (words.size > bestCount) {
      best = sentence;
      bestCount = words.size;
    }
  }
  return best;
}
