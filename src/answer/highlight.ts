/** Which words of a passage answer the question, and which sentence answers it best. */
import { analyzeWordCached, tokenize } from "../text/analyzer.js";
import { type Span, splitSentences } from "../text/sentences.js";

export interface Highlights {
  /** The spans of the text whose words analyze to one of the question's terms. */
  matches: Span[];
  /** The sentence holding the most distinct question words (the earliest on a tie), if any does. */
  bestSentence?: Span;
  /** Every term of the matched words (not only the matching one): what the match line of a translated question reads. */
  terms: string[];
}

/** Finds the matching words of `text` and its best sentence, analyzing each word once. */
export function highlight(text: string, terms: ReadonlySet<string>): Highlights {
  if (terms.size === 0) return { matches: [], terms: [] };
  const matched: (Span & { word: string })[] = [];
  const matchedTerms = new Set<string>();
  for (const token of tokenize(text)) {
    const forms = analyzeWordCached(token.word);
    if (!forms?.some((term) => terms.has(term))) continue;
    matched.push({ start: token.start, end: token.end, word: forms[0]! });
    for (const form of forms) matchedTerms.add(form);
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
  return { matches: matched.map(({ start, end }) => ({ start, end })), ...(bestSentence ? { bestSentence } : {}), terms: [...matchedTerms] };
}
