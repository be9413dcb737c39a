/**
 * The interface every document reader (PDF, Word, web page, e-book) implements: bytes in, the
 * blocks of the document in reading order out. Cleaning and assembling into a CorpusDocument is
 * shared (clean.ts), so every format indexes the way a `.txt` file does.
 */
import type { DocumentMeta, Reference } from "../document.js";

/** One block of a document as its reader found it, in reading order. */
export interface ReadBlock {
  kind: "heading" | "paragraph";
  /** The block's text on one line: words separated by single spaces, no line breaks. */
  text: string;
  /** Heading level, 1 the outermost, where the format tells (h1–h6, Word's heading styles, font sizes). */
  level?: number;
  /** The pages the block stands on, first to last (numbered from 1), in a paginated document. */
  pages?: number[];
}

/** What a reader made of one file. */
export interface ReadDocument {
  /** Header fields from the file's own metadata (title, author, url, language…); absent when unknown. */
  meta: Partial<DocumentMeta>;
  blocks: ReadBlock[];
  /** The document's reference list, for the [n] markers (or footnote marks) in its text. */
  references: Reference[];
  /** What was read with a loss, each a short phrase: "3 images without text skipped". */
  warnings: string[];
  /** Pages in the file, for paginated formats. */
  pageCount?: number;
}

/** Bounds on the work one file may cost; a file past any of them is refused, never read in part. */
export interface ReadLimits {
  /** Largest size of a file's bytes. */
  maxBytes: number;
  /** Largest total size of an archive's entries once inflated (DOCX, EPUB). */
  maxInflatedBytes: number;
  /** Most pages of one PDF. */
  maxPages: number;
}

/**
 * Why a file could not be read, one kind per reason a user can act on:
 * - "unsupported": not a format we read (or its content is not what its extension says and not another format);
 * - "corrupt": malformed or truncated;
 * - "encrypted": password-protected;
 * - "scanned": a PDF with no text layer (pictures of pages; OCR is not done);
 * - "too-big": past one of the ReadLimits (or the time limit);
 * - "empty": read, but no text in it.
 */
export type ReadFailure = "unsupported" | "corrupt" | "encrypted" | "scanned" | "too-big" | "empty";

/** A file that could not be read; `message` is one line a user can act on. */
export class DocumentReadError extends Error {
  override name = "DocumentReadError";
  constructor(
    readonly kind: ReadFailure,
    message: string,
  ) {
    super(message);
  }
}

/** A reader of one format. It must not keep `bytes` after it returns. */
export type DocumentReader = (bytes: Uint8Array, limits: ReadLimits) => Promise<ReadDocument>;
