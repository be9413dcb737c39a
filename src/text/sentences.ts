/** Sentence boundaries in Arabic and English text. */

/** A span of a text: [start, end) character offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Sentence ends: . ! ? and the Arabic question mark ؟, with any closing quotes, brackets and
 * reference markers like [12] that follow them. A full stop between digits (3.5) is no end.
 */
const SENTENCE_END = /(?<!\d)[.!?؟…]+(?:["'”’»)\]]|\[\d+\])*(?=\s|$)|(?<=\d)\.(?=\s+\D)/gu;

/** Weaker boundaries for splitting a sentence that is too long on its own: ، ؛ ; : and commas. */
const CLAUSE_END = /[،؛;:,](?=\s)/gu;

function spansEndingAt(text: string, span: Span, boundary: RegExp): Span[] {
  const piece = text.slice(span.start, span.end);
  const spans: Span[] = [];
  let start = 0;
  for (const match of piece.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (piece.slice(start, end).trim()) spans.push(trimSpan(text, span.start + start, span.start + end));
    start = end;
  }
  if (piece.slice(start).trim()) spans.push(trimSpan(text, span.start + start, span.end));
  return spans;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** The sentences of `text` (or of the part `within`), as trimmed spans in order. */
export function splitSentences(text: string, within: Span = { start: 0, end: text.length }): Span[] {
  return spansEndingAt(text, within, SENTENCE_END);
}

/** The clauses of one sentence, split at Arabic and Latin commas, semicolons and colons. */
export function splitClauses(text: string, sentence: Span): Span[] {
  return spansEndingAt(text, sentence, CLAUSE_END);
}
