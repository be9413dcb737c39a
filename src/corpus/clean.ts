/**
 * Cleaning: turns the body of a corpus file (text copied from a web page, or Markdown) into a
 * CorpusDocument. It keeps every sentence of the text and drops page chrome: skip links, "[عدل]"
 * edit markers, maintenance notices, repeated captions, share buttons, stray labels. A trailing
 * reference list ("المراجع", "References") becomes structured data for the [n] markers.
 */

import { normalizeDocumentText } from "../text/normalize.js";
import type { CorpusDocument, DocumentMeta, Paragraph, Reference, Section } from "./document.js";
import { webAddress } from "./header.js";
import type { ReadBlock } from "./readers/reader.js";

/** Bump when cleaning changes what a document looks like: stored indexes are rebuilt. */
export const CLEANER_VERSION = "clean/6";

/** Lines that are page furniture, not text. */
const CHROME_LINES: RegExp[] = [
  /^(انتقل|اذهب|اقفز) إلى المحتوى$/,
  /^(jump|skip) to (main )?content$/i,
  /^من ويكيبيديا،? الموسوعة الحرة$/,
  /^from wikipedia, the free encyclopedia$/i,
  /^(هذه المقالة|هذه الصفحة|هذا القسم) .*(ساعد|يرجى|بحاجة|تحتاج)/,
  /^this (article|section) (is an orphan|needs|has multiple issues)/i,
  /^(شارك|شارك المقال|شارك الخبر|مشاركة|انشر|اطبع|طباعة|تغريد|share( this( article| story)?)?|tweet|print|email)$/i,
  /^(اقرأ أيضا|اقرأ أيضاً|إعلان|read more|advertisement)$/i,
];

/** Wikipedia's edit links after headings; their presence also marks the line as a heading. */
const EDIT_MARKER = /\s*\[(?:عدل|تعديل|عدل المصدر|تعديل مصدري|edit|edit source)\]\s*/gi;

/** Headings of the reference list that closes a document. */
const REFERENCE_HEADINGS = /^(المراجع|مراجع|المصادر|مصادر|الهوامش|references|notes|sources|citations)$/i;

/** A reference list entry: "12. ^ ..." (the "^" and backlink letters "ا ب" as Wikipedia copies them). */
const REFERENCE_ENTRY = /^(\d{1,3})[.)]\s*\^?\s*(?:(?:\p{L}\s+){2,}(?=\S))?(.+)$/u;

/** The deepest heading level, in Markdown and when levels are inferred. */
const MAX_HEADING_LEVEL = 6;

const SENTENCE_PUNCTUATION = /[.!?؟:،,؛;…"”»)\]]$/u;

/** A heading or paragraph; its level where the source says (Markdown, a reader), else undefined. */
type Block = ReadBlock;

/** Compares lines for duplicate detection: quotes, spacing and Arabic spelling variants folded. */
function comparable(text: string): string {
  return text
    .replace(/["“”«»'‘’]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The lines (txt) or blank-line separated blocks (Markdown) of the body, chrome removed. */
function readBlocks(body: string, markdown: boolean): Block[] {
  const blocks: Block[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) blocks.push({ text: pending.join(" "), kind: "paragraph" });
    pending = [];
  };
  for (const rawLine of body.split("\n")) {
    let line = rawLine
      .replace(/[\u00A0\t]/g, " ")
      .replace(/ {2,}/g, " ")
      .trim();
    if (!line || CHROME_LINES.some((pattern) => pattern.test(line))) {
      flush();
      continue;
    }
    const heading = markdown ? /^(#{1,6})\s+(.*)$/.exec(line) : null;
    if (heading) {
      flush();
      blocks.push({ text: heading[2]!.replace(/\s*#+$/, ""), kind: "heading", level: heading[1]!.length });
      continue;
    }
    if (EDIT_MARKER.test(line)) {
      EDIT_MARKER.lastIndex = 0;
      line = line.replace(EDIT_MARKER, " ").trim();
      flush();
      blocks.push({ text: line, kind: "heading" });
      continue;
    }
    if (markdown) pending.push(line);
    else blocks.push({ text: line, kind: "paragraph" });
  }
  flush();
  return blocks;
}

/** Parses the entries of a reference list. Lines that are not entries continue the previous one. */
export function parseReferences(lines: string[]): Reference[] {
  const references: Reference[] = [];
  for (const line of lines) {
    const entry = REFERENCE_ENTRY.exec(line);
    if (!entry) {
      const last = references.at(-1);
      if (last) last.details = [last.details, line].filter(Boolean).join(" ");
      continue;
    }
    const body = entry[2]!.trim();
    const url = [...body.matchAll(/https?:\/\/[^\s"”<>]+/gi)].map((m) => webAddress(m[0])).find(Boolean);
    const quoted = /["“]([^"”]+)["”]/.exec(body);
    const title = (quoted ? quoted[1]! : body.split(/\.\s/)[0]!).trim();
    const details = (quoted ? body.replace(quoted[0], "") : body.slice(title.length))
      .replace(url ?? "\u0000", "")
      .replace(/^[\s.,]+|\s+$/g, "")
      .replace(/\s*\.\s*\./g, ".");
    references.push({ n: Number(entry[1]), title, ...(details ? { details } : {}), ...(url ? { url } : {}) });
  }
  return references;
}

/**
 * Decides which blocks are headings where the source does not mark them (plain text with no edit
 * markers): a short line without closing punctuation, followed by a longer paragraph.
 */
function inferHeadings(blocks: Block[]): void {
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (
      block.kind === "paragraph" &&
      wordCount(block.text) <= 8 &&
      block.text.length <= 70 &&
      !/[.:،,؛;]$/.test(block.text) &&
      next?.kind === "paragraph" &&
      next.text.length > block.text.length * 2
    ) {
      block.kind = "heading";
    }
  });
}

/**
 * The header's text fields normalized as the body is. The id is left as the loader checked it,
 * and the url as written (decoding could put quotes or spaces in an address checked without them).
 */
function normalizedMeta(meta: DocumentMeta): DocumentMeta {
  const normalized: DocumentMeta = { ...meta };
  for (const key of ["title", "author", "publisher", "language", "license", "basedOn"] as const) {
    const value = meta[key];
    if (value !== undefined) normalized[key] = normalizeDocumentText(value).replace(/\s+/g, " ").trim();
  }
  // A title of entities and invisible characters only stays as written: a document always has one.
  normalized.title ||= meta.title;
  return normalized;
}

/** Cleans a document body into a CorpusDocument. `markdown` reads `#` headings and joins wrapped lines. */
export function cleanDocument(meta: DocumentMeta, body: string, markdown: boolean): CorpusDocument {
  // Entities decoded and invisible characters removed first: every offset taken later points into this text.
  return cleanBlocks(normalizedMeta(meta), readBlocks(normalizeDocumentText(body), markdown), [], { labels: true });
}

/**
 * Cleans the blocks a document reader found (PDF, Word, web page, e-book) into a CorpusDocument,
 * as a text file's are; `references` are those the reader found in the file's own structure.
 */
export function cleanReadDocument(meta: DocumentMeta, blocks: readonly ReadBlock[], references: readonly Reference[]): CorpusDocument {
  const normalized = blocks.map((block) => ({ ...block, text: normalizeDocumentText(block.text).replace(/\s+/g, " ").trim() }));
  // A reader's blocks are the file's own, so short ones are list items, not stray labels.
  return cleanBlocks(normalizedMeta(meta), normalized, references, { labels: false });
}

function cleanBlocks(meta: DocumentMeta, blocks: Block[], found: readonly Reference[], drop: { labels: boolean }): CorpusDocument {
  // The title, the byline and repeated lines (a caption shown three times) are chrome here.
  const skip = new Set([meta.title, meta.author].filter((v): v is string => !!v).map(comparable));
  blocks = blocks.filter((block, i) => {
    const key = comparable(block.text);
    return key && !skip.has(key) && key !== comparable(blocks[i - 1]?.text ?? "");
  });

  const explicitHeadings = blocks.some((block) => block.kind === "heading");
  if (!explicitHeadings) {
    inferHeadings(blocks);
  } else if (drop.labels) {
    // Labels of a few words without punctuation (infobox names, buttons) are not paragraphs.
    blocks = blocks.filter((b) => b.kind === "heading" || wordCount(b.text) > 3 || SENTENCE_PUNCTUATION.test(b.text));
  }

  // The reference list: from its heading to the next heading (or the end).
  const references: Reference[] = [...found];
  const kept: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // Only a reference heading's section is read ahead: reading ahead from every block was
    // quadratic in a long document without headings.
    const lines: string[] = [];
    if (block.kind === "heading" && REFERENCE_HEADINGS.test(block.text)) {
      for (let j = i + 1; blocks[j]?.kind === "paragraph"; j++) lines.push(blocks[j]!.text);
    }
    // A "Notes" or "Sources" section is a reference list only if it reads as numbered entries.
    const entries = lines.filter((line) => REFERENCE_ENTRY.test(line)).length;
    if (entries > 0 && entries * 2 >= lines.length) {
      // The file's own structured list, when it has one, is the better reading of the same list.
      if (found.length === 0) references.push(...parseReferences(lines));
      i += lines.length;
    } else {
      kept.push(block);
    }
  }

  return assemble(meta, kept, references);
}

/**
 * Builds the cleaned text and its sections. Heading levels come from Markdown; in plain text a
 * heading that directly follows another one (with no paragraph between) is its subsection, and
 * later headings stay at that depth.
 */
function assemble(meta: DocumentMeta, blocks: Block[], references: Reference[]): CorpusDocument {
  const parts: string[] = [];
  let length = 0;
  const append = (piece: string) => {
    if (parts.length) length += 2; // the "\n\n" between parts
    const start = length;
    parts.push(piece);
    length += piece.length;
    return { start, end: length };
  };

  const sections: Section[] = [];
  let stack: { text: string; level: number; written: boolean }[] = [];
  let current: Section = { headings: [], paragraphs: [] };
  let previousWasHeading = false;
  let lastLevel = 1;
  for (const block of blocks) {
    if (block.kind === "heading") {
      // Inferred levels stop at Markdown's deepest (6): a page pasted many times over would
      // otherwise nest each copy under the last, and heading paths would grow with the document.
      const level = block.level ?? (previousWasHeading ? Math.min(lastLevel + 1, MAX_HEADING_LEVEL) : Math.max(lastLevel, 2));
      stack = stack.filter((h) => h.level < level);
      stack.push({ text: block.text, level, written: false });
      if (current.paragraphs.length) sections.push(current);
      current = { headings: stack.map((h) => h.text), paragraphs: [] };
      previousWasHeading = true;
      lastLevel = level;
      continue;
    }
    for (const heading of stack) {
      if (!heading.written) append(heading.text);
      heading.written = true;
    }
    const paragraph: Paragraph = append(block.text);
    if (block.pages?.length) paragraph.pages = block.pages;
    current.paragraphs.push(paragraph);
    previousWasHeading = false;
  }
  if (current.paragraphs.length) sections.push(current);
  return { meta, text: parts.join("\n\n"), sections, references };
}
