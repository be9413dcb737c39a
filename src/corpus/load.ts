/**
 * Loading the corpus folder: every corpus file in it (files.ts), each parsed, given an id and
 * title (from its header, else its file name), and cleaned; a file whose id another file holds is
 * refused by name.
 */
import { createHash } from "node:crypto";
import { readFile as readBytes, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from "../config/defaults.js";
import { sizeLabel } from "../log/logger.js";
import { CLEANER_VERSION, cleanDocument, cleanReadDocument } from "./clean.js";
import type { CorpusDocument, DocumentMeta, DocumentSource, Reference } from "./document.js";
import { type CorpusFile, readCorpusFiles, SIDECAR_EXTENSION, sidecarPaths } from "./files.js";
import { parseHeader, parseSidecar } from "./header.js";
import { type DocumentFormat, detectFormat, FORMATS, formatRow, isDocumentFormat, READERS_VERSION } from "./readers/formats.js";
import { DocumentReaders } from "./readers/read-document.js";
import { DocumentReadError, type ReadBlock, type ReadFailure } from "./readers/reader.js";

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
    /** Why an unreadable file could not be read, for messages in a user's language. */
    readonly failure: ReadFailure = "unsupported",
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
  /**
   * The documents of the index built before: where each came from decides who owns an id two files
   * claim (see idOwners), and a PDF, Word, web page or e-book file unchanged since is not read again.
   */
  previous?: readonly CorpusDocument[];
  /** Bounds on reading one PDF, Word, web page or e-book file; defaults to DEFAULT_DOCUMENT_LIMITS. */
  limits?: DocumentLimits;
}

const VALID_ID = /^[\p{L}\p{N}_.-]+$/u;

/** Whether `id` may be a document id: letters, digits, _ . - only. */
export function isValidId(id: string): boolean {
  return VALID_ID.test(id);
}

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
  const hash = createHash("sha256").update(CLEANER_VERSION).update(READERS_VERSION);
  for (const { name, bytes, size, modified } of files) {
    // A file too big to read counts by its size and time: raising the limit, or changing it, rebuilds.
    hash
      .update(name)
      .update("\0")
      .update(bytes.length === size ? bytes : `${size}@${modified}`)
      .update("\0");
  }
  return hash.digest("hex");
}

/** The hash loadCorpus would give, without cleaning anything: to tell whether an index is current. */
export async function hashCorpus(dir: string, exclude: readonly string[] = [], limits = DEFAULT_DOCUMENT_LIMITS): Promise<string> {
  return hashFiles(await readCorpusFiles(dir, [], exclude, limits.maxBytes));
}

/** A corpus file read, before cleaning: a text body, or the blocks a document reader found. */
interface ParsedFile extends DocumentSource {
  id: string;
  stem: string;
  extension: string;
  meta: Partial<DocumentMeta>;
  content: { body: string } | { blocks: ReadBlock[]; references: Reference[] } | { document: CorpusDocument };
  /** For a file a reader read: see DocumentSource.readAs. */
  readAs?: string;
  modified: number;
}

/** The header fields a sidecar file holds: the `.txt` header's lines, with or without its `---` lines. */
function sidecarMeta(file: CorpusFile, warnings: string[]): Partial<DocumentMeta> {
  const text = file.bytes.toString("utf8");
  const { meta, warnings: problems } = parseSidecar(text);
  for (const problem of problems ?? []) warnings.push(`${file.name}: ${problem}`);
  return meta;
}

/** What stands in for format names in a message: "a PDF". */
const FORMAT_NAMES = `PDF, ${FORMATS.filter((row) => row.format !== "pdf")
  .map((row) => row.label)
  .join(", ")}, text or Markdown`;

/** Why a file of no format we read is refused. */
function unreadable(kind: ReturnType<typeof detectFormat>): string {
  if (kind === "office-encrypted") return "a password-protected Office file; remove the password and add it again";
  if (kind === "office-legacy") return "an old Office file (.doc); save it as .docx";
  if (kind === "zip") return "a zip archive that is neither a Word (DOCX) file nor an EPUB";
  return `not a document we read (${FORMAT_NAMES})`;
}

/** A corpus file read, with its sidecar's fields over its own, and its document id checked. */
async function parseFile(
  file: CorpusFile,
  sidecar: CorpusFile | undefined,
  limits: DocumentLimits,
  readers: DocumentReaders,
  warnings: string[],
  previous: ReadonlyMap<string, CorpusDocument> = new Map(),
): Promise<ParsedFile> {
  const { name, bytes, size, modified } = file;
  if (bytes.length !== size) {
    throw new CorpusFileError(name, `${sizeLabel(size)}, over the limit of ${sizeLabel(limits.maxBytes)} (MAX_DOCUMENT_MB)`, "unreadable", "too-big");
  }
  const extension = extname(name).toLowerCase();
  const stem = basename(name, extname(name));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const kind = detectFormat(bytes, extension);
  const readAs = isDocumentFormat(kind)
    ? `${createHash("sha256")
        .update(sidecar?.bytes ?? "")
        .digest("hex")} ${READERS_VERSION} ${CLEANER_VERSION}`
    : undefined;
  // A PDF, Word, web page or e-book file read before, unchanged, with its sidecar, by the same reader: taken as it was.
  const before = readAs && previous.get(name);
  if (before && before.source?.sha256 === sha256 && before.source.readAs === readAs) {
    return { file: name, sha256, readAs, id: before.meta.id, stem, extension, meta: before.meta, content: { document: before }, modified };
  }
  const { meta, content } = await readContent(file, kind, extension, readers, warnings);
  Object.assign(meta, sidecar && sidecarMeta(sidecar, warnings));
  let id = meta.id ?? stem;
  if (!VALID_ID.test(id) && VALID_ID.test(stem)) {
    // As for any header line that cannot be read: the value is left out, never the document.
    warnings.push(`${name}: header id "${id.slice(0, 80)}" left out: an id holds only letters, digits, _ . -; the file name's "${stem}" is used`);
    id = stem;
  }
  if (!VALID_ID.test(id)) throw new CorpusFileError(name, `document id "${id}" may only hold letters, digits, _ . -`);
  return { file: name, sha256, ...(readAs ? { readAs } : {}), id, stem, extension, meta, content, modified };
}

/** A parsed file cleaned into its document; throws when no text is left. */
function cleanParsed({ file, sha256, readAs, id, stem, extension, meta, content }: ParsedFile): CorpusDocument {
  if ("document" in content) return content.document;
  const documentMeta = { ...meta, id, title: meta.title ?? stem };
  const document =
    "body" in content ? cleanDocument(documentMeta, content.body, extension === ".md") : cleanReadDocument(documentMeta, content.blocks, content.references);
  if (document.sections.length === 0) throw new CorpusFileError(file, "no text left after cleaning", "unreadable", "empty");
  return { ...document, source: { file, sha256, ...(readAs ? { readAs } : {}) } };
}

/**
 * One file read and cleaned exactly as the index reads it, with the sidecar beside it
 * (`npm run extract`). Throws CorpusFileError, naming the file, when it cannot be read.
 */
export async function loadDocumentFile(path: string, limits = DEFAULT_DOCUMENT_LIMITS): Promise<{ document: CorpusDocument; warnings: string[] }> {
  const warnings: string[] = [];
  const name = basename(path);
  const readFile = async (file: string): Promise<CorpusFile | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return {
      file,
      name: basename(file),
      bytes: info.size > limits.maxBytes ? Buffer.alloc(0) : await readBytes(file),
      size: info.size,
      modified: info.mtimeMs,
    };
  };
  const file = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new CorpusFileError(name, `cannot be read (${error.code ?? error.message})`);
  });
  if (!file) throw new CorpusFileError(name, "no such file");
  const [besideFile, besideName] = sidecarPaths(path);
  const sidecar = (await readFile(besideFile)) ?? (await readFile(besideName));
  return readDocument(file, sidecar, limits, warnings);
}

/**
 * Bytes read and cleaned exactly as the index reads a file named `name` (a document being added,
 * before it has a file); throws CorpusFileError, naming `name`, when they cannot be read.
 */
export function loadDocumentBytes(bytes: Buffer, name: string, limits = DEFAULT_DOCUMENT_LIMITS): Promise<{ document: CorpusDocument; warnings: string[] }> {
  return readDocument({ file: name, name, bytes, size: bytes.length, modified: Date.now() }, undefined, limits, []);
}

async function readDocument(file: CorpusFile, sidecar: CorpusFile | undefined, limits: DocumentLimits, warnings: string[]) {
  const readers = new DocumentReaders(limits);
  try {
    return { document: cleanParsed(await parseFile(file, sidecar, limits, readers, warnings)), warnings };
  } finally {
    await readers.close();
  }
}

/** Reads and cleans every document of the corpus folder `dir`. */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  const warnings: string[] = [];
  const files = await readCorpusFiles(dir, warnings, options.exclude, limits.maxBytes);
  const problems: CorpusFileError[] = [];
  const refuse = (error: unknown, name: string) =>
    problems.push(error instanceof CorpusFileError ? error : new CorpusFileError(name, (error as Error).message));
  const sidecars = new Map(files.filter((f) => extname(f.name) === SIDECAR_EXTENSION).map((f) => [f.name.slice(0, -SIDECAR_EXTENSION.length), f]));
  const readers = new DocumentReaders(limits);
  const previousByFile = new Map((options.previous ?? []).flatMap((d) => (d.source ? [[d.source.file, d] as const] : [])));
  const parsed: ParsedFile[] = [];
  try {
    for (const file of files) {
      if (extname(file.name) === SIDECAR_EXTENSION) continue;
      const extension = extname(file.name).toLowerCase();
      const sidecar = sidecars.get(file.name) ?? sidecars.get(file.name.slice(0, file.name.length - extension.length));
      try {
        parsed.push(await parseFile(file, sidecar, limits, readers, warnings, previousByFile));
      } catch (error) {
        refuse(error, file.name);
      }
    }
  } finally {
    await readers.close();
  }
  const owners = idOwners(parsed, new Map((options.previous ?? []).flatMap((d) => (d.source ? [[d.meta.id, d.source] as const] : []))));
  const documents: CorpusDocument[] = [];
  /** The file each content was first read from: a copy under another name would answer every question twice. */
  const readFrom = new Map<string, string>();
  for (const entry of parsed) {
    const { file, sha256, id } = entry;
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
      documents.push(cleanParsed(entry));
    } catch (error) {
      refuse(error, file);
    }
  }
  return { documents, hash: hashFiles(files), problems, warnings };
}

/**
 * A file's metadata and content, by what its bytes are: a document format through its reader
 * (in a worker, within `limits`), anything else as text with its header. A name that says
 * another format than the content is warned about and the content wins.
 */
async function readContent(
  { name, bytes }: CorpusFile,
  kind: ReturnType<typeof detectFormat>,
  extension: string,
  readers: DocumentReaders,
  warnings: string[],
): Promise<Pick<ParsedFile, "meta" | "content">> {
  const named = FORMATS.find((row) => row.extensions.includes(extension));
  if (kind === "text" || (kind === "binary" && !named)) {
    if (named) warnings.push(`${name}: text, not ${named.label} as its name says; read as text`);
    const { text, encoding } = decodeText(bytes, name);
    if (encoding !== "utf-8") warnings.push(`${name}: read as ${encoding}, not UTF-8`);
    const { meta, body, warnings: headerWarnings } = parseHeader(text);
    for (const warning of headerWarnings ?? []) warnings.push(`${name}: ${warning}`);
    return { meta, content: { body } };
  }
  if (kind === "binary" || kind === "zip" || kind === "office-legacy" || kind === "office-encrypted") {
    throw new CorpusFileError(name, unreadable(kind), "unreadable", kind === "office-encrypted" ? "encrypted" : "unsupported");
  }
  const format: DocumentFormat = kind;
  // The content wins over the name; a name that says otherwise is worth a warning.
  const label = formatRow(format).label;
  const said = named ? named.label : extension === ".txt" || extension === ".md" ? "text" : undefined;
  if (said && named?.format !== format) warnings.push(`${name}: ${label}, not ${said} as its name says; read as ${label}`);
  try {
    const read = await readers.read(bytes, format);
    for (const warning of read.warnings) warnings.push(`${name}: ${warning}`);
    // A file's own id field would let its author take another document's id: ids come from names and sidecars.
    const { id: _ignored, ...meta } = read.meta;
    return { meta, content: { blocks: read.blocks, references: read.references } };
  } catch (error) {
    if (error instanceof DocumentReadError) throw new CorpusFileError(name, error.message, "unreadable", error.kind);
    throw error;
  }
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
