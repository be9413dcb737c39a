/**
 * Index files on disk. Every file is written to a temporary name and renamed into place, and the
 * manifest is written last and lists every file's size: a reader never sees a half-written file,
 * and an index whose writing was interrupted has no manifest and is simply rebuilt.
 */
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** Bump when the layout of the index files changes. */
export const INDEX_FORMAT = 1;

export interface Manifest {
  format: number;
  builtAt: string;
  corpusHash: string;
  /** The corpus folder the index was built from, relative to the index folder. */
  corpusDir: string;
  analyzer: string;
  chunker: string;
  /** Whether passages were checked against the model's token budget with its tokenizer. */
  tokenBudgetChecked: boolean;
  documents: number;
  passages: number;
  /** Identifies the passage list: stored vectors belong to exactly one. */
  passagesHash: string;
  /** Byte size of each data file, to catch truncated files. */
  files: Record<string, number>;
}

export const MANIFEST_FILE = "manifest.json";

/**
 * The corpus folder, relative to the index folder, alone in a small text file beside the manifest.
 * The manifest says it too, but a damaged manifest is exactly when the index must be rebuilt and
 * the corpus found: one line of text, written before the data files, survives what breaks JSON.
 */
export const CORPUS_DIR_FILE = "corpus-dir.txt";

/** Records where the corpus of the index in `dir` is (`corpusDir` relative to `dir`). */
export async function writeCorpusDirNote(dir: string, corpusDir: string): Promise<void> {
  await writeAtomic(join(dir, CORPUS_DIR_FILE), `${corpusDir}\n`);
}

/**
 * The corpus folder of the index in `dir` (absolute) when the manifest cannot be read: from the
 * note beside it, else from the manifest's "corpusDir" field read as text (indexes saved before
 * the note existed; the field comes early, so a truncated manifest usually still has it).
 */
export async function recoverCorpusDir(dir: string): Promise<string | undefined> {
  const note = (await readFile(join(dir, CORPUS_DIR_FILE), "utf8").catch(() => "")).trim();
  if (note) return resolve(dir, note);
  const manifest = await readFile(join(dir, MANIFEST_FILE), "utf8").catch(() => "");
  const field = /"corpusDir"\s*:\s*("(?:[^"\\\n]|\\.)*")/.exec(manifest)?.[1];
  if (!field) return undefined;
  try {
    const corpusDir = JSON.parse(field) as string;
    return corpusDir ? resolve(dir, corpusDir) : undefined;
  } catch {
    return undefined;
  }
}

/** An index file is missing, truncated or unreadable. */
export class IndexFileError extends Error {
  override name = "IndexFileError";
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`index file ${file} ${reason}`);
  }
}

/**
 * Throws, naming `dir`, when it cannot hold an index because it, or a folder on its path, is a
 * file: otherwise the first read finds "no index" and the first write fails with a bare ENOTDIR.
 */
export async function checkIndexFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return; // made when the index is written
    if (code === "ENOTDIR") throw new Error(`the index folder ${dir} cannot be made: part of its path is a file`);
    throw error;
  }
  if (!isFolder) throw new Error(`the index folder ${dir} is a file, not a folder`);
}

/** Writes `data` to `file` so that readers see either the old or the whole new content. */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes text given in pieces to `file` as writeAtomic does, holding one piece at a time; resolves
 * the number of bytes written. For the large index files, which would otherwise be one string.
 */
export async function writeAtomicChunks(file: string, chunks: Iterable<string>): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}-${Date.now()}`;
  let bytes = 0;
  try {
    const handle = await open(temporary, "w");
    try {
      for (const chunk of chunks) bytes += (await handle.write(chunk, null, "utf8")).bytesWritten;
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    return bytes;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads an index file, checking its size when the manifest gives one. */
export async function readIndexFile(dir: string, name: string, expectedBytes?: number): Promise<Buffer> {
  const file = join(dir, name);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new IndexFileError(file, (error as NodeJS.ErrnoException).code === "ENOENT" ? "is missing" : `cannot be read: ${(error as Error).message}`);
  }
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    throw new IndexFileError(file, `has ${bytes.length} bytes where the manifest says ${expectedBytes} (truncated or replaced)`);
  }
  return bytes;
}

/** Parses an index file as JSON, naming the file when it is not valid JSON. */
export async function readIndexJson<T>(dir: string, name: string, expectedBytes?: number): Promise<T> {
  const bytes = await readIndexFile(dir, name, expectedBytes);
  try {
    return JSON.parse(bytes.toString("utf8")) as T;
  } catch (error) {
    throw new IndexFileError(join(dir, name), `is not valid JSON: ${(error as Error).message}`);
  }
}

/** The manifest, or undefined when the folder holds no (complete) index. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    await readFile(join(dir, MANIFEST_FILE));
  } catch {
    return undefined;
  }
  const manifest = await readIndexJson<Manifest>(dir, MANIFEST_FILE);
  if (typeof manifest !== "object" || manifest === null || typeof manifest.files !== "object") {
    throw new IndexFileError(join(dir, MANIFEST_FILE), "is not an index manifest");
  }
  return manifest;
}
