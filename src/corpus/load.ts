/**
 * Loading the corpus folder: every corpus file in it (files.ts), each parsed, given an id and
 * title (from its header, else its file name), and cleaned; a file whose id another file holds is
 * refused by name.
 */
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { CLEANER_VERSION, cleanDocument } from "./clean.js";
import type { CorpusDocument, DocumentMeta, DocumentSource } from "./document.js";
import { type CorpusFile, readCorpusFiles } from "./files.js";
import { parseHeader } from "./header.js";

export { CORPUS_FILES_READ } from "./files.js";

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
  /** Real paths of folders under the corpus folder never to read: the index folder, when it is inside. */
  exclude?: readonly string[];
  /** Where each document of the index built before came from, by id: its owner when two files claim the id (see idOwners). */
  previousSources?: ReadonlyMap<string, DocumentSource>;
}

const VALID_ID = /^[\p{L}\p{N}_.-]+$/u;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A corpus file's text: UTF-8, or UTF-16 with its byte-order mark, or else Windows-1256, the
 * code page of Arabic text saved by older Windows programs; the last two only when they read as
 * text of this corpus's scripts (binary data decodes as anything).
 */
function decodeText(bytes: Buffer, name: string): { text: string; encoding: string } {
  try {
    if (!(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) return { text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: the other encodings below.
  }
  const [encoding, label] =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? ["utf-16le", "UTF-16"]
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? ["utf-16be", "UTF-16"]
        : ["windows-1256", "Windows-1256 (Arabic)"];
  const text = new TextDecoder(encoding).decode(bytes);
  if (readsAsText(text, label === "UTF-16" ? /[\p{Script=Arabic}\p{Script=Latin}]/gu : /\p{Script=Arabic}/gu)) return { text, encoding: label };
  throw new CorpusFileError(name, "not UTF-8 text, nor UTF-16 or Arabic Windows-1256");
}

/** Whether decoded `text` is text: no control characters but line ends and tabs, and most letters of `scripts`. */
function readsAsText(text: string, scripts: RegExp): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const ours = text.match(scripts)?.length ?? 0;
  return !/(?![\t\n\r\f\v])\p{Cc}/u.test(text) && letters >= 2 && ours / letters >= 0.5;
}

function hashFiles(files: CorpusFile[]): string {
  const hash = createHash("sha256").update(CLEANER_VERSION);
  for (const { name, bytes } of files) hash.update(name).update("\0").update(bytes).update("\0");
  return hash.digest("hex");
}

/** The hash loadCorpus would give, without cleaning anything: to tell whether an index is current. */
export async function hashCorpus(dir: string, exclude: readonly string[] = []): Promise<string> {
  return hashFiles(await readCorpusFiles(dir, [], exclude));
}

/** A corpus file read as text, with its header, before cleaning. */
interface ParsedFile extends DocumentSource {
  id: string;
  stem: string;
  extension: string;
  meta: Partial<DocumentMeta>;
  body: string;
  modified: number;
}

/** Reads and cleans every document of the corpus folder `dir`. */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const warnings: string[] = [];
  const files = await readCorpusFiles(dir, warnings, options.exclude);
  const problems: CorpusFileError[] = [];
  const refuse = (error: unknown, name: string) =>
    problems.push(error instanceof CorpusFileError ? error : new CorpusFileError(name, (error as Error).message));
  const parsed: ParsedFile[] = [];
  for (const { file, name, bytes, modified } of files) {
    try {
      const { text: content, encoding } = decodeText(bytes, name);
      if (encoding !== "utf-8") warnings.push(`${name}: read as ${encoding}, not UTF-8`);
      const { meta, body, warnings: headerWarnings } = parseHeader(content);
      for (const warning of headerWarnings ?? []) warnings.push(`${name}: ${warning}`);
      const stem = basename(file, extname(file));
      let id = meta.id ?? stem;
      if (!VALID_ID.test(id) && VALID_ID.test(stem)) {
        // As for any header line that cannot be read: the value is left out, never the document.
        warnings.push(`${name}: header id "${id.slice(0, 80)}" left out: an id holds only letters, digits, _ . -; the file name's "${stem}" is used`);
        id = stem;
      }
      if (!VALID_ID.test(id)) throw new CorpusFileError(name, `document id "${id}" may only hold letters, digits, _ . -`);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      parsed.push({ file: name, sha256, id, stem, extension: extname(file).toLowerCase(), meta, body, modified });
    } catch (error) {
      refuse(error, name);
    }
  }
  const owners = idOwners(parsed, options.previousSources);
  const documents: CorpusDocument[] = [];
  /** The file each content was first read from: a copy under another name would answer every question twice. */
  const readFrom = new Map<string, string>();
  for (const { file, sha256, id, stem, extension, meta, body } of parsed) {
    const copyOf = readFrom.get(sha256);
    if (copyOf) {
      warnings.push(`${file}: the same bytes as ${copyOf}, read once`);
      continue;
    }
    readFrom.set(sha256, file);
    const owner = owners.get(id)!;
    if (owner !== file) {
      refuse(
        new CorpusFileError(file, `document id "${id}" is already used by ${owner}; give this file an id of its own in its header (id: …)`, "id-taken"),
        file,
      );
      continue;
    }
    try {
      const document = cleanDocument({ ...meta, id, title: meta.title ?? stem }, body, extension === ".md");
      if (document.sections.length === 0) throw new CorpusFileError(file, "no text left after cleaning");
      documents.push({ ...document, source: { file, sha256 } });
    } catch (error) {
      refuse(error, file);
    }
  }
  return { documents, hash: hashFiles(files), problems, warnings };
}

/**
 * Which file holds each document id that several files claim, so that a newcomer reusing an id
 * cannot push a document out: the file the index built before read it from; else the file with
 * the bytes it read then (the document moved); else, with no index to go by, the file named after
 * the id, then the one modified first (the newcomer came later), then the first by path.
 */
function idOwners(files: ParsedFile[], previous: ReadonlyMap<string, DocumentSource> = new Map()): Map<string, string> {
  const claimants = new Map<string, ParsedFile[]>();
  for (const file of files) claimants.set(file.id, [...(claimants.get(file.id) ?? []), file]);
  const owners = new Map<string, string>();
  for (const [id, claiming] of claimants) {
    const before = previous.get(id);
    const rank = (f: ParsedFile) => [f.file === before?.file, f.sha256 === before?.sha256, f.stem === id].map((yes) => (yes ? 0 : 1));
    const [owner] = claiming.sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      const differs = ra.findIndex((value, i) => value !== rb[i]);
      if (differs >= 0) return ra[differs]! - rb[differs]!;
      return a.modified - b.modified || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    });
    owners.set(id, owner!.file);
  }
  return owners;
}
