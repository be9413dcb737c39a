/**
 * The corpus index: documents, passages, the keyword index, and (per embedding model) passage
 * vectors. Built from a corpus folder, saved to an index folder, loaded back, and rebuilt by
 * itself when the corpus, the analyzer or the chunker changed or a file is damaged.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { buildNameIndex, NameIndex, type NameIndexJSON } from "../bridge/names.js";
import { CHUNKER_VERSION, chunkDocument, type Passage } from "../chunking/passages.js";
import type { CorpusDocument } from "../corpus/document.js";
import { CORPUS_FILES_READ, type CorpusFileError, hashCorpus, loadCorpus } from "../corpus/load.js";
import type { Embedder } from "../embedding/embedder.js";
import { counted, type Logger, silentLogger } from "../log/logger.js";
import { KeywordIndex } from "../search/keyword.js";
import { ANALYZER_VERSION } from "../text/analyzer.js";
import {
  CORPUS_DIR_FILE,
  checkIndexFolder,
  commitStaged,
  discardStaged,
  FolderWriteError,
  INDEX_FORMAT,
  IndexFileError,
  MANIFEST_FILE,
  type Manifest,
  readIndexFile,
  readIndexJson,
  readManifest,
  recoverCorpusDir,
  removeStaleTemporaries,
  type StagedFile,
  sha256,
  stageFile,
} from "./store.js";

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

const DATA_FILES = { documents: "documents.json", passages: "passages.json", keyword: "keyword.json", names: "names.json" } as const;

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
export async function buildIndex(
  corpusDir: string,
  options: { embedder?: Embedder; log?: Logger; previousSources?: ReadonlyMap<string, string> } = {},
): Promise<CorpusIndex> {
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
  const names = buildNameIndex(texts);
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
  return { manifest, documents: corpus.documents, passages, keyword, names, report: { skipped: corpus.problems, caveats: [] } };
}

/** Which file each document of the index in `indexDir` was read from, for loadCorpus; empty when there is none to read. */
async function storedSources(indexDir: string): Promise<Map<string, string>> {
  const documents = await readIndexJson<CorpusDocument[]>(indexDir, DATA_FILES.documents).catch(() => []);
  return new Map(Array.isArray(documents) ? documents.flatMap((d) => (d?.source ? [[d.meta.id, d.source] as const] : [])) : []);
}

/**
 * Whether the index in `indexDir`, described by `stored`, already is `manifest` with these files,
 * byte for byte: its manifest agrees, and so does every file on disk (a damaged one is rewritten).
 */
async function sameIndex(indexDir: string, stored: Manifest | undefined, manifest: Manifest, staged: Map<string, StagedFile>): Promise<boolean> {
  if (!stored || stored.format !== manifest.format) return false;
  const keys = ["corpusHash", "corpusDir", "analyzer", "chunker", "passagesHash"] as const;
  if (keys.some((key) => stored[key] !== manifest[key])) return false;
  if (manifest.tokenBudgetChecked && !stored.tokenBudgetChecked) return false;
  for (const [name, file] of staged) {
    if (stored.files[name]?.sha256 !== file.sha256) return false;
    const onDisk = await readFile(join(indexDir, name)).catch(() => undefined);
    if (!onDisk || sha256(onDisk) !== file.sha256) return false;
  }
  return true;
}

/**
 * Writes `index` into `indexDir`. Every file is written whole beside its place first; only then
 * are they renamed into place, the manifest (with each file's size and checksum) last. A write
 * that fails leaves the index that was there unchanged and throws a FolderWriteError saying so.
 * An index identical to the one there is not written again, so rebuilding an unchanged corpus
 * changes no file (a committed index stays clean).
 */
export async function saveIndex(index: CorpusIndex, indexDir: string, corpusDir: string): Promise<void> {
  index.manifest.corpusDir = relative(resolve(indexDir), resolve(corpusDir)) || ".";
  // One file at a time, each made only when it is written: on a large corpus the JSON of the keyword
  // index alone is as large as the index in memory, so it is written in pieces (jsonChunks).
  const contents: Record<string, () => Iterable<string>> = {
    [DATA_FILES.documents]: () => [JSON.stringify(index.documents)],
    [DATA_FILES.passages]: () => [JSON.stringify(index.passages)],
    [DATA_FILES.keyword]: () => index.keyword.jsonChunks(),
    [DATA_FILES.names]: () => [JSON.stringify(index.names.toJSON())],
  };
  await removeStaleTemporaries(indexDir);
  const staged = new Map<string, StagedFile>();
  const note = `${index.manifest.corpusDir}\n`;
  const noteChanged = (await readFile(join(indexDir, CORPUS_DIR_FILE), "utf8").catch(() => undefined)) !== note;
  try {
    if (noteChanged) staged.set(CORPUS_DIR_FILE, await stageFile(join(indexDir, CORPUS_DIR_FILE), [note]));
    for (const [name, content] of Object.entries(contents)) staged.set(name, await stageFile(join(indexDir, name), content()));
    const stored = await readManifest(indexDir).catch(() => undefined);
    const data = new Map([...staged].filter(([name]) => name !== CORPUS_DIR_FILE));
    if (stored && (await sameIndex(indexDir, stored, index.manifest, data))) {
      await discardStaged([...data.values()]);
      await commitStaged(noteChanged ? [staged.get(CORPUS_DIR_FILE)!] : []);
      index.manifest = stored;
      return;
    }
    for (const [name, { bytes, sha256 }] of data) index.manifest.files[name] = { bytes, sha256 };
    staged.set(MANIFEST_FILE, await stageFile(join(indexDir, MANIFEST_FILE), [`${JSON.stringify(index.manifest, null, 2)}\n`]));
  } catch (error) {
    await discardStaged([...staged.values()]);
    if (error instanceof FolderWriteError) throw new FolderWriteError(error.folder, error.code, `${error.message}; the index in ${indexDir} is unchanged`);
    throw error;
  }
  // Without a manifest the folder holds no index: one killed while the files are renamed is rebuilt, not half read.
  await rm(join(indexDir, MANIFEST_FILE), { force: true });
  await commitStaged([...staged.values()]);
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
  let names: NameIndex;
  try {
    names = NameIndex.fromJSON(await readIndexJson<NameIndexJSON>(indexDir, DATA_FILES.names, manifest.files[DATA_FILES.names]));
  } catch (error) {
    if (error instanceof IndexFileError) throw error;
    throw new IndexFileError(join(indexDir, DATA_FILES.names), `is not a name index: ${(error as Error).message}`);
  }
  return { manifest, documents, passages, keyword, names };
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
  /**
   * Fail when the index cannot be saved (`npm run index`). By default an index that cannot be
   * saved (a full disk, a read-only folder) is used from memory, saying so.
   */
  mustSave?: boolean;
}

/**
 * The index for `corpusDir`, loaded from `indexDir` when it is current and intact, else rebuilt
 * (and saved) with a line saying why. Without a corpus folder the stored index is used as it is,
 * with a caveat saying so.
 */
export async function openIndex(options: OpenIndexOptions): Promise<CorpusIndex> {
  const log = options.log ?? silentLogger;
  const { indexDir } = options;
  await checkIndexFolder(indexDir);
  const caveats: string[] = [];
  /** Says `caveat` now and keeps it for /status. */
  const caveat = (text: string) => {
    log.warn(text);
    caveats.push(text);
  };
  let corpusDir = options.corpusDir;
  let reason = options.rebuild ? "a rebuild was asked for" : undefined;
  if (!reason) {
    try {
      // The manifest says whether the index is current; only then are the data files parsed.
      const manifest = await readManifest(indexDir);
      corpusDir ??= manifest && resolve(indexDir, manifest.corpusDir);
      reason = manifest ? await staleness(manifest, corpusDir!) : `there is no index in ${indexDir} yet`;
      const stored = reason ? undefined : await loadIndex(indexDir);
      if (stored) {
        if (!existsSync(corpusDir!)) {
          caveat(
            `the corpus folder ${corpusDir} does not exist: answering from the index built from it on ${stored.manifest.builtAt} (${counted(stored.manifest.documents, "document")})`,
          );
        }
        return { ...stored, report: { skipped: [], caveats } };
      }
      reason ??= `there is no index in ${indexDir} yet`;
    } catch (error) {
      if (!(error instanceof IndexFileError)) throw error;
      log.error(`${error.message}; rebuilding the index`);
      reason = "the stored index is damaged";
      corpusDir ??= await recoverCorpusDir(indexDir);
    }
  }
  if (!corpusDir || !existsSync(corpusDir)) throw new Error(`cannot build an index in ${indexDir}: no corpus folder ${corpusDir ?? "was given"}`);
  log.info(`Building the index of ${corpusDir} (${reason})…`);
  const started = Date.now();
  let index: CorpusIndex;
  try {
    index = await buildIndex(corpusDir, { ...options, previousSources: await storedSources(indexDir) });
  } catch (error) {
    // A corpus emptied since the last build (a deployment swapping its files, say) keeps the index
    // built before, as a corpus folder that is gone does: better the old answers than none.
    const previous = error instanceof EmptyCorpusError && reason === CORPUS_CHANGED ? await loadIndex(indexDir).catch(() => undefined) : undefined;
    if (!previous) throw error;
    caveat(`${(error as Error).message}; answering from the index built before (${counted(previous.manifest.documents, "document")})`);
    return { ...previous, report: { skipped: [], caveats } };
  }
  try {
    await saveIndex(index, indexDir, corpusDir);
  } catch (error) {
    if (!(error instanceof FolderWriteError) || options.mustSave) throw error;
    caveat(`${error.message}. Answering from the index built in memory, which is not saved`);
  }
  index.report!.caveats.push(...caveats);
  log.info(`Indexed ${counted(index.manifest.documents, "document")}, ${counted(index.manifest.passages, "passage")} in ${Date.now() - started} ms.`);
  return index;
}
