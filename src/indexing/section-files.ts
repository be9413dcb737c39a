/**
 * The documents' sections as one binary file (sections.bin): each distinct heading once, in UTF-8,
 * and per document its sections (heading path as heading numbers, paragraph spans and pages) as
 * Uint32s. A document's sections are made into objects when first read: a corpus whose cleaner
 * found thousands of headings (a file of shuffled words) opens without parsing them all as JSON.
 */
import type { Paragraph, Section } from "../corpus/document.js";

/** "AQSC", then the layout's version: bump it with any change below. */
const MAGIC = 0x43535141;
const VERSION = 1;
const HEADER_WORDS = 6;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The sections file: a header; each heading's byte offset (count + 1); each document's start in the
 * numbers (count + 1); the numbers (per document: sections; per section: headings and their
 * numbers, paragraphs and per paragraph start, end, pages + 1 (0: none) and the pages); the headings' UTF-8.
 */
export function sectionsFile(documents: readonly { sections: readonly Section[] }[]): Uint8Array[] {
  const headingIds = new Map<string, number>();
  const numbers: number[] = [];
  const starts = new Uint32Array(documents.length + 1);
  for (const [i, { sections }] of documents.entries()) {
    numbers.push(sections.length);
    for (const { headings, paragraphs } of sections) {
      numbers.push(headings.length);
      for (const heading of headings) {
        if (!headingIds.has(heading)) headingIds.set(heading, headingIds.size);
        numbers.push(headingIds.get(heading)!);
      }
      numbers.push(paragraphs.length);
      for (const { start, end, pages } of paragraphs) numbers.push(start, end, pages ? pages.length + 1 : 0, ...(pages ?? []));
    }
    starts[i + 1] = numbers.length;
  }
  const headingBytes = [...headingIds.keys()].map((heading) => encoder.encode(heading));
  const offsets = new Uint32Array(headingBytes.length + 1);
  for (const [i, bytes] of headingBytes.entries()) offsets[i + 1] = offsets[i]! + bytes.length;
  const header = new Uint32Array([MAGIC, VERSION, documents.length, headingBytes.length, numbers.length, offsets[headingBytes.length]!]);
  const words = [header, offsets, starts, Uint32Array.from(numbers)].map((part) => new Uint8Array(part.buffer));
  return [...words, ...headingBytes];
}

/** Reads a sections file; `sections(i)` makes document i's sections. Throws on a malformed file. */
export function readSections(bytes: Uint8Array): { count: number; sections: (i: number) => Section[] } {
  const data = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const header = data.length >= HEADER_WORDS * 4 ? new Uint32Array(data.buffer, data.byteOffset, HEADER_WORDS) : undefined;
  if (header?.[0] !== MAGIC || header[1] !== VERSION) throw new Error("is not a sections file of this version");
  const [count, headingCount, numberCount, headingByteCount] = [header[2]!, header[3]!, header[4]!, header[5]!];
  const wordCount = HEADER_WORDS + headingCount + 1 + count + 1 + numberCount;
  if (wordCount * 4 + headingByteCount !== data.length) throw new Error("does not hold the sections its header says");
  const view = (at: number, length: number) => new Uint32Array(data.buffer, data.byteOffset + at * 4, length);
  const offsets = view(HEADER_WORDS, headingCount + 1);
  const starts = view(HEADER_WORDS + headingCount + 1, count + 1);
  const numbers = view(HEADER_WORDS + headingCount + 1 + count + 1, numberCount);
  const text = data.subarray(wordCount * 4);
  const headings: (string | undefined)[] = new Array(headingCount);
  const heading = (id: number) => {
    if (id >= headingCount) throw new Error(`names a heading (${id}) it does not hold`);
    headings[id] ??= decoder.decode(text.subarray(offsets[id]!, offsets[id + 1]!));
    return headings[id]!;
  };
  const sections = (i: number): Section[] => {
    let at = starts[i]!;
    const next = () => {
      if (at >= starts[i + 1]!) throw new Error(`ends inside document ${i}'s sections`);
      return numbers[at++]!;
    };
    return Array.from({ length: next() }, (): Section => {
      const path = Array.from({ length: next() }, () => heading(next()));
      const paragraphs = Array.from({ length: next() }, (): Paragraph => {
        const [start, end, pages] = [next(), next(), next()];
        return pages ? { start, end, pages: Array.from({ length: pages - 1 }, next) } : { start, end };
      });
      return { headings: path, paragraphs };
    });
  };
  return { count, sections };
}
