/**
 * What the keyword index reads of MiniSearch's protected members: its postings, for document
 * frequencies, the large-corpus search and writing the index in pieces. Owned here, in one place,
 * and checked when an index is made.
 */
import type MiniSearch from "minisearch";

/**
 * MiniSearch's index, as its protected members hold it: the large-corpus search reads it directly
 * (scoring as MiniSearch does: a test holds the two to the same scores).
 */
export interface MiniSearchIndex {
  /** term → field id → passage short id → term frequency */
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  /** passage short id → length of each field, in terms */
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  /** passage short id → the id it was added with */
  _documentIds: Map<number, unknown>;
  _documentCount: number;
}

/**
 * MiniSearch's protected members, checked: package.json pins MiniSearch to the exact version these
 * were read from, and an upgrade that changes them fails here, loudly, instead of ranking wrongly.
 */
export function internals<T>(search: MiniSearch<T>): MiniSearchIndex {
  const index = search as unknown as MiniSearchIndex;
  const fieldLengths = index._fieldLength;
  const ok =
    typeof index._index?.get === "function" &&
    typeof index._fieldIds === "object" &&
    fieldLengths instanceof Map &&
    Array.isArray(index._avgFieldLength) &&
    index._documentIds instanceof Map &&
    typeof index._documentCount === "number";
  if (!ok)
    throw new Error(
      "MiniSearch's internal index is not laid out as src/search/minisearch-internals.ts expects: keep minisearch at the version package.json pins",
    );
  return index;
}

/** How many passages hold `term` (in the field where it is most common). */
export function documentFrequency(index: MiniSearchIndex, term: string): number {
  let most = 0;
  for (const postings of index._index.get(term)?.values() ?? []) most = Math.max(most, postings.size);
  return most;
}

/**
 * The text MiniSearch's toJSON() gives, in pieces of about `chunkChars` characters, for writing a
 * large index to a file: toJSON() holds the whole index as objects and then as one string beside
 * the index itself, the peak of indexing memory on a large corpus.
 */
export function* jsonChunks<T>(search: MiniSearch<T>, chunkChars: number): Generator<string> {
  // The fields and their order of MiniSearch's toJSON() (serializationVersion 2), the index streamed.
  const { index, ...head } = search.toJSON.call(Object.assign(Object.create(search) as MiniSearch<T>, { _index: [] }));
  void index;
  const opening = JSON.stringify(head)
    .slice(0, -1)
    .replace(/,"serializationVersion":2$/, "");
  let chunk = `${opening},"index":[`;
  let first = true;
  const postingsByTerm = internals(search)._index as unknown as Iterable<[string, Map<number, Map<number, number>>]>;
  for (const [term, fields] of postingsByTerm) {
    // As JSON.stringify writes objects with integer keys: in ascending order.
    const ascending = <T>(entries: Iterable<[number, T]>) => [...entries].sort((a, b) => a[0] - b[0]);
    const data = ascending(fields).map(
      ([fieldId, frequencies]) =>
        `"${fieldId}":{${ascending(frequencies)
          .map(([id, tf]) => `"${id}":${tf}`)
          .join(",")}}`,
    );
    chunk += `${first ? "" : ","}[${JSON.stringify(term)},{${data.join(",")}}]`;
    first = false;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}],"serializationVersion":2}`;
}

/** BM25's inverse document frequency, as MiniSearch computes it: of a term `postings` of `count` passages hold. */
export function bm25Idf(count: number, postings: number): number {
  return Math.log(1 + (count - postings + 0.5) / (postings + 0.5));
}
