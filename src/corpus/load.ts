/**
 * Loading the corpus folder: every .txt and .md file in it (sub-folders and links included), each
 * parsed, given an id and title (from its header, else its file name), and cleaned.
 */
import { createHash } from "node:crypto";
import type { Dirent, Stats } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { CLEANER_VERSION, cleanDocument } from "./clean.js";
import type { CorpusDocument, DocumentMeta } from "./document.js";
import { parseHeader } from "./header.js";

const CORPUS_EXTENSIONS = new Set([".txt", ".md"]);

/** Which files loadCorpus reads as documents, for messages about a folder where it found none. */
export const CORPUS_FILES_READ = `UTF-8 ${[...CORPUS_EXTENSIONS].join(" and ")} files, in sub-folders too, except README.md and hidden files and folders`;

/**
 * A corpus file that was not indexed; the rest of the corpus still loads. "unreadable": not a
 * document we can read; "id-taken": its document id belongs to another file, which keeps it.
 */
export class CorpusFileError extends Error {
  override name = "CorpusFileError";
  constructor(
    readonly file: string,
    reason: string,
    readonly kind: "unreadable" | "id-taken" = "unreadable",
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
  /** Files that loaded with a header value left out, and links that were not followed ("name: reason"). */
  warnings: string[];
}

export interface LoadCorpusOptions {
  /**
   * Which file each document id came from in the index built before (id → path relative to the
   * corpus folder): when two files claim one id, the file that had it keeps it, whatever their names.
   */
  previousSources?: ReadonlyMap<string, string>;
}

function isCorpusFile(name: string): boolean {
  return CORPUS_EXTENSIONS.has(extname(name).toLowerCase()) && name.toLowerCase() !== "readme.md";
}

/**
 * The corpus files under `dir`, sorted. Links are followed, as `ln -s` and Kubernetes ConfigMap
 * volumes lay out corpora, each real folder once (a link back up is no loop) and each real file
 * once; a link that cannot be followed is named in `warnings`. Hidden entries are left out: a
 * ConfigMap keeps the real files in a hidden `..data` folder that its visible links point into.
 */
async function listCorpusFiles(dir: string, warnings: string[] = []): Promise<string[]> {
  const files = new Map<string, string>(); // real path → path as reached
  const foldersRead = new Set<string>();
  const walk = async (folder: string): Promise<void> => {
    foldersRead.add(await realpath(folder));
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      const target = entry.isSymbolicLink() ? await followLink(path, dir, warnings) : entry;
      if (!target) continue;
      if (target.isDirectory()) {
        const real = await realpath(path);
        if (foldersRead.has(real)) warnings.push(`${relative(dir, path)}: a link to a folder already read (${real}); not read again`);
        else await walk(path);
      } else if (target.isFile() && isCorpusFile(entry.name)) {
        const real = entry.isSymbolicLink() ? await realpath(path) : path;
        if (!files.has(real)) files.set(real, path);
      }
    }
  };
  await walk(dir);
  return [...files.values()].sort();
}

/** What the link at `path` points to, or undefined (with a warning) when it points to nothing reachable. */
async function followLink(path: string, dir: string, warnings: string[]): Promise<Stats | Dirent | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ELOOP" ? "a loop of links" : code === "ENOENT" ? "a link to nothing (its target is missing)" : `a link that cannot be followed (${code})`;
    warnings.push(`${relative(dir, path)}: ${why}; skipped`);
    return undefined;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

interface CorpusFile {
  file: string;
  /** Path relative to the corpus folder. */
  name: string;
  bytes: Buffer;
}

async function readCorpusFiles(dir: string, warnings?: string[]): Promise<CorpusFile[]> {
  const files = await listCorpusFiles(dir, warnings);
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
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const warnings: string[] = [];
  const files = await readCorpusFiles(dir, warnings);
  const problems: CorpusFileError[] = [];
  const parsed: { name: string; extension: string; meta: Partial<DocumentMeta>; body: string; id: string; stem: string }[] = [];
  for (const { file, name, bytes } of files) {
    try {
      let content: string;
      try {
        content = utf8.decode(bytes);
      } catch {
        throw new CorpusFileError(name, "not UTF-8 text");
      }
      const { meta, body, warnings: headerWarnings } = parseHeader(content);
      for (const warning of headerWarnings ?? []) warnings.push(`${name}: ${warning}`);
      const stem = basename(file, extname(file));
      const id = meta.id ?? stem;
      if (!/^[\p{L}\p{N}_.-]+$/u.test(id)) throw new CorpusFileError(name, `document id "${id}" may only hold letters, digits, _ . -`);
      parsed.push({ name, extension: extname(file).toLowerCase(), meta, body, id, stem });
    } catch (error) {
      problems.push(error instanceof CorpusFileError ? error : new CorpusFileError(name, (error as Error).message));
    }
  }
  const owners = idOwners(parsed, options.previousSources);
  const documents: CorpusDocument[] = [];
  for (const { name, extension, meta, body, id, stem } of parsed) {
    if (owners.get(id) !== name) {
      problems.push(
        new CorpusFileError(
          name,
          `document id "${id}" is already used by ${owners.get(id)}; give this file an id of its own in its header (id: …)`,
          "id-taken",
        ),
      );
      continue;
    }
    try {
      const document = cleanDocument({ ...meta, id, title: meta.title ?? stem }, body, extension === ".md");
      if (document.sections.length === 0) throw new CorpusFileError(name, "no text left after cleaning");
      documents.push({ ...document, source: name });
    } catch (error) {
      problems.push(error instanceof CorpusFileError ? error : new CorpusFileError(name, (error as Error).message));
    }
  }
  return { documents, hash: hashFiles(files), problems, warnings };
}

/**
 * Which file holds each document id: the file that held it in the index built before, when it
 * still claims it, so that a newcomer reusing an id cannot push an indexed document out; else the
 * first file by path.
 */
function idOwners(files: { name: string; id: string }[], previousSources: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { name, id } of files) {
    if (previousSources.get(id) === name) owners.set(id, name);
  }
  for (const { name, id } of files) {
    if (!owners.has(id)) owners.set(id, name);
  }
  return owners;
}
