/**
 * The index folder's files as read back: the manifest, which lists each data file's size and
 * SHA-256, and the data files checked against it; an index folder that cannot be one is named.
 * Writing them is atomic-write.ts's job.
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { systemFolderOf } from "../corpus/files.js";
import { inSystemFolder, sha256 } from "./atomic-write.js";
import { WRITE_LOCK } from "./write-lock.js";

/** Bump when the layout of the index files changes. */
export const INDEX_FORMAT = 4;

/** What the manifest knows of each data file, to catch a truncated or altered one. */
export interface FileCheck {
  bytes: number;
  sha256: string;
}

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
  /** Each data file's size and checksum. */
  files: Record<string, FileCheck>;
}

export const MANIFEST_FILE = "manifest.json";

/**
 * The corpus folder, relative to the index folder, alone in a small text file beside the manifest.
 * The manifest says it too, but a damaged manifest is exactly when the index must be rebuilt and
 * the corpus found: one line of text, written before the data files, survives what breaks JSON.
 */
export const CORPUS_DIR_FILE = "corpus-dir.txt";

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
  // A folder of other things (INDEX_DIR=/, a documents folder) is not written into: a rebuild would mix the index with them.
  const system = systemFolderOf(await realpath(dir));
  if (system) throw new Error(inSystemFolder(dir, system));
  const names: string[] = await readdir(dir).catch(() => []);
  const isIndex = names.includes(MANIFEST_FILE) || names.includes(CORPUS_DIR_FILE);
  const others = names.filter((name) => !/\.tmp-\d+-/.test(name) && name !== "calibration.json" && name !== "vectors" && name !== WRITE_LOCK);
  if (!isIndex && others.length > 0) {
    throw new Error(
      `the index folder ${dir} holds other files (${others.slice(0, 3).join(", ")}) and no index: give INDEX_DIR an empty folder, or one npm run index made`,
    );
  }
}

/** Reads an index file, checking its size (a number) or its size and checksum (the manifest's entry) when given. */
export async function readIndexFile(dir: string, name: string, expected?: number | FileCheck): Promise<Buffer> {
  const file = join(dir, name);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new IndexFileError(file, (error as NodeJS.ErrnoException).code === "ENOENT" ? "is missing" : `cannot be read: ${(error as Error).message}`);
  }
  const expectedBytes = typeof expected === "number" ? expected : expected?.bytes;
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    throw new IndexFileError(file, `has ${bytes.length} bytes where the manifest says ${expectedBytes} (truncated or replaced)`);
  }
  if (typeof expected === "object" && sha256(bytes) !== expected.sha256) {
    throw new IndexFileError(file, "does not have the checksum the manifest gives (altered or damaged)");
  }
  return bytes;
}

/** Parses an index file as JSON, naming the file when it is not valid JSON. */
export async function readIndexJson<T>(dir: string, name: string, expected?: number | FileCheck): Promise<T> {
  const bytes = await readIndexFile(dir, name, expected);
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
