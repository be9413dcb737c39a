/**
 * The corpus as admins manage it from the chat or the shell: list its documents, add one (a file's
 * bytes, or a link's), remove one. A change writes the corpus folder atomically and rebuilds the
 * index under the write lock that instances sharing the index take (engine.changeCorpus); the
 * others swap to the new index when they next look (INDEX_REFRESH_SECONDS).
 */
import { createHash } from "node:crypto";
import { rm, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { DocumentLimits } from "../config/defaults.js";
import { type CorpusDocument, type DocumentMeta, pagesOf } from "../corpus/document.js";
import { DEFAULT_LINK_LIMITS, extensionForContentType, fetchLink, LinkError, type LinkFailure, type LinkHooks } from "../corpus/fetch-link.js";
import { SIDECAR_EXTENSION } from "../corpus/files.js";
import { CorpusFileError, isValidId, loadDocumentBytes } from "../corpus/load.js";
import { detectFormat, formatRow, isDocumentFormat } from "../corpus/readers/formats.js";
import type { ReadFailure } from "../corpus/readers/reader.js";
import { commitStaged, discardStaged, removeStaleTemporaries, stageFile } from "../indexing/atomic-write.js";
import type { WriteLockOptions } from "../indexing/write-lock.js";
import type { AnswerEngine } from "./engine.js";

/** Why a document was not added or removed: a reader's reason, a link's, or one of the library's own. */
export type LibraryFailure = ReadFailure | LinkFailure | "duplicate" | "bad-id" | "no-such-document" | "no-corpus";

export class LibraryError extends Error {
  override name = "LibraryError";
  constructor(
    readonly kind: LibraryFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface NewDocument {
  bytes: Uint8Array;
  /** The name it came with (a Telegram document's, a link's); the stored name is made from it or the title. */
  fileName?: string;
  /** The address it was fetched from. */
  sourceUrl?: string;
  /** Who adds it: a Telegram user id, or "shell". */
  addedBy: string;
  /** The document id to give it, instead of one made from its name. */
  id?: string;
  /** Header fields to record in its sidecar (a sidecar that came with the file, from the shell). */
  meta?: Partial<DocumentMeta>;
}

/** What was added, for the report to the admin. */
export interface AddReport {
  id: string;
  title: string;
  /** Its file in the corpus folder. */
  file: string;
  /** Pages, for a paginated document. */
  pages?: number;
  sections: number;
  passages: number;
  /** The first lines of its text. */
  opening: string;
}

export interface LibraryEntry {
  id: string;
  title: string;
  file?: string;
  bytes?: number;
  /** When it was added (ISO 8601): from the chat or the shell, else when its file was last changed. */
  added?: string;
  addedBy?: string;
}

/** Longest stored file name before its extension: names are made from titles, which can be a page long. */
const MAX_NAME_LENGTH = 60;
const OPENING_LENGTH = 200;
/** The name a document is read under before it has one: an id it gives itself (a text header's) differs from it. */
const SCRATCH_STEM = "document-being-added";

/**
 * A file name made from `text` that is safe in any folder: letters (Arabic too), digits, _ . -
 * only, so no path separator, no "..", nothing hidden; empty when nothing is left.
 */
export function safeStem(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[-.]+$/g, "");
}

export class DocumentLibrary {
  constructor(
    private readonly engine: AnswerEngine,
    private readonly limits: DocumentLimits,
    /** Links to private addresses (ALLOW_PRIVATE_URLS), and test seams for the link fetcher. */
    private readonly links: { allowPrivate: boolean; hooks?: LinkHooks } = { allowPrivate: false },
  ) {}

  /** The documents of the corpus, with their files, sizes and when they were added. */
  async list(): Promise<LibraryEntry[]> {
    return Promise.all(
      this.engine.documents().map(async ({ meta, source }) => {
        const info = source && (await stat(join(this.engine.corpusFolder(), source.file)).catch(() => undefined));
        const added = meta.addedAt ?? info?.mtime.toISOString();
        return {
          id: meta.id,
          title: meta.title,
          ...(source ? { file: source.file } : {}),
          ...(info ? { bytes: info.size } : {}),
          ...(added ? { added } : {}),
          ...(meta.addedBy ? { addedBy: meta.addedBy } : {}),
        };
      }),
    );
  }

  /**
   * Reads `input` as the index would, refusing it with a LibraryError (its reason's kind) when it
   * cannot be read or is already in the corpus; then writes it into the corpus folder with a
   * sidecar saying who added it, when and from where, and rebuilds the index.
   */
  async add(input: NewDocument, lock?: WriteLockOptions): Promise<AddReport> {
    const sha256 = createHash("sha256").update(input.bytes).digest("hex");
    if (input.id !== undefined) checkId(input.id);
    if (input.fileName?.toLowerCase().endsWith(SIDECAR_EXTENSION)) {
      throw new LibraryError("unsupported", "a .meta file holds header fields for a document beside it; it is no document itself");
    }
    const read = await this.read(input);
    const added = await this.engine.changeCorpus(async () => {
      // Checked again under the lock: another admin or instance may have added it meanwhile.
      const copy = this.engine.documents().find((d) => d.source?.sha256 === sha256);
      if (copy) throw new LibraryError("duplicate", `the same file is already in the corpus as "${copy.meta.title}" (${copy.meta.id})`);
      return this.write(input, read);
    }, lock);
    const document = this.engine.documents().find((d) => d.source?.file === added.file);
    if (!document) {
      // Nothing the checks above foresaw should get here; the file goes again rather than stay unindexed.
      await this.engine.changeCorpus(() => removeFiles(join(this.engine.corpusFolder(), added.file)), lock);
      throw new LibraryError("bad-id", `the document was read, but the index did not take it as ${added.file}`);
    }
    return report(document, added.file, this.engine.passageCount(document.meta.id));
  }

  /**
   * Fetches the document at `url` (http or https, no private address unless `allowPrivate`,
   * within the size limit) and adds it as `add` does, recording where it came from.
   */
  async addLink(url: string, who: Pick<NewDocument, "addedBy" | "id">, lock?: WriteLockOptions): Promise<AddReport> {
    let fetched: Awaited<ReturnType<typeof fetchLink>>;
    try {
      fetched = await fetchLink(url, { ...DEFAULT_LINK_LIMITS, maxBytes: this.limits.maxBytes, allowPrivate: this.links.allowPrivate }, this.links.hooks);
    } catch (error) {
      if (error instanceof LinkError) throw new LibraryError(error.kind, error.message);
      throw error;
    }
    // The content type decides the reader ("/page.php" served as text/html is a web page); the name, when it says nothing.
    const typed = extensionForContentType(fetched.contentType);
    const stem = fetched.fileName ? basename(fetched.fileName, extname(fetched.fileName)) : "document";
    const name = typed ? `${stem}${typed}` : (fetched.fileName ?? stem);
    return this.add({ ...who, bytes: withCharset(fetched.bytes, fetched.contentType, typed), fileName: name, sourceUrl: fetched.finalUrl }, lock);
  }

  /** Takes document `id` out of the corpus folder (its file and sidecar) and rebuilds the index. */
  async remove(id: string, lock?: WriteLockOptions): Promise<LibraryEntry> {
    return this.engine.changeCorpus(async () => {
      const document = this.engine.documents().find((d) => d.meta.id === id);
      if (!document) throw new LibraryError("no-such-document", `no document has the id "${id.slice(0, 80)}"`);
      if (!document.source) throw new LibraryError("no-corpus", `"${id}" is in the index but has no file in the corpus folder`);
      await removeFiles(join(this.engine.corpusFolder(), document.source.file));
      return { id, title: document.meta.title, file: document.source.file };
    }, lock);
  }

  /** The document in `input` read as the index will read it, under a name of its format. */
  private async read(input: NewDocument): Promise<{ document: CorpusDocument; extension: string }> {
    const named = input.fileName ? extname(input.fileName).toLowerCase() : "";
    const format = detectFormat(input.bytes, named);
    const extension = format === "text" ? (named === ".md" ? ".md" : ".txt") : isDocumentFormat(format) ? formatRow(format).extensions[0]! : named;
    try {
      const { document } = await loadDocumentBytes(Buffer.from(input.bytes), `${SCRATCH_STEM}${extension}`, this.limits);
      return { document, extension };
    } catch (error) {
      if (error instanceof CorpusFileError) throw new LibraryError(error.failure, error.message.replace(`${SCRATCH_STEM}${extension}: `, ""));
      throw error;
    }
  }

  /** Writes the document and its sidecar into the corpus folder, under a name no other file has. */
  private async write(input: NewDocument, { document, extension }: { document: CorpusDocument; extension: string }): Promise<{ file: string }> {
    const fromName = input.fileName ? safeStem(basename(input.fileName, extname(input.fileName))) : "";
    // An id the document gives itself (a text header's), else the one asked for: either is kept as it is or refused.
    const ownId = document.meta.id !== SCRATCH_STEM ? document.meta.id : undefined;
    const title = document.meta.title !== SCRATCH_STEM ? document.meta.title : "";
    const taken = new Set(this.engine.documents().map((d) => d.meta.id));
    const fixed = input.id ?? ownId;
    if (fixed !== undefined) checkId(fixed);
    if (fixed !== undefined && taken.has(fixed)) throw new LibraryError("bad-id", `the id "${fixed}" is already used by another document`);
    const named = (fixed !== undefined ? safeStem(fixed) : "") || fromName || safeStem(title) || "document";
    // The corpus listing leaves README files out.
    const stem = /^readme$/i.test(named) ? `${named}-document` : named;
    // A writer killed mid-write (an instance, `npm run add`) leaves its temporary files behind.
    await removeStaleTemporaries(this.engine.corpusFolder());
    let file = `${stem}${extension}`;
    for (let n = 2; taken.has(basename(file, extension)) || (await exists(join(this.engine.corpusFolder(), file))); n++) file = `${stem}-${n}${extension}`;
    const sidecar: Partial<DocumentMeta> = {
      ...input.meta,
      // The id asked for holds whatever the file's own header says, and whatever name the file got.
      ...(input.id !== undefined ? { id: input.id } : {}),
      ...(fixed !== undefined && input.id === undefined && basename(file, extension) !== fixed ? { id: fixed } : {}),
      addedBy: input.addedBy,
      addedAt: new Date().toISOString(),
      ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
      // A fetched page's link is its own canonical address when it names one, else the address it came from.
      ...(input.sourceUrl && !document.meta.url ? { url: input.sourceUrl } : {}),
    };
    const staged = [
      await stageFile(join(this.engine.corpusFolder(), file + SIDECAR_EXTENSION), [sidecarText(sidecar)]),
      await stageFile(join(this.engine.corpusFolder(), file), [input.bytes]),
    ];
    try {
      // The sidecar first: a document never appears without it (a sidecar alone is ignored).
      await commitStaged(staged);
    } catch (error) {
      await discardStaged(staged);
      throw error;
    }
    return { file };
  }
}

/**
 * A web page's bytes with the charset its HTTP header gave written into them (a `<meta charset>`
 * in front), so that the stored file reads as it was served; other bytes as they are.
 */
function withCharset(bytes: Buffer, contentType: string | undefined, extension: string | undefined): Buffer {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  if (extension !== ".html" || !charset || /^utf-?8$/i.test(charset)) return bytes;
  return Buffer.concat([Buffer.from(`<meta charset="${charset}">\n`), bytes]);
}

/** Longest document id: ids become file names, which file systems cap at 255 bytes (an Arabic letter takes two). */
const MAX_ID_LENGTH = 80;

/** Refuses an id that is no id, too long, or one the corpus listing would leave out (hidden, a README). */
function checkId(id: string): void {
  const why = !isValidId(id)
    ? "may only hold letters, digits, _ . -"
    : id.length > MAX_ID_LENGTH
      ? `is longer than ${MAX_ID_LENGTH} characters`
      : /^[.-]/.test(id) || id.toLowerCase() === "readme"
        ? "may not start with . or - nor be README"
        : undefined;
  if (why) throw new LibraryError("bad-id", `the id "${id.slice(0, MAX_ID_LENGTH)}${id.length > MAX_ID_LENGTH ? "…" : ""}" ${why}`);
}

/** Removes a corpus file and its sidecar: the document first, so a sidecar is never missing from a document. */
async function removeFiles(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(file + SIDECAR_EXTENSION, { force: true });
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** A sidecar's text: header lines, each value on one line. */
function sidecarText(meta: Partial<DocumentMeta>): string {
  const keys: Record<string, string> = { addedBy: "added_by", addedAt: "added_at", sourceUrl: "source_url", basedOn: "based_on" };
  return `${Object.entries(meta)
    .map(([key, value]) => `${keys[key] ?? key}: ${String(value).replace(/\s+/g, " ")}`)
    .join("\n")}\n`;
}

function report(document: CorpusDocument, file: string, passages: number): AddReport {
  const pages = pagesOf(document.sections.flatMap((s) => s.paragraphs))?.at(-1);
  const first = document.sections[0]?.paragraphs[0];
  const opening = first ? document.text.slice(first.start, Math.min(first.end, first.start + OPENING_LENGTH)) : "";
  return {
    id: document.meta.id,
    title: document.meta.title,
    file,
    ...(pages ? { pages } : {}),
    sections: document.sections.length,
    passages,
    opening,
  };
}
