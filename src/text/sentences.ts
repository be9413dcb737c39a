/** Sentence boundaries in Arabic and English text. */

/** A span of a text: [start, end) character offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Reference markers ([5], [5][6], [٥]) that follow a sentence's or clause's end, right after it
 * or after spaces on the same line: a citation belongs to the text it follows, so it ends that
 * sentence rather than opening the next. A marker at the start of a line (a reference list) is not taken.
 */
const TRAILING_MARKERS = String.raw`(?:[^\S\n]*\[\p{Nd}{1,3}\])*`;

/**
 * Sentence ends: . ! ? … the Arabic question mark ؟ and full stop ۔, with any closing quotes and
 * brackets and the reference markers that follow them, before a space or the end. A full stop
 * between numbers (3.5, a list's "1. 2.") is no end.
 */
const SENTENCE_END = new RegExp(String.raw`(?:(?<!\d)[.!?؟۔…]|(?<=\d)(?:[!?؟۔…]|\.(?!\s+\d)))[.!?؟۔…]*["'”’»)\]]*${TRAILING_MARKERS}(?=\s|$)`, "gu");

/** Weaker boundaries for splitting a sentence that is too long on its own: ، ؛ ; : and commas, with their reference markers. */
const CLAUSE_END = new RegExp(String.raw`[،؛;:,]${TRAILING_MARKERS}(?=\s)`, "gu");

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
