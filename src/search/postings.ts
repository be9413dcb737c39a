/**
 * The keyword index's own storage: a sorted term dictionary in one UTF-8 buffer, each term's
 * postings per field as varints (passage numbers delta-coded, term frequencies), the per-passage
 * field lengths and their averages. It holds what MiniSearch held in Maps of Maps, at a few bytes
 * per posting, and goes to and from one binary file without parsing: loading is views over a Buffer.
 */

/** The indexed fields, in the order their postings are stored and scored (as MiniSearch scored them). */
export const INDEX_FIELDS = ["text", "section", "title"] as const;

export const FIELD_COUNT = INDEX_FIELDS.length;

/** "AQKW", then the layout's version: bump it with any change below. */
const MAGIC = 0x574b5141;
const VERSION = 1;
const HEADER_WORDS = 8;

/** The parts of a postings index, as built (postings-builder.ts) or viewed over a file. */
export interface PostingsParts {
  documentCount: number;
  /** How many (term, field, passage) postings there are: what the index's size is measured by. */
  postingCount: number;
  /** Average length of each field, in unique terms, as MiniSearch averaged it (incrementally). */
  averageLengths: Float64Array;
  /** Passage p's length in field f, in unique terms, at p * FIELD_COUNT + f. */
  fieldLengths: Uint32Array;
  /** Term i is termBytes[termOffsets[i] .. termOffsets[i + 1]], terms sorted as JavaScript sorts strings. */
  termOffsets: Uint32Array;
  termBytes: Uint8Array;
  /** Term i's postings are postings[postingOffsets[i] .. postingOffsets[i + 1]]. */
  postingOffsets: Uint32Array;
  /** Per term: each field's posting count, then each field's postings (passage delta, frequency), all varints. */
  postings: Uint8Array;
}

/** One field's postings of one term, decoded: passages ascending. */
export interface FieldPostings {
  passages: Uint32Array;
  frequencies: Uint32Array;
}

const decoder = new TextDecoder();

export class Postings {
  readonly termCount: number;

  constructor(readonly parts: PostingsParts) {
    this.termCount = parts.termOffsets.length - 1;
  }

  get documentCount(): number {
    return this.parts.documentCount;
  }

  get postingCount(): number {
    return this.parts.postingCount;
  }

  averageLength(field: number): number {
    return this.parts.averageLengths[field]!;
  }

  fieldLength(passage: number, field: number): number {
    return this.parts.fieldLengths[passage * FIELD_COUNT + field]!;
  }

  term(id: number): string {
    const { termOffsets, termBytes } = this.parts;
    return decoder.decode(termBytes.subarray(termOffsets[id]!, termOffsets[id + 1]!));
  }

  /** The id of `term`, or -1 when no passage holds it: a binary search decoding about 20 terms. */
  termId(term: string): number {
    let low = 0;
    let high = this.termCount - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.term(middle);
      if (found === term) return middle;
      if (found < term) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** How many passages hold term `id` in each field. */
  counts(id: number): number[] {
    const counts: number[] = [];
    let at = this.parts.postingOffsets[id]!;
    for (let field = 0; field < FIELD_COUNT; field++) {
      const [count, next] = readVarint(this.parts.postings, at);
      counts.push(count);
      at = next;
    }
    return counts;
  }

  /** Each field's postings of term `id` (empty arrays for a field that lacks it). */
  fields(id: number): FieldPostings[] {
    const { postings } = this.parts;
    const counts = this.counts(id);
    let at = this.parts.postingOffsets[id]!;
    for (let field = 0; field < FIELD_COUNT; field++) at = readVarint(postings, at)[1];
    return counts.map((count) => {
      const passages = new Uint32Array(count);
      const frequencies = new Uint32Array(count);
      let passage = 0;
      for (let i = 0; i < count; i++) {
        // Inlined varints: this loop is the search's hot path.
        let delta = 0;
        for (let shift = 0; ; shift += 7) {
          const byte = postings[at++];
          if (byte === undefined) throw new Error("keyword postings end inside a posting");
          delta += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) break;
        }
        let frequency = 0;
        for (let shift = 0; ; shift += 7) {
          const byte = postings[at++];
          if (byte === undefined) throw new Error("keyword postings end inside a posting");
          frequency += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) break;
        }
        passage += delta;
        passages[i] = passage;
        frequencies[i] = frequency;
      }
      return { passages, frequencies };
    });
  }

  /** The index as the pieces of one file: a header, then each part, each starting at a multiple of 8 bytes. */
  *toBytes(): Generator<Uint8Array> {
    const { documentCount, averageLengths, fieldLengths, termOffsets, termBytes, postingOffsets, postings } = this.parts;
    const header = new Uint32Array(HEADER_WORDS);
    header.set([MAGIC, VERSION, documentCount, this.termCount, termBytes.length, postings.length, this.parts.postingCount]);
    const parts = [header, averageLengths, fieldLengths, termOffsets, postingOffsets, termBytes, postings];
    for (const part of parts) {
      yield new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      const padding = (8 - (part.byteLength % 8)) % 8;
      if (padding) yield new Uint8Array(padding);
    }
  }

  /** Views over `bytes`, as toBytes() wrote them (copied once if the Buffer is not 8-byte aligned). Throws on a malformed file. */
  static fromBytes(bytes: Uint8Array): Postings {
    const data = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    let at = 0;
    const take = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, size: number): T => {
      if (at + length * size > data.length) throw new Error("the file is shorter than its header says");
      const view = make(data.buffer, data.byteOffset + at, length);
      at += Math.ceil((length * size) / 8) * 8;
      return view;
    };
    const header = take((b, o, n) => new Uint32Array(b, o, n), HEADER_WORDS, 4);
    if (header[0] !== MAGIC || header[1] !== VERSION) throw new Error("not a keyword index of this version");
    const [documentCount, termCount, termByteCount, postingByteCount] = [header[2]!, header[3]!, header[4]!, header[5]!];
    const parts: PostingsParts = {
      documentCount,
      postingCount: header[6]!,
      averageLengths: take((b, o, n) => new Float64Array(b, o, n), FIELD_COUNT, 8),
      fieldLengths: take((b, o, n) => new Uint32Array(b, o, n), documentCount * FIELD_COUNT, 4),
      termOffsets: take((b, o, n) => new Uint32Array(b, o, n), termCount + 1, 4),
      postingOffsets: take((b, o, n) => new Uint32Array(b, o, n), termCount + 1, 4),
      termBytes: take((b, o, n) => new Uint8Array(b, o, n), termByteCount, 1),
      postings: take((b, o, n) => new Uint8Array(b, o, n), postingByteCount, 1),
    };
    if (at < data.length - 7) throw new Error("the file is longer than its header says");
    if (parts.termOffsets[termCount] !== termByteCount || parts.postingOffsets[termCount] !== postingByteCount) {
      throw new Error("its offsets do not match its sizes");
    }
    return new Postings(parts);
  }
}

/** The varint at `at` and the offset after it. */
function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error("keyword postings end inside a posting");
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

/** BM25's inverse document frequency, as MiniSearch computes it: of a term `postings` of `count` passages hold. */
export function bm25Idf(count: number, postings: number): number {
  return Math.log(1 + (count - postings + 0.5) / (postings + 0.5));
}
