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

/** The index of `documents`, cleaned already, in memory: passages, keyword index, names. `corpusHash` identifies the corpus they came from. */
export function indexDocuments(documents: CorpusDocument[], corpusHash: string, options: BuildOptions = {}): CorpusIndex {
  const countTokens = options.embedder ? (text: string) => options.embedder!.countPassageTokens(text) : undefined;
  const passages = documents.flatMap((document) => chunkDocument(document, { countTokens }));
  const byId = new Map(documents.map((d) => [d.meta.id, d]));
  const texts = passageTexts(documents, passages);
  const builder = new KeywordIndexBuilder();
  for (const [i, passage] of passages.entries()) {
    const document = byId.get(passage.docId)!;
    builder.add({ text: texts[i]!, section: sectionTitle(document, passage), title: document.meta.title });
  }
  const keyword = builder.finish();
  const names = buildNameIndex(texts);
  const passagesJson = JSON.stringify(passages);
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
    passagesHash: createHash("sha256").update(passagesJson).digest("hex"),
    files: {},
  };
  return { manifest, documents, passages, keyword, names, report: { skipped: [], caveats: [] } };
}
