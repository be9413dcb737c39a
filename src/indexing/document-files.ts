/**
 * The documents and passages of an index as binary files, read without parsing what grows with the
 * corpus: the document texts in one UTF-8 buffer with offsets, each decoded when first read (a
 * lazy `text`), and the passage spans as one Uint32Array. What stays JSON (documents.json) is each
 * document's header and references; its sections are in sections.bin (section-files.ts).
 */
import { type Passage, passageId } from "../chunking/passages.js";
import type { CorpusDocument } from "../corpus/document.js";

/** "AQTX" and "AQPS", then each layout's version: bump it with any change below. */
const TEXTS_MAGIC = 0x58545141;
const PASSAGES_MAGIC = 0x53505141;
const VERSION = 1;
/** Per passage: its document's number, section, paragraph, part, start, end. */
const PASSAGE_WORDS = 6;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A document as documents.json holds it: without its text and sections. */
export type DocumentHeader = Omit<CorpusDocument, "text" | "sections">;

/** The documents as documents.json holds them. */
export function documentHeaders(documents: readonly CorpusDocument[]): DocumentHeader[] {
  return documents.map(({ text, sections, ...header }) => {
    void text;
    void sections;
    return header;
  });
}

/** The texts file: a header, the byte offset of each text (count + 1), then the texts in UTF-8. */
export function* textsFile(documents: readonly CorpusDocument[]): Generator<Uint8Array> {
  const encoded = documents.map((d) => encoder.encode(d.text));
  const offsets = new Float64Array(documents.length + 1);
  for (const [i, bytes] of encoded.entries()) offsets[i + 1] = offsets[i]! + bytes.length;
  yield new Uint8Array(new Uint32Array([TEXTS_MAGIC, VERSION, documents.length, 0]).buffer);
  yield new Uint8Array(offsets.buffer);
  yield* encoded;
}

/** Reads a texts file's header; `text(i)` decodes document i's text. Throws on a malformed file. */
export function readTexts(bytes: Uint8Array): { count: number; text: (i: number) => string } {
  const data = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const header = data.length >= 16 ? new Uint32Array(data.buffer, data.byteOffset, 4) : undefined;
  if (header?.[0] !== TEXTS_MAGIC || header[1] !== VERSION) throw new Error("is not a texts file of this version");
  const count = header[2]!;
  if (16 + (count + 1) * 8 > data.length) throw new Error("is shorter than its header says");
  const offsets = new Float64Array(data.buffer, data.byteOffset + 16, count + 1);
  const start = 16 + (count + 1) * 8;
  if (start + offsets[count]! !== data.length) throw new Error("does not hold the texts its offsets say");
  return { count, text: (i) => decoder.decode(data.subarray(start + offsets[i]!, start + offsets[i + 1]!)) };
}

/** `headers` (as documents.json holds them) as documents whose text and sections are read from their files when first asked for. */
export function lazyDocuments(
  headers: DocumentHeader[],
  files: { text: (i: number) => string; sections: (i: number) => CorpusDocument["sections"] },
): CorpusDocument[] {
  return headers.map((header, i) => {
    let text: string | undefined;
    let sections: CorpusDocument["sections"] | undefined;
    const lazy = (get: () => unknown) => ({ get, enumerable: true, configurable: true });
    return Object.defineProperties(header, {
      text: lazy(() => {
        text ??= files.text(i);
        return text;
      }),
      sections: lazy(() => {
        sections ??= files.sections(i);
        return sections;
      }),
    }) as CorpusDocument;
  });
}

/** The passages file: a header, then PASSAGE_WORDS numbers per passage. */
export function passagesFile(passages: readonly Passage[], documents: readonly CorpusDocument[]): Uint8Array {
  const documentOf = new Map(documents.map((d, i) => [d.meta.id, i]));
  const words = new Uint32Array(4 + passages.length * PASSAGE_WORDS);
  words.set([PASSAGES_MAGIC, VERSION, passages.length, 0]);
  for (const [i, p] of passages.entries()) words.set([documentOf.get(p.docId)!, p.section, p.paragraph, p.part, p.start, p.end], 4 + i * PASSAGE_WORDS);
  return new Uint8Array(words.buffer);
}

/** The passages of a passages file, their ids made again as the chunker makes them. Throws on a malformed file. */
export function readPassages(bytes: Uint8Array, documents: readonly { meta: { id: string } }[]): Passage[] {
  const data = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const words = new Uint32Array(data.buffer, data.byteOffset, Math.floor(data.length / 4));
  if (words[0] !== PASSAGES_MAGIC || words[1] !== VERSION) throw new Error("is not a passages file of this version");
  const count = words[2]!;
  if (data.length !== (4 + count * PASSAGE_WORDS) * 4) throw new Error("does not hold the passages its header says");
  const passages: Passage[] = new Array(count);
  for (let i = 0, at = 4; i < count; i++, at += PASSAGE_WORDS) {
    const docId = documents[words[at]!]?.meta.id;
    if (docId === undefined) throw new Error(`names a document (${words[at]}) the index does not hold`);
    const [section, paragraph, part, start, end] = [words[at + 1]!, words[at + 2]!, words[at + 3]!, words[at + 4]!, words[at + 5]!];
    passages[i] = { id: passageId(docId, section, paragraph, part), docId, section, paragraph, part, start, end };
  }
  return passages;
}
