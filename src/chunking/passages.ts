/**
 * Chunking: cuts each document into passages by section and paragraph. A paragraph is one passage
 * unless it is too long, in which case it is split at sentence boundaries (then at clause
 * boundaries, then between words) into parts of similar size, each readable on its own.
 */
import type { CorpusDocument } from "../corpus/document.js";
import { type Span, splitClauses, splitSentences } from "../text/sentences.js";

/** Bump when chunking changes: stored indexes are rebuilt. */
export const CHUNKER_VERSION = "paragraph-sentences/3";

/**
 * Longest passage, in characters. Arabic runs at about 3.4 characters per token with the
 * multilingual-e5 tokenizer, so 1,200 characters is about 350 tokens: inside the model's 512 with
 * room for number-heavy text, and short enough to read in a chat message.
 */
export const MAX_PASSAGE_CHARS = 1200;

/** The embedding model's input budget, in tokens (special tokens and the "passage: " prefix included). */
export const MAX_PASSAGE_TOKENS = 512;

/** One passage: a span of its document's cleaned text and where it stands in the document. */
export interface Passage {
  /** Stable id: document id, section number, paragraph number, and part when the paragraph is split. */
  id: string;
  docId: string;
  /** Index into the document's sections. */
  section: number;
  /** Paragraph number within its section, from 1. */
  paragraph: number;
  /** Part number when the paragraph was split (from 1), else 0. */
  part: number;
  start: number;
  end: number;
}

/** Counts a passage's tokens as the embedding model sees it; absent when no tokenizer is at hand. */
export type TokenCounter = (passageText: string) => number;

export interface ChunkOptions {
  maxChars?: number;
  /** When given, any part over MAX_PASSAGE_TOKENS is split further. */
  countTokens?: TokenCounter;
}

/** Splits a span that is longer than `maxChars` into smaller units: sentences, clauses, then words. */
function units(text: string, span: Span, maxChars: number): Span[] {
  if (span.end - span.start <= maxChars) return [span];
  const sentences = splitSentences(text, span);
  if (sentences.length > 1) return sentences.flatMap((s) => units(text, s, maxChars));
  const clauses = splitClauses(text, span);
  if (clauses.length > 1) return clauses.flatMap((c) => units(text, c, maxChars));
  // No punctuation at all: cut between words.
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > maxChars) {
    let cut = text.lastIndexOf(" ", start + maxChars);
    if (cut <= start) cut = start + maxChars;
    pieces.push({ start, end: cut });
    start = cut;
    while (text[start] === " ") start++;
  }
  pieces.push({ start, end: span.end });
  return pieces;
}

/** Packs consecutive units into `count` parts of about equal length. */
function pack(unitsOfParagraph: Span[], count: number): Span[] {
  const total = unitsOfParagraph.reduce((sum, u) => sum + u.end - u.start, 0);
  const target = total / count;
  const parts: Span[] = [];
  let current: Span | undefined;
  let filled = 0;
  for (const unit of unitsOfParagraph) {
    const length = unit.end - unit.start;
    if (current && filled + length / 2 > target * (parts.length + 1) && parts.length < count - 1) {
      parts.push(current);
      current = undefined;
    }
    current = current ? { start: current.start, end: unit.end } : { ...unit };
    filled += length;
  }
  if (current) parts.push(current);
  return parts;
}

/** Cuts a paragraph into parts within the character budget (and token budget, when counted). */
function splitParagraph(text: string, paragraph: Span, options: Required<Pick<ChunkOptions, "maxChars">> & ChunkOptions): Span[] {
  const { maxChars, countTokens } = options;
  const fits = (s: Span) => s.end - s.start <= maxChars && (!countTokens || countTokens(text.slice(s.start, s.end)) <= MAX_PASSAGE_TOKENS);
  if (fits(paragraph)) return [paragraph];
  const pieces = units(text, paragraph, maxChars);
  for (let count = Math.ceil((paragraph.end - paragraph.start) / maxChars); count <= pieces.length; count++) {
    const parts = pack(pieces, count);
    if (parts.every(fits)) return parts;
  }
  // Units that alone exceed the token budget (dense digits, rare scripts): halve them until they fit.
  return pieces.flatMap(function halve(piece): Span[] {
    if (fits(piece) || piece.end - piece.start < 16) return [piece];
    return units(text, piece, Math.floor((piece.end - piece.start) / 2)).flatMap(halve);
  });
}

/** A passage's stable id, as Passage.id says: "doc#section.paragraph", then ".part" when the paragraph is split. */
export function passageId(docId: string, section: number, paragraph: number, part: number): string {
  const base = `${docId}#${section}.${paragraph}`;
  return part ? `${base}.${part}` : base;
}

/** The passages of one document, in reading order. */
export function chunkDocument(document: CorpusDocument, options: ChunkOptions = {}): Passage[] {
  const settings = { maxChars: MAX_PASSAGE_CHARS, ...options };
  const passages: Passage[] = [];
  document.sections.forEach((section, sectionIndex) => {
    section.paragraphs.forEach((paragraph, paragraphIndex) => {
      const parts = splitParagraph(document.text, paragraph, settings);
      parts.forEach((span, partIndex) => {
        const part = parts.length > 1 ? partIndex + 1 : 0;
        passages.push({
          id: passageId(document.meta.id, sectionIndex, paragraphIndex + 1, part),
          docId: document.meta.id,
          section: sectionIndex,
          paragraph: paragraphIndex + 1,
          part,
          start: span.start,
          end: span.end,
        });
      });
    });
  });
  return passages;
}
