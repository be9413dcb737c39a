/**
 * Loading the corpus folder: every .txt and .md file in it (sub-folders included), each parsed,
 * given an id and title (from its header, else its file name), and cleaned.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { CLEANER_VERSION, cleanDocument } from "./clean.js";
import type { CorpusDocument } from "./document.js";
import { parseHeader } from "./header.js";

const CORPUS_EXTENSIONS = new Set([".txt", ".md"]);

/** Which files loadCorpus reads as documents, for messages about a folder where it found none. */
export const CORPUS_FILES_READ = `UTF-8 ${[...CORPUS_EXTENSIONS].join(" and ")} files, in sub-folders too, except README.md and hidden files`;

/** A corpus file that could not be read as a document; the rest of the corpus still loads. */
export class CorpusFileError extends Error {
  override name = "CorpusFileError";
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export interface LoadedCorpus {
  documents: CorpusDocument[];
  /** Identifies the corpus content and cleaning: equal hashes mean equal documents. */
  hash: string;
  /** Files that were skipped, each with the reason. */
  problems: CorpusFileError[];
  /** Files that loaded with a header value left out ("name: reason"). */
  warnings: string[];
}

async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && CORPUS_EXTENSIONS.has(extname(e.name).toLowerCase()) && !e.name.startsWith("."))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => basename(file).toLowerCase() !== "readme.md")
    .sort();
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

interface CorpusFile {
  file: string;
  /** Path relative to the corpus folder. */
  name: string;
  bytes: Buffer;
}

async function readCorpusFiles(dir: string): Promise<CorpusFile[]> {
  const files = await listCorpusFiles(dir);
  return Promise.all(files.map(async (file) => ({ file, name: relative(dir, file), bytes: await readFile(file) })));
}

function hashFiles(files: CorpusFile[]): string {
  const hash = createHash("sha256").update(CLEANER_VERSION);
  for (const { name, bytes } of files) hash.update(name).update("\0").update(bytes).update("\0");
  return hash.digest("hex");
}

/** The hash loadCorpus would give, without cleaning anything: to tell whether an index is current. */
export async function hashCorpus(dir: string): Promise<string> {
  return hashFiles(await readCorpusFiles(dir));
}

/** Reads and cleans every document of the corpus folder `dir`. */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const files = await readCorpusFiles(dir);
  const documents: CorpusDocument[] = [];
  const problems: CorpusFileError[] = [];
  const warnings: string[] = [];
  const idToFile = new Map<string, string>();
  for (const { file, name, bytes } of files) {
    try {
      let content: string;
      try {
        content = utf8.decode(bytes);
      } catch {
        throw new CorpusFileError(name, "not UTF-8 text");
      }
      const { meta, body, warnings: headerWarnings } = parseHeader(content);
      const stem = basename(file, extname(file));
      const id = meta.id ?? stem;
      if (idToFile.has(id)) throw new CorpusFileError(name, `document id "${id}" is already used by ${idToFile.get(id)}`);
      if (!/^[\p{L}\p{N}_.-]+$/u.test(id)) throw new CorpusFileError(name, `document id "${id}" may only hold letters, digits, _ . -`);
      const document = cleanDocument({ ...meta, id, title: meta.title ?? stem }, body, extname(file).toLowerCase() === ".md");
      if (document.sections.length === 0) throw new CorpusFileError(name, "no text left after cleaning");
      idToFile.set(id, name);
      documents.push(document);
      for (const warning of headerWarnings ?? []) warnings.push(`${name}: ${warning}`);
    } catch (error) {
      problems.push(error instanceof CorpusFileError ? error : new CorpusFileError(name, (error as Error).message));
    }
  }
  return { documents, hash: hashFiles(files), problems, warnings };
}
