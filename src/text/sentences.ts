/** Sentence boundaries in Arabic and English text. */
import { NUMBER_MARKER, SPACE } from "./reference-markers.js";

/** A span of a text: [start, end) character offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A note or maintenance marker: a few words in square brackets, a question mark at most, such as
 * a note's label ([note 1], [أ], [a], [ملاحظة 2]) or a wiki's inline tag ([citation needed],
 * [بحاجة لمصدر], [who?], [dubious – discuss]): never a sentence of its own.
 */
const NOTE_MARKER = String.raw`\[${SPACE}\p{L}[\p{L}\p{M}\p{Nd}' .:–—-]{0,30}[?؟]?${SPACE}\]`;

/** A note marker written against the next sentence's first letter; not a capital a quotation's editor put in brackets ([T]he). */
const GLUED_NOTE_MARKER = String.raw`(?!\[\p{Lu}\]\p{Ll})${NOTE_MARKER}`;

/**
 * A number in round brackets, (5): a reference in some texts, but also a list's item number,
 * (1) … (2) …, which opens the item that follows. Taken only where it is clearly a reference
 * (see isEnumerator).
 */
const ROUND_NUMBER = String.raw`\(\p{Nd}{1,3}\)`;

/**
 * Reference and note markers that follow a sentence's or clause's end, right after it or after
 * spaces on the same line: a citation belongs to the text it follows, so it ends that sentence
 * rather than opening the next. The last may be a number in round brackets (group `round`).
 */
const TRAILING_MARKERS = `(?:${SPACE}(?:${NUMBER_MARKER}|${NOTE_MARKER}))*(?:${SPACE}(?<round>${ROUND_NUMBER}))?`;

/**
 * What may follow a sentence's end: markers written against the next sentence's first letter
 * (غزة.[5]تعيش, غزة.(5)تعيش, غزة.[بحاجة لمصدر]تعيش), or markers before a space or the end of the text.
 */
const AFTER_END = String.raw`(?:(?:${SPACE}(?:${NUMBER_MARKER}|${ROUND_NUMBER}|${GLUED_NOTE_MARKER}))+(?=\p{L})|${TRAILING_MARKERS}(?=\s|$))`;

/**
 * Sentence ends: . ! ? … the Arabic question mark ؟ and full stop ۔, with any closing quotes and
 * brackets and the markers that follow them (AFTER_END). A full stop between numbers (3.5, a
 * list's "1. 2.") is no end.
 */
const SENTENCE_END = new RegExp(String.raw`(?:(?<!\d)[.!?؟۔…]|(?<=\d)(?:[!?؟۔…]|\.(?!\s+\d)))[.!?؟۔…]*["'”’»)\]]*${AFTER_END}`, "gu");

/** Weaker boundaries for splitting a sentence that is too long on its own: ، ؛ ; : and commas, with their reference markers. */
const CLAUSE_END = new RegExp(String.raw`[،؛;:,]${TRAILING_MARKERS}(?=\s)`, "gu");

/**
 * Whether a number in round brackets after a sentence's end numbers a list's items rather than
 * cites: it stands apart from the end (". (2) …", where a citation is mostly written against it,
 * ".(2)") and the text around has the number before or after it in round brackets too.
 */
function isEnumerator(piece: string, match: RegExpMatchArray): boolean {
  const round = match.groups?.round;
  if (!round || !/\s$/.test(match[0].slice(0, -round.length))) return false;
  const n = Number(round.slice(1, -1));
  return piece.includes(`(${n - 1})`) || piece.includes(`(${n + 1})`);
}

function spansEndingAt(text: string, span: Span, boundary: RegExp): Span[] {
  const piece = text.slice(span.start, span.end);
  const spans: Span[] = [];
  let start = 0;
  for (const match of piece.matchAll(boundary)) {
    // A list's item number opens the item after it.
    const length = isEnumerator(piece, match) ? match[0].length - match.groups!.round!.length : match[0].length;
    const end = match.index + length;
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
