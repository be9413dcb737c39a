/**
 * The corpus index: documents, passages, the keyword index and the corpus's names, built in memory
 * from a corpus folder or from documents already cleaned. Saving and loading it: saved-index.ts;
 * opening the right one, rebuilt when stale: open-index.ts.
 */
import { createHash } from "node:crypto";
import { buildNameIndex, type NameIndex } from "../bridge/names.js";
import { CHUNKER_VERSION, chunkDocument, type Passage } from "../chunking/passages.js";
import type { CorpusDocument } from "../corpus/document.js";
import { CORPUS_FILES_READ, type CorpusFileError, type LoadCorpusOptions, loadCorpus } from "../corpus/load.js";
import type { Embedder } from "../embedding/embedder.js";
import { type Logger, silentLogger } from "../log/logger.js";
import { Progress } from "../log/progress.js";
import { type KeywordIndex, KeywordIndexBuilder } from "../search/keyword-index.js";
import { ANALYZER_VERSION } from "../text/analyzer.js";
import { INDEX_FORMAT, type Manifest } from "./store.js";

export interface CorpusIndex {
  manifest: Manifest;
  documents: CorpusDocument[];
  passages: Passage[];
  keyword: KeywordIndex;
  /** The corpus's Arabic words by consonant skeleton, for matching English names to the corpus's spellings (bridge/). */
  names: NameIndex;
  /** What was wrong when this index was opened: files left out of it, and caveats for the operator. */
  report?: IndexReport;
}

/** What an operator must hear about an index as it is opened: at start, from `npm run index`, and in /status. */
export interface IndexReport {
  /** Corpus files left out of the index, each with why. */
  skipped: CorpusFileError[];
  /**
   * Why the index in use is not the saved index of the corpus as it is now, one sentence each:
   * the corpus folder is missing, the index could not be saved, …
   */
  caveats: string[];
}

/** The heading path of a passage's section, for display and for the keyword index. */
export function sectionTitle(document: CorpusDocument, passage: Passage): string {
  return document.sections[passage.section]?.headings.join(" › ") ?? "";
}

/** The text of every passage, in passage order. */
export function passageTexts(documents: CorpusDocument[], passages: Passage[]): string[] {
  const byId = new Map(documents.map((d) => [d.meta.id, d]));
  return passages.map((p) => byId.get(p.docId)!.text.slice(p.start, p.end));
}

/** A corpus folder with no document to index (none there, or every file skipped). */
export class EmptyCorpusError extends Error {
  override name = "EmptyCorpusError";
}

/**
 * Builds the index of the corpus in `corpusDir` in memory. A corpus without a single document is
 * an error, not an empty index: that would answer every question with "no answer", and replace a
 * working index on disk (a /reindex that fails keeps the index in use).
 */
export async function buildIndex(corpusDir: string, options: BuildOptions & LoadCorpusOptions = {}): Promise<CorpusIndex> {
  const log = options.log ?? silentLogger;
  const corpus = await loadCorpus(corpusDir, options);
  for (const problem of corpus.problems) log.warn(`${problem.kind === "id-taken" ? "refused" : "skipped"} corpus file ${problem.message}`);
  for (const warning of corpus.warnings) log.warn(`corpus file ${warning}`);
  if (corpus.documents.length === 0) {
    throw new EmptyCorpusError(
      corpus.problems.length
        ? `the corpus folder ${corpusDir} has no document that could be read: each of its files was skipped`
        : `the corpus folder ${corpusDir} has no documents (documents are ${CORPUS_FILES_READ})`,
    );
  }
  const index = indexDocuments(corpus.documents, corpus.hash, options);
  index.report!.skipped.push(...corpus.problems);
  return index;
}

export interface BuildOptions {
  /** Used to check passages against the model's token budget. */
  embedder?: Embedder;
  log?: Logger;
}

/**
 * The index of `documents`, cleaned already, in memory: passages, keyword index, names. `corpusHash`
 * identifies the corpus they came from. Each passage goes into the keyword index as it is cut, so
 * that no list of every passage's text is held; progress is shown on long builds.
 */
export function indexDocuments(documents: CorpusDocument[], corpusHash: string, options: BuildOptions = {}): CorpusIndex {
  const countTokens = options.embedder ? (text: string) => options.embedder!.countPassageTokens(text) : undefined;
  const total = documents.reduce((sum, d) => sum + d.text.length, 0);
  const progress = new Progress({ log: options.log ?? silentLogger, label: "Indexing", total });
  const passages: Passage[] = [];
  const builder = new KeywordIndexBuilder();
  let done = 0;
  for (const [i, document] of documents.entries()) {
    for (const passage of chunkDocument(document, { countTokens })) {
      passages.push(passage);
      builder.add({ text: document.text.slice(passage.start, passage.end), section: sectionTitle(document, passage), title: document.meta.title });
    }
    done += document.text.length;
    progress.update(done, `${i + 1}/${documents.length} documents, ${passages.length} passages`);
  }
  progress.finish();
  const keyword = builder.finish();
  const byId = new Map(documents.map((d) => [d.meta.id, d]));
  const names = buildNameIndex(
    (function* () {
      for (const p of passages) yield byId.get(p.docId)!.text.slice(p.start, p.end);
    })(),
  );
  // The hash of JSON.stringify(passages), made a passage at a time.
  const passagesHash = createHash("sha256").update("[");
  for (const [i, passage] of passages.entries()) passagesHash.update(`${i ? "," : ""}${JSON.stringify(passage)}`);
  passagesHash.update("]");
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    builtAt: new Date().toISOString(),
    corpusHash,
    corpusDir: "",
    analyzer: ANALYZER_VERSION,
    chunker: CHUNKER_VERSION,
    tokenBudgetChecked: !!countTokens,
    documents: documents.length,
    passages: passages.length,
    passagesHash: passagesHash.digest("hex"),
    files: {},
  };
  return { manifest, documents, passages, keyword, names, report: { skipped: [], caveats: [] } };
}
