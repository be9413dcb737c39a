/**
 * Opening the index a command or the bot answers from: the saved one when it is current and whole,
 * else one built again, with a line saying why, and saved when the folder can be written. What
 * the operator must know about the index in use goes with it (CorpusIndex.report).
 */
import { statSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { CHUNKER_VERSION } from "../chunking/passages.js";
import type { DocumentLimits } from "../config/defaults.js";
import { hashCorpus } from "../corpus/load.js";
import type { Embedder } from "../embedding/embedder.js";
import { counted, type Logger, silentLogger } from "../log/logger.js";
import { ANALYZER_VERSION } from "../text/analyzer.js";
import { FolderWriteError } from "./atomic-write.js";
import { buildIndex, type CorpusIndex, EmptyCorpusError, indexDocuments } from "./corpus-index.js";
import { loadIndex, saveIndex, storedDocuments } from "./saved-index.js";
import { checkIndexFolder, INDEX_FORMAT, IndexFileError, type Manifest, readManifest, recoverCorpusDir } from "./store.js";
import { withWriteLock } from "./write-lock.js";

const CORPUS_CHANGED = "the corpus changed";

/** What is wrong with `corpusDir` as a corpus folder ("does not exist", "is not a folder"), or undefined when nothing is. */
function corpusFolderProblem(corpusDir: string): string | undefined {
  const stats = statSync(corpusDir, { throwIfNoEntry: false });
  if (!stats) return "does not exist";
  return stats.isDirectory() ? undefined : "is not a folder";
}

/** Why a stored index cannot be used for the corpus as it is now, or undefined when it can; without a corpus folder, for any corpus. */
async function staleness(manifest: Manifest, corpusDir: string | undefined, exclude: readonly string[], limits?: DocumentLimits): Promise<string | undefined> {
  if (manifest.format !== INDEX_FORMAT) return "the index format changed";
  if (manifest.analyzer !== ANALYZER_VERSION) return "the text analyzer changed";
  if (manifest.chunker !== CHUNKER_VERSION) return "the chunker changed";
  if (corpusDir && manifest.corpusHash !== (await hashCorpus(corpusDir, exclude, limits))) return CORPUS_CHANGED;
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
  /** Bounds on reading one document file; defaults to DEFAULT_DOCUMENT_LIMITS. */
  limits?: DocumentLimits;
}

/**
 * The index for `corpusDir`, loaded from `indexDir` when it is current and intact, else rebuilt
 * (and saved) with a line saying why. Without a corpus folder the stored index is used, built
 * again from its own documents when it is stale, with a caveat saying so; a rebuild asked for
 * fails, naming the folder.
 */
export async function openIndex(options: OpenIndexOptions): Promise<CorpusIndex> {
  // Loading a current index needs no lock. Building and saving one hold the write lock that
  // instances sharing the folder take, and look again once they hold it: another may have just built it.
  const current = options.rebuild ? undefined : await openIndexHeld(options, true);
  return current ?? withWriteLock(options.indexDir, async () => (await openIndexHeld(options, false))!);
}

/** openIndex's work; with `loadOnly`, undefined where it would build. */
async function openIndexHeld(options: OpenIndexOptions, loadOnly: boolean): Promise<CorpusIndex | undefined> {
  const log = options.log ?? silentLogger;
  const { indexDir } = options;
  await checkIndexFolder(indexDir);
  // An index folder inside the corpus folder is never read as part of the corpus.
  const exclude = [await realpath(indexDir).catch(() => resolve(indexDir))];
  const caveats: string[] = [];
  /** Says `caveat` now and keeps it for /status. */
  const caveat = (text: string) => {
    log.warn(text);
    caveats.push(text);
  };
  let corpusDir = options.corpusDir;
  let reason = options.rebuild ? "a rebuild was asked for" : undefined;
  let manifest: Manifest | undefined;
  if (!reason) {
    try {
      // The manifest says whether the index is current; only then are the data files parsed.
      manifest = await readManifest(indexDir);
      corpusDir ??= manifest && resolve(indexDir, manifest.corpusDir);
      const missing = corpusDir === undefined || corpusFolderProblem(corpusDir) !== undefined;
      reason = manifest ? await staleness(manifest, missing ? undefined : corpusDir, exclude, options.limits) : `there is no index in ${indexDir} yet`;
      const stored = reason ? undefined : await loadIndex(indexDir);
      if (stored) {
        if (missing) caveat(withoutCorpus(corpusDir, indexDir, stored.manifest, "answering from the index"));
        return { ...stored, report: { skipped: [], caveats } };
      }
    } catch (error) {
      if (!(error instanceof IndexFileError)) throw error;
      if (loadOnly) return undefined;
      log.error(`${error.message}; rebuilding the index`);
      reason = "the stored index is damaged";
      corpusDir ??= await recoverCorpusDir(indexDir);
    }
  }
  if (loadOnly) return undefined;
  const started = Date.now();
  let index: CorpusIndex;
  const problem = corpusDir === undefined ? "was not given" : corpusFolderProblem(corpusDir);
  if (problem) {
    // No corpus to build from: a stale index is built again from the documents it holds.
    const documents = options.rebuild ? undefined : await storedDocuments(indexDir);
    if (!documents)
      throw new Error(
        `cannot build an index in ${indexDir}: ${corpusDir === undefined ? "no corpus folder was given" : `the corpus folder ${corpusDir} ${problem}`}`,
      );
    log.info(`Building the index again from the documents it holds (${reason})…`);
    index = indexDocuments(documents, manifest?.corpusHash ?? "", options);
    caveat(withoutCorpus(corpusDir, indexDir, manifest, `answering from the ${counted(documents.length, "document")} the index holds, indexed again`));
  } else {
    log.info(`Building the index of ${corpusDir} (${reason})…`);
    try {
      index = await buildIndex(corpusDir!, { ...options, exclude, previous: (await storedDocuments(indexDir)) ?? [] });
    } catch (error) {
      // A corpus emptied since the last build (a deployment swapping its files, say) keeps the index
      // built before, as a corpus folder that is gone does: better the old answers than none.
      const previous = error instanceof EmptyCorpusError && reason === CORPUS_CHANGED ? await loadIndex(indexDir).catch(() => undefined) : undefined;
      if (!previous) throw error;
      caveat(`${(error as Error).message}; answering from the index built before (${counted(previous.manifest.documents, "document")})`);
      return { ...previous, report: { skipped: [], caveats } };
    }
  }
  try {
    // An index whose corpus folder nobody knows stays in memory: saved, it would name none.
    if (corpusDir !== undefined) await saveIndex(index, indexDir, corpusDir);
  } catch (error) {
    if (!(error instanceof FolderWriteError) || options.mustSave) throw error;
    caveat(`${error.message}. Answering from the index built in memory, which is not saved`);
  }
  index.report!.caveats.push(...caveats);
  log.info(`Indexed ${counted(index.manifest.documents, "document")}, ${counted(index.manifest.passages, "passage")} in ${Date.now() - started} ms.`);
  return index;
}

/** The caveat of an index answered from without its corpus folder: which folder is missing, and what the index is. */
function withoutCorpus(corpusDir: string | undefined, indexDir: string, manifest: Manifest | undefined, answering: string): string {
  const folder =
    corpusDir === undefined ? "no corpus folder was given" : `the corpus folder ${corpusDir} ${corpusFolderProblem(corpusDir) ?? "cannot be read"}`;
  const built = manifest ? `, built on ${manifest.builtAt} from ${resolve(indexDir, manifest.corpusDir)}` : "";
  return `${folder}: ${answering} in ${indexDir}${built}`;
}
