/**
 * Writing files so that a reader sees the old content or the whole new one, never part: each file
 * is written under a temporary name beside its place, flushed, and renamed into place. A write that
 * fails says why in one line (FolderWriteError) and leaves nothing behind.
 */
import { createHash } from "node:crypto";
import { mkdir, open, readdir, realpath, rename, rm, rmdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { systemFolderOf } from "../corpus/files.js";

/**
 * A folder could not be written: out of space, read-only, not permitted, or not a place where
 * folders can be made. The message names the folder and the cause in one line; whatever was in
 * the folder before is unchanged.
 */
export class FolderWriteError extends Error {
  override name = "FolderWriteError";
  constructor(
    readonly folder: string,
    /** The system's error code (ENOSPC, EROFS, EACCES, …), when there is one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** `error`, thrown while writing `file` into `folder`, as a FolderWriteError saying why in words. */
function writeFailure(error: unknown, folder: string, file: string): FolderWriteError {
  if (error instanceof FolderWriteError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const cause: Record<string, string> = {
    ENOSPC: `no space left on the file system of ${folder} while writing ${file}`,
    EDQUOT: `the disk quota is used up on ${folder} while writing ${file}`,
    EROFS: `${folder} is on a read-only file system`,
    EACCES: `${folder} cannot be written: permission denied`,
    EPERM: `${folder} cannot be written: operation not permitted`,
    EFBIG: `${file} is larger than the file system of ${folder} allows`,
  };
  return new FolderWriteError(folder, code, cause[code ?? ""] ?? `${folder} cannot be written (${(error as Error).message})`);
}

/**
 * Makes `dir` and the folders above it that are missing, one at a time: fs.mkdir's recursive
 * form spins forever under /proc and reports a read-only parent as ENOENT.
 */
export async function makeFolder(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const stats = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (stats?.isDirectory()) {
      // Folders can be made in /sys (a cgroup) and files opened in /proc/1, but no index belongs there.
      const system = systemFolderOf(await realpath(at));
      if (system) throw new FolderWriteError(dir, undefined, inSystemFolder(dir, system));
      break;
    }
    if (stats) throw new FolderWriteError(dir, "ENOTDIR", `the folder ${dir} cannot be made: ${at} is a file`);
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") continue;
      // ENOENT for a folder whose parent exists: a file system that makes no folders (/proc, /sys).
      const why = code === "ENOENT" ? `${dirname(folder)} does not allow new folders` : writeFailure(error, dirname(folder), folder).message;
      await removeFolders(missing.slice(0, missing.indexOf(folder)));
      throw new FolderWriteError(dir, code, `the folder ${dir} cannot be made: ${why}`);
    }
  }
  return missing;
}

/** The sentence that refuses `dir`, in the system folder `system` (/proc, /sys, /dev). */
export function inSystemFolder(dir: string, system: string): string {
  return `the folder ${dir} is in ${system}, a system file system, not a place for an index`;
}

/** Removes `folders`, made by makeFolder, deepest first, where they are empty: a write that failed leaves no folder behind. */
export async function removeFolders(folders: string[]): Promise<void> {
  for (const folder of [...folders].reverse()) await rmdir(folder).catch(() => {});
}

/** A file written whole under a temporary name beside `file`, waiting to be renamed into place. */
export interface StagedFile {
  file: string;
  temporary: string;
  bytes: number;
  sha256: string;
}

/**
 * Writes `content`, given in pieces so that no piece need hold a whole large file, to a temporary
 * file beside `file`, and flushes it to disk. Throws a FolderWriteError (the temporary file
 * removed) when any byte could not be written.
 */
export async function stageFile(file: string, content: Iterable<string | Uint8Array>): Promise<StagedFile> {
  const folder = dirname(file);
  const temporary = `${file}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    await makeFolder(folder);
    const handle = await open(temporary, "w");
    try {
      for (const piece of content) {
        const data = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        await writeWhole(handle, data);
        hash.update(data);
        bytes += data.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw writeFailure(error, folder, file);
  }
  return { file, temporary, bytes, sha256: hash.digest("hex") };
}

/** Writes all of `data`: write(2) may write less than asked on a nearly full disk, and says so only in its count. */
async function writeWhole(handle: Awaited<ReturnType<typeof open>>, data: Uint8Array): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error("no byte could be written"), { code: "ENOSPC" });
    offset += bytesWritten;
  }
}

/** How old a temporary file must be before it counts as left by a writer that was killed. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/**
 * Removes temporary files that writers killed mid-write left in `dir` (their names carry the time
 * they were started); files of a write still under way, perhaps by another instance, are younger.
 */
export async function removeStaleTemporaries(dir: string, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    const started = Number(/\.tmp-\d+-(\d+)(?:-|$)/.exec(name)?.[1]);
    if (started && now - started > STALE_TEMPORARY_MS) await rm(join(dir, name), { force: true }).catch(() => {});
  }
}

/** Renames staged files into place, in order. */
export async function commitStaged(staged: StagedFile[]): Promise<void> {
  for (const { temporary, file } of staged) {
    try {
      await rename(temporary, file);
    } catch (error) {
      throw writeFailure(error, dirname(file), file);
    }
  }
}

/** Removes staged files that will not be committed. */
export async function discardStaged(staged: StagedFile[]): Promise<void> {
  await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true }).catch(() => {})));
}

/** Writes `data` to `file` so that readers see either the old or the whole new content. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const staged = await stageFile(file, [data]);
  try {
    await commitStaged([staged]);
  } catch (error) {
    await discardStaged([staged]);
    throw error;
  }
}

/** The sha256 of `bytes`, as the manifest records it. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
