/** The folders a command is given on its command line, checked before anything is read or written. */
import { createHash } from "node:crypto";
import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { PROJECT_ROOT } from "../config/settings.js";
import { UsageError } from "./arguments.js";

/** Where the indexes of corpora given with --corpus alone are kept (.gitignore leaves out .cache/). */
export const CORPUS_INDEXES_DIR = join(PROJECT_ROOT, ".cache", "indexes");

/**
 * `path`, given with `option`, as the absolute path of an existing folder (links resolved, so one
 * folder has one name); a UsageError naming both when it is not one. Without this check a missing
 * corpus folder went unnoticed: the index already there was used as it was, answering from another corpus.
 */
export function existingFolder(option: string, path: string): string {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`${option} ${path}: there is no such folder`);
  if (!stats.isDirectory()) throw new UsageError(`${option} ${path}: this is a file, not a folder`);
  return realpathSync(path);
}

/**
 * `path`, given with `option` for an index folder, which may not exist yet; a UsageError naming
 * both when it is a file. (The index layer refuses it too, as any use of the engine must; here it
 * is the user's argument, told as the other mistakes on the command line are.)
 */
export function indexFolder(option: string, path: string): string {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === false) throw new UsageError(`${option} ${path}: this is a file, not a folder`);
  return path;
}

/**
 * The index folder of `corpusDir` (from existingFolder) when a command is given a corpus but no
 * index folder: the configured one (INDEX_DIR) when it is the configured corpus, else a folder of
 * its own under .cache/indexes/, named after the corpus folder and a hash of its path. Writing
 * another corpus's index into INDEX_DIR would replace the bot's index, and the next question
 * would rebuild it.
 */
export function indexDirFor(corpusDir: string, configured: { corpusDir: string | undefined; indexDir: string }): string {
  if (configured.corpusDir && existsSync(configured.corpusDir) && realpathSync(configured.corpusDir) === corpusDir) return configured.indexDir;
  const hash = createHash("sha256").update(corpusDir).digest("hex").slice(0, 12);
  return join(CORPUS_INDEXES_DIR, `${basename(corpusDir)}-${hash}`);
}
