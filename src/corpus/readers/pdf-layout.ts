/**
 * From the lines of a PDF's pages to the blocks of the document: running headers, footers and page
 * numbers dropped, lines rejoined into paragraphs (across page breaks too), headings found by font
 * size and weight. Pure functions over Line records (pdf-lines.ts), so every rule is testable
 * without a PDF.
 */

import { repairMirroredBrackets } from "./pdf-bidi.js";
import type { Line } from "./pdf-lines.js";
import type { ReadBlock } from "./reader.js";

/** Page geometry the layout needs: its height, for the top and bottom bands where running headers stand. */
export interface PageLines {
  page: number;
  height: number;
  lines: Line[];
}

/** Lines in the top or bottom band of this share of the page height may be running headers or footers. */
const BAND = 0.15;
/** A text repeating in a band on this share of the pages (and at least two) is a running header or footer. */
const REPEAT_SHARE = 0.4;
/** A line this much larger than the body text is a heading. */
const HEADING_SCALE = 1.12;
/** A vertical gap this much larger than the usual line pitch separates paragraphs. */
const PARAGRAPH_GAP = 1.3;

/** The same text in the same place: digits masked, so "page 3" and "page 4" match. */
function runningKey(line: Line, height: number): string {
  const band = line.baseline > height / 2 ? "top" : "bottom";
  return `${band}:${Math.round(line.baseline / 4)}:${line.text.replace(/[0-9\u0660-\u0669\u06F0-\u06F9]+/g, "#")}`;
}

/** Drops running headers, footers and page numbers: texts that repeat from page to page at the same height. */
export function dropRunningLines(pages: PageLines[]): PageLines[] {
  const inBand = (line: Line, height: number) => line.baseline > height * (1 - BAND) || line.baseline < height * BAND;
  const counts = new Map<string, Set<number>>();
  for (const { page, height, lines } of pages) {
    for (const line of lines) {
      if (!inBand(line, height)) continue;
      const key = runningKey(line, height);
      counts.set(key, (counts.get(key) ?? new Set()).add(page));
    }
  }
  const needed = Math.max(2, Math.ceil(REPEAT_SHARE * pages.length));
  const running = (line: Line, height: number) => inBand(line, height) && (counts.get(runningKey(line, height))?.size ?? 0) >= needed;
  return pages.map((p) => ({ ...p, lines: p.lines.filter((line) => !running(line, p.height)) }));
}

/** The value that most characters have: the body text's size, weight, line pitch. */
function mostCommon(values: [value: number, weight: number][]): number {
  const counts = new Map<number, number>();
  for (const [value, weight] of values) counts.set(value, (counts.get(value) ?? 0) + weight);
  let best = 0;
  let bestCount = -1;
  for (const [value, count] of counts) if (count > bestCount) [best, bestCount] = [value, count];
  return best;
}

interface BodyStyle {
  size: number;
  weight: number;
  /** Usual distance between the baselines of two lines of one paragraph. */
  pitch: number;
  /** Where body lines start and end: the text column's edges. */
  left: number;
  right: number;
  /** The lowest baseline of body text on any page: the foot of the text area. */
  bottom: number;
}

function bodyStyle(lines: Line[]): BodyStyle {
  const size = mostCommon(lines.map((l) => [Math.round(l.size * 2) / 2, l.text.length]));
  const body = lines.filter((l) => Math.abs(l.size - size) < 0.5);
  const weight = mostCommon(body.map((l) => [l.weight, l.text.length]));
  const pitches: [number, number][] = [];
  for (let i = 1; i < body.length; i++) {
    const [a, b] = [body[i - 1]!, body[i]!];
    if (a.page === b.page) pitches.push([Math.round((a.baseline - b.baseline) * 2) / 2, 1]);
  }
  const pitch = mostCommon(pitches.filter(([p]) => p > 0)) || size * 1.5;
  const lefts = body.map((l) => l.left).sort((a, b) => a - b);
  const rights = body.map((l) => l.right).sort((a, b) => a - b);
  const at = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
  const bottom = Math.min(...body.map((l) => l.baseline));
  return { size, weight, pitch, left: at(lefts, 0.05), right: at(rights, 0.95), bottom };
}

/** Heading level of a line, or 0 for body text: larger sizes are outer levels, bold body-size lines the innermost. */
function headingLevels(lines: Line[], body: BodyStyle): (line: Line) => number {
  const sizes = [...new Set(lines.filter((l) => l.size >= body.size * HEADING_SCALE).map((l) => Math.round(l.size)))].sort((a, b) => b - a);
  // Bold body-size text is a heading when short: a bold sentence inside a paragraph is emphasis.
  const bold = (l: Line) => l.weight >= 600 && l.weight >= body.weight + 150 && l.text.split(" ").length <= 12;
  return (line) => {
    if (line.size >= body.size * HEADING_SCALE) return Math.min(6, sizes.indexOf(Math.round(line.size)) + 1);
    if (bold(line) && line.size > body.size * 0.95) return Math.min(6, sizes.length + 1);
    return 0;
  };
}

/** How far the line starts from the column's start edge (the right edge for right-to-left text). */
const indentOf = (line: Line, body: BodyStyle) => (line.rtl ? body.right - line.right : line.left - body.left);
/** Room left at the line's end: a line that ends well before the column's end edge ends its paragraph. */
const roomAfter = (line: Line, body: BodyStyle) => (line.rtl ? line.left - body.left : body.right - line.right);

/** Whether `next` starts a new paragraph after `line`, both body text. */
function startsParagraph(line: Line, next: Line, body: BodyStyle): boolean {
  const indented = indentOf(next, body) > 0.8 * body.size;
  // The next line's first word would have fitted at the end of this one: the line was ended on purpose.
  const short = roomAfter(line, body) > next.firstWordWidth + 0.5 * body.size;
  // Across a page break, a paragraph ends where the page ends with room for more lines (widow control leaves one),
  // or with the end of a sentence: the space between paragraphs does not survive the break.
  const sentenceEnd = /[.!?؟][»"”]?(\[\d+\])*$/.test(line.text);
  if (line.page !== next.page) return indented || short || sentenceEnd || line.baseline - body.bottom > 1.2 * body.pitch;
  const gap = line.baseline - next.baseline;
  return indented || short || gap > PARAGRAPH_GAP * body.pitch || gap < 0;
}

/**
 * Pages of lines (top to bottom, running lines already dropped) to the document's blocks. A heading
 * is one or more consecutive lines of one heading level; a paragraph goes on across a page break
 * when the page's last line is full and the next page's first line is not indented.
 */
export function blocksOf(pages: PageLines[]): ReadBlock[] {
  const lines = pages.flatMap((p) => p.lines);
  if (lines.length === 0) return [];
  const body = bodyStyle(lines);
  const levelOf = headingLevels(lines, body);
  const blocks: ReadBlock[] = [];
  let current: { level: number; lines: Line[] } | undefined;
  const flush = () => {
    if (current) blocks.push(blockOf(current.level, current.lines));
  };
  for (const line of lines) {
    const level = levelOf(line);
    const last = current?.lines.at(-1);
    const continues =
      current &&
      last &&
      current.level === level &&
      (level > 0 ? last.page === line.page && last.baseline - line.baseline < 2 * line.size : !startsParagraph(last, line, body));
    if (continues) current!.lines.push(line);
    else {
      flush();
      current = { level, lines: [line] };
    }
  }
  flush();
  return blocks;
}

function blockOf(level: number, lines: Line[]): ReadBlock {
  const pages = [...new Set(lines.map((l) => l.page))];
  const joined = lines.map((l) => l.text).reduce((text, next) => text + (gluedAcrossLines(text, next) ? "" : " ") + next);
  const text = repairMirroredBrackets(joined.replace(/\s+/g, " ").trim());
  return level > 0 ? { kind: "heading", text, level, pages } : { kind: "paragraph", text, pages };
}

/**
 * Whether two lines of a block join without a space: a date or Latin word broken at its hyphen ("2023-" / "11-06"; Arabic
 * is never hyphenated), or a citation marker wrapped to the next line ("إسرائيل.[15]" / "[16]"), which follows its word unspaced.
 */
function gluedAcrossLines(text: string, next: string): boolean {
  return (/[0-9\p{Script=Latin}]-$/u.test(text) && /^[0-9\p{Script=Latin}]/u.test(next)) || /^\[\d+\]/.test(next);
}
