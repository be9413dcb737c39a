/** The folders a command is given on its command line, checked before anything is read or written. */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./arguments.js";

/**
 * `path`, given with `option`, as an absolute path; a UsageError naming both when it is not an
 * existing folder. Without this check a missing corpus folder went unnoticed: the index already
 * there was used as it was, answering from another corpus.
 */
export function existingFolder(option: string, path: string): string {
  const folder = resolve(path);
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (!stats) throw new UsageError(`${option} ${path}: there is no such folder`);
  if (!stats.isDirectory()) throw new UsageError(`${option} ${path}: this is a file, not a folder`);
  return folder;
}
