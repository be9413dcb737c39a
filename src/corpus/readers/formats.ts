/**
 * The document formats read besides plain text and Markdown: one row each, with the library that
 * reads it. A file's format is told by its content (magic bytes); its extension only settles what
 * content cannot (an HTML fragment), so a file whose name lies is still read right.
 */
import type { DocumentReader } from "./reader.js";
import { oleKind } from "./zip.js";

export type DocumentFormat = "pdf" | "docx" | "epub" | "html";

/** Bump when a reader changes what it reads from a file: stored indexes are rebuilt. */
export const READERS_VERSION = "readers/1";

interface FormatRow {
  format: DocumentFormat;
  /** As users call it, in messages. */
  label: string;
  extensions: readonly string[];
  /** What reads it (the README names these). */
  library: string;
  load: () => Promise<DocumentReader>;
}

export const FORMATS: readonly FormatRow[] = [
  {
    format: "pdf",
    label: "PDF",
    extensions: [".pdf"],
    library: "@embedpdf/pdfium (PDFium in WebAssembly)",
    load: async () => (await import("./pdf.js")).readPdf,
  },
  { format: "docx", label: "Word (DOCX)", extensions: [".docx"], library: "mammoth, then htmlparser2", load: async () => (await import("./docx.js")).readDocx },
  { format: "epub", label: "EPUB", extensions: [".epub"], library: "fflate, then htmlparser2", load: async () => (await import("./epub.js")).readEpub },
  {
    format: "html",
    label: "web page (HTML)",
    extensions: [".html", ".htm", ".xhtml"],
    library: "htmlparser2 with css-select",
    load: async () => (await import("./html.js")).readHtml,
  },
];

/** The extensions of every format read, plain text's included. */
export const DOCUMENT_EXTENSIONS: readonly string[] = [".txt", ".md", ...FORMATS.flatMap((row) => row.extensions)];

export function isDocumentFormat(kind: string): kind is DocumentFormat {
  return FORMATS.some((row) => row.format === kind);
}

export function formatRow(format: DocumentFormat): FormatRow {
  return FORMATS.find((row) => row.format === format)!;
}

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, Math.min(end, bytes.length) - start)).toString("latin1");

/**
 * What `bytes` hold: a format of FORMATS; "text" for anything else that is not binary (decoded
 * and checked by the text loader); "zip", "office-legacy", "office-encrypted" for what we know
 * and do not read; "binary" for the rest.
 */
export function detectFormat(bytes: Uint8Array, extension: string): DocumentFormat | "text" | "zip" | "office-legacy" | "office-encrypted" | "binary" {
  const head = ascii(bytes, 0, 1024);
  // PDF allows junk before its header, within the first kilobyte; a text that mentions "%PDF-" is no PDF.
  if (head.startsWith("%PDF-") || (extension === ".pdf" && head.includes("%PDF-"))) return "pdf";
  if (head.startsWith("PK\x03\x04")) {
    // An EPUB's first entry is "mimetype", stored uncompressed, holding its media type.
    if (head.slice(30, 38) === "mimetype" && head.includes("application/epub+zip")) return "epub";
    return zipHasEntry(bytes, "word/document.xml") ? "docx" : "zip";
  }
  // Office encrypts a DOCX by wrapping it in an OLE file; its stream names come early.
  const ole = oleKind(bytes, 64 * 1024);
  if (ole) return ole;
  const start = head
    .replace(/^(\xEF\xBB\xBF|\xFF\xFE|\xFE\xFF)/, "")
    .replace(/\0/g, "")
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype html|^(<\?xml[^>]*>\s*)?<html[\s>]/.test(start)) return "html";
  if (formatRow("html").extensions.includes(extension) && start.startsWith("<")) return "html";
  return looksBinary(bytes) ? "binary" : "text";
}

/** Whether the zip in `bytes` names an entry `name` (its central directory lists every name in plain bytes). */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  const tail = ascii(bytes, Math.max(0, bytes.length - 256 * 1024), bytes.length);
  return tail.includes(name) || ascii(bytes, 0, 64 * 1024).includes(name);
}

/** NUL bytes in the first kilobytes (outside UTF-16, which has a byte-order mark) mean binary data. */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return bytes.subarray(0, 8192).includes(0);
}
