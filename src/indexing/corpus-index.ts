/**
 * The corpus index: documents, passages, the keyword index, and (per embedding model) passage
 * vectors. Built from a corpus folder, saved to an index folder, loaded back, and rebuilt by
 * itself when the corpus, the analyzer or the chunker changed or a file is damaged.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { CHUNKER_VERSION, chunkDocument, type Passage } from "../chunking/passages.js";
import type { CorpusDocument } from "../corpus/document.js";
import { CORPUS_FILES_READ, hashCorpus, loadCorpus } from "../corpus/load.js";
import type { Embedder } from "../embedding/embedder.js";
import { counted, type Logger, silentLogger } from "../log/logger.js";
import { KeywordIndex } from "../search/keyword.js";
import { ANALYZER_VERSION } from "../text/analyzer.js";
import {
  checkIndexFolder,
  INDEX_FORMAT,
  IndexFileError,
  MANIFEST_FILE,
  type Manifest,
  readIndexFile,
  readIndexJson,
  readManifest,
  recoverCorpusDir,
  writeAtomic,
  writeAtomicChunks,
  writeCorpusDirNote,
} from "./store.js";

export interface CorpusIndex {
  manifest: Manifest;
  documents: CorpusDocument[];
  passages: Passage[];
  keyword: KeywordIndex;
}

const DATA_FILES = { documents: "documents.json", passages: "passages.json", keyword: "keyword.json" } as const;

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
export async function buildIndex(corpusDir: string, options: { embedder?: Embedder; log?: Logger } = {}): Promise<CorpusIndex> {
  const log = options.log ?? silentLogger;
  const corpus = await loadCorpus(corpusDir);
  for (const problem of corpus.problems) log.warn(`skipped corpus file ${problem.message}`);
  for (const warning of corpus.warnings) log.warn(`corpus file ${warning}`);
  if (corpus.documents.length === 0) {
    throw new EmptyCorpusError(
      corpus.problems.length
        ? `the corpus folder ${corpusDir} has no document that could be read: each of its files was skipped`
        : `the corpus folder ${corpusDir} has no documents (documents are ${CORPUS_FILES_READ})`,
    );
  }
  const countTokens = options.embedder ? (text: string) => options.embedder!.countPassageTokens(text) : undefined;
  const passages = corpus.documents.flatMap((document) => chunkDocument(document, { countTokens }));
  const byId = new Map(corpus.documents.map((d) => [d.meta.id, d]));
  const texts = passageTexts(corpus.documents, passages);
  const keyword = KeywordIndex.build(
    passages.map((passage, i) => {
      const document = byId.get(passage.docId)!;
      return { id: i, text: texts[i]!, section: sectionTitle(document, passage), title: document.meta.title };
    }),
  );
  const passagesJson = JSON.stringify(passages);
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    builtAt: new Date().toISOString(),
    corpusHash: corpus.hash,
    corpusDir: "",
    analyzer: ANALYZER_VERSION,
    chunker: CHUNKER_VERSION,
    tokenBudgetChecked: !!countTokens,
    documents: corpus.documents.length,
    passages: passages.length,
    passagesHash: createHash("sha256").update(passagesJson).digest("hex"),
    files: {},
  };
  return { manifest, documents: corpus.documents, passages, keyword };
}

/** Writes `index` into `indexDir`: data files first, the manifest (with their sizes) last. */
export async function saveIndex(index: CorpusIndex, indexDir: string, corpusDir: string): Promise<void> {
  index.manifest.corpusDir = relative(resolve(indexDir), resolve(corpusDir)) || ".";
  await rm(join(indexDir, MANIFEST_FILE), { force: true });
  await writeCorpusDirNote(indexDir, index.manifest.corpusDir);
  // One file at a time, each made only when it is written: on a large corpus the JSON of the keyword
  // index alone is as large as the index in memory, so it is written in pieces (jsonChunks).
  const contents: Record<string, () => Iterable<string>> = {
    [DATA_FILES.documents]: () => [JSON.stringify(index.documents)],
    [DATA_FILES.passages]: () => [JSON.stringify(index.passages)],
    [DATA_FILES.keyword]: () => index.keyword.jsonChunks(),
  };
  for (const [name, content] of Object.entries(contents)) {
    index.manifest.files[name] = await writeAtomicChunks(join(indexDir, name), content());
  }
  await writeAtomic(join(indexDir, MANIFEST_FILE), `${JSON.stringify(index.manifest, null, 2)}\n`);
}

/** Loads a saved index; throws IndexFileError naming the damaged file. */
export async function loadIndex(indexDir: string): Promise<CorpusIndex | undefined> {
  const manifest = await readManifest(indexDir);
  if (!manifest) return undefined;
  const documents = await readIndexJson<CorpusDocument[]>(indexDir, DATA_FILES.documents, manifest.files[DATA_FILES.documents]);
  const passages = await readIndexJson<Passage[]>(indexDir, DATA_FILES.passages, manifest.files[DATA_FILES.passages]);
  const keywordBytes = await readIndexFile(indexDir, DATA_FILES.keyword, manifest.files[DATA_FILES.keyword]);
  let keyword: KeywordIndex;
  try {
    keyword = KeywordIndex.fromJSON(keywordBytes.toString("utf8"));
  } catch (error) {
    throw new IndexFileError(join(indexDir, DATA_FILES.keyword), `is not a keyword index: ${(error as Error).message}`);
  }
  if (!Array.isArray(documents) || !Array.isArray(passages) || passages.length !== manifest.passages || keyword.size !== passages.length) {
    throw new IndexFileError(join(indexDir, MANIFEST_FILE), "does not match the data files beside it");
  }
  return { manifest, documents, passages, keyword };
}

const CORPUS_CHANGED = "the corpus changed";

/** Why a stored index cannot be used for the corpus as it is now, or undefined when it can. */
async function staleness(manifest: Manifest, corpusDir: string): Promise<string | undefined> {
  if (manifest.format !== INDEX_FORMAT) return "the index format changed";
  if (manifest.analyzer !== ANALYZER_VERSION) return "the text analyzer changed";
  if (manifest.chunker !== CHUNKER_VERSION) return "the chunker changed";
  if (existsSync(corpusDir) && manifest.corpusHash !== (await hashCorpus(corpusDir))) return CORPUS_CHANGED;
  return undefined;
}

export interface OpenIndexOptions {
  /** The corpus to index; by default the one the stored index was built from. */
  corpusDir?: string;
  indexDir: string;
  /** Used to check passages against the model's token budget when a rebuild is needed. */
  embedder?: Embedder;
  log?: Logger;
  /** Rebuild even when the stored index is current. */
  rebuild?: boolean;
}

/**
 * The index for `corpusDir`, loaded from `indexDir` when it is current and intact, else rebuilt
 * (and saved) with a line saying why. Without a corpus folder the stored index is used as it is.
 */
export async function openIndex(options: OpenIndexOptions): Promise<CorpusIndex> {
  const log = options.log ?? silentLogger;
  await checkIndexFolder(options.indexDir);
  let corpusDir = options.corpusDir;
  let reason = options.rebuild ? "a rebuild was asked for" : undefined;
  if (!reason) {
    try {
      // The manifest says whether the index is current; only then are the data files parsed.
      const manifest = await readManifest(options.indexDir);
      corpusDir ??= manifest && resolve(options.indexDir, manifest.corpusDir);
      reason = manifest ? await staleness(manifest, corpusDir!) : `there is no index in ${options.indexDir} yet`;
      const stored = reason ? undefined : await loadIndex(options.indexDir);
      if (stored) return stored;
      reason ??= `there is no index in ${options.indexDir} yet`;
    } catch (error) {
      if (!(error instanceof IndexFileError)) throw error;
      log.error(`${error.message}; rebuilding the index`);
      reason = "the stored index is damaged";
      corpusDir ??= await recoverCorpusDir(options.indexDir);
    }
  }
  if (!corpusDir || !existsSync(corpusDir)) throw new Error(`cannot build an index in ${options.indexDir}: no corpus folder ${corpusDir ?? "was given"}`);
  log.info(`Building the index of ${corpusDir} (${reason})…`);
  const started = Date.now();
  let index: CorpusIndex;
  try {
    index = await buildIndex(corpusDir, options);
  } catch (error) {
    // A corpus emptied since the last build (a deployment swapping its files, say) keeps the index
    // built before, as a corpus folder that is gone does: better the old answers than none.
    const previous = error instanceof EmptyCorpusError && reason === CORPUS_CHANGED ? await loadIndex(options.indexDir).catch(() => undefined) : undefined;
    if (!previous) throw error;
    log.error(`${(error as Error).message}; answering from the index built before (${counted(previous.manifest.documents, "document")})`);
    return previous;
  }
  await saveIndex(index, options.indexDir, corpusDir);
  log.info(`Indexed ${counted(index.manifest.documents, "document")}, ${counted(index.manifest.passages, "passage")} in ${Date.now() - started} ms.`);
  return index;
}
