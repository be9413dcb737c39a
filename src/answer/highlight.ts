/** Which words of a passage answer the question, and which sentence answers it best. */
import { analyzeWord, tokenize } from "../text/analyzer.js";
import { type Span, splitSentences } from "../text/sentences.js";

export interface Highlights {
  /** The spans of the text whose words analyze to one of the question's terms. */
  matches: Span[];
  /** The sentence holding the most distinct question words (the earliest on a tie), if any does. */
  bestSentence?: Span;
}

/** Finds the matching words of `text` and its best sentence, analyzing each word once. */
export function highlight(text: string, terms: ReadonlySet<string>): Highlights {
  if (terms.size === 0) return { matches: [] };
  const matched: (Span & { word: string })[] = [];
  for (const token of tokenize(text)) {
    const forms = analyzeWord(token.word);
    if (forms?.some((term) => terms.has(term))) matched.push({ start: token.start, end: token.end, word: forms[0]! });
  }
  let bestSentence: Span | undefined;
  let bestCount = 0;
  for (const sentence of splitSentences(text)) {
    const words = new Set(matched.filter((m) => m.start >= sentence.start && m.end <= sentence.end).map((m) => m.word));
    if (words.size > bestCount) {
      bestSentence = sentence;
      bestCount = words.size;
    }
  }
  return { matches: matched.map(({ start, end }) => ({ start, end })), ...(bestSentence ? { bestSentence } : {}) };
}
