/**
 * Builds a postings index (postings.ts) passage by passage. Each passage's postings go into one
 * growing typed array (12 bytes a posting, no object per posting or per term but its dictionary
 * entry); finish() sorts them by term and field and encodes them, so memory follows the number of
 * postings, not MiniSearch's Map of Maps (about 100 bytes a posting).
 */
import { FIELD_COUNT, Postings } from "./postings.js";

/** A Uint32Array that grows by doubling, for the postings as they arrive. */
class GrowingArray {
  values = new Uint32Array(1 << 16);
  length = 0;

  push(a: number, b: number, c: number): void {
    if (this.length + 3 > this.values.length) {
      const larger = new Uint32Array(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.length++] = a;
    this.values[this.length++] = b;
    this.values[this.length++] = c;
  }
}

/** A byte buffer that grows by doubling, for the encoded postings. */
class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const larger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    larger.set(this.bytes);
    this.bytes = larger;
  }

  varint(value: number): void {
    this.reserve(5);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }

  /** Writes `text` as UTF-8. */
  text(text: string): void {
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** What was written, in an array of its own size. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

const encoder = new TextEncoder();

export class PostingsBuilder {
  private readonly termIds = new Map<string, number>();
  /** (term id, passage, frequency × FIELD_COUNT + field) per posting, in passage order. */
  private readonly triples = new GrowingArray();
  private readonly fieldLengths: number[] = [];
  private readonly averageLengths = new Float64Array(FIELD_COUNT);
  private documentCount = 0;

  get postingCount(): number {
    return this.triples.length / 3;
  }

  /** The bytes the postings and field lengths take while building (the term dictionary aside). */
  get heldBytes(): number {
    return this.triples.values.byteLength + this.fieldLengths.length * 8;
  }

  /** Adds the next passage: the terms of each field, in field order. */
  add(fields: readonly (readonly string[])[]): void {
    const passage = this.documentCount++;
    for (let field = 0; field < FIELD_COUNT; field++) {
      const terms = fields[field] ?? [];
      const frequencies = new Map<string, number>();
      for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      // MiniSearch's field length is the number of distinct terms, its average kept as it kept it (same rounding).
      const length = frequencies.size;
      this.fieldLengths.push(length);
      this.averageLengths[field] = (this.averageLengths[field]! * passage + length) / (passage + 1);
      for (const [term, frequency] of frequencies) {
        let id = this.termIds.get(term);
        if (id === undefined) {
          id = this.termIds.size;
          this.termIds.set(term, id);
        }
        this.triples.push(id, passage, frequency * FIELD_COUNT + field);
      }
    }
  }

  /** The finished index; the builder is not to be used after. */
  finish(): Postings {
    const terms = [...this.termIds.keys()];
    this.termIds.clear();
    const order = terms.map((_, id) => id).sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
    const rank = new Uint32Array(terms.length);
    for (const [position, id] of order.entries()) rank[id] = position;
    // A counting sort of the postings by (term, field), stable, so each list stays in passage order.
    const { values, length } = this.triples;
    const starts = new Uint32Array(terms.length * FIELD_COUNT + 1);
    for (let i = 0; i < length; i += 3) starts[rank[values[i]!]! * FIELD_COUNT + (values[i + 2]! % FIELD_COUNT) + 1]!++;
    for (let list = 1; list < starts.length; list++) starts[list]! += starts[list - 1]!;
    const sorted = new Uint32Array(length / 3);
    const next = starts.slice(0, -1);
    for (let i = 0; i < length; i += 3) sorted[next[rank[values[i]!]! * FIELD_COUNT + (values[i + 2]! % FIELD_COUNT)]!++] = i;
    const writer = new ByteWriter();
    const postingOffsets = new Uint32Array(terms.length + 1);
    const termWriter = new ByteWriter();
    const termOffsets = new Uint32Array(terms.length + 1);
    for (let term = 0; term < terms.length; term++) {
      termWriter.text(terms[order[term]!]!);
      termOffsets[term + 1] = termWriter.length;
      postingOffsets[term] = writer.length;
      const first = term * FIELD_COUNT;
      for (let field = 0; field < FIELD_COUNT; field++) writer.varint(starts[first + field + 1]! - starts[first + field]!);
      for (let list = first; list < first + FIELD_COUNT; list++) {
        let previous = 0;
        for (let k = starts[list]!; k < starts[list + 1]!; k++) {
          const i = sorted[k]!;
          writer.varint(values[i + 1]! - previous);
          writer.varint(Math.floor(values[i + 2]! / FIELD_COUNT));
          previous = values[i + 1]!;
        }
      }
    }
    postingOffsets[terms.length] = writer.length;
    return new Postings({
      documentCount: this.documentCount,
      postingCount: this.postingCount,
      averageLengths: this.averageLengths,
      fieldLengths: Uint32Array.from(this.fieldLengths),
      termOffsets,
      termBytes: termWriter.finish(),
      postingOffsets,
      postings: writer.finish(),
    });
  }
}
