/**
 * The PDF reader: PDFium (WASM, @embedpdf/pdfium) gives each character with its box, font size and
 * weight; pdf-lines.ts and pdf-layout.ts rebuild words, lines, paragraphs and headings from those
 * positions. PDFium's own line text is not used: it splits and glues Arabic words, and keeps the
 * mirrored brackets and direction marks of the content stream.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { init, type WrappedPdfiumModule } from "@embedpdf/pdfium";
import type { DocumentMeta } from "../document.js";
import { blocksOf, dropRunningLines, type PageLines } from "./pdf-layout.js";
import { type Glyph, linesOf, scriptCounts } from "./pdf-lines.js";
import { DocumentReadError, type DocumentReader, type ReadDocument } from "./reader.js";

/** FPDF_GetLastError codes. */
const ERR_PASSWORD = 4;
const ERR_SECURITY = 5;
const PAGEOBJ_IMAGE = 3;

let pdfium: Promise<WrappedPdfiumModule> | undefined;

/** The WASM memory as bytes: a public field of every Emscripten module that the package's typings leave out. */
const heap = (m: WrappedPdfiumModule) => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;

/** PDFium, loaded from the package's own wasm file (no network) once per process, when first needed. */
function loadPdfium(): Promise<WrappedPdfiumModule> {
  pdfium ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve("@embedpdf/pdfium/pdfium.wasm"));
    const module = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    module.PDFiumExt_Init();
    return module;
  })();
  pdfium.catch(() => {
    pdfium = undefined;
  });
  return pdfium;
}

export const readPdf: DocumentReader = async (bytes, limits) => {
  if (bytes.length > limits.maxBytes) throw new DocumentReadError("too-big", `PDF of ${bytes.length} bytes is past the limit of ${limits.maxBytes}`);
  if (!hasPdfHeader(bytes)) throw new DocumentReadError("unsupported", "not a PDF: no %PDF- header");
  const m = await loadPdfium();
  // Everything below is synchronous: no other read can interleave with this one in the WASM heap.
  const data = m.pdfium.wasmExports.malloc(bytes.length);
  if (!data) throw new DocumentReadError("too-big", "PDF too large to load into memory");
  let doc = 0;
  try {
    heap(m).set(bytes, data);
    doc = m.FPDF_LoadMemDocument(data, bytes.length, "");
    if (!doc) {
      const error = m.FPDF_GetLastError();
      if (error === ERR_PASSWORD || error === ERR_SECURITY) throw new DocumentReadError("encrypted", "PDF is password-protected");
      throw new DocumentReadError("corrupt", "PDF is malformed or truncated: PDFium could not open it");
    }
    const pageCount = m.FPDF_GetPageCount(doc);
    if (pageCount > limits.maxPages) throw new DocumentReadError("too-big", `PDF has ${pageCount} pages, past the limit of ${limits.maxPages}`);
    if (pageCount <= 0) throw new DocumentReadError("corrupt", "PDF has no pages");
    return readDocument(m, doc, pageCount);
  } finally {
    if (doc) m.FPDF_CloseDocument(doc);
    m.pdfium.wasmExports.free(data);
  }
};

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

function readDocument(m: WrappedPdfiumModule, doc: number, pageCount: number): ReadDocument {
  const pages: PageLines[] = [];
  const warnings: string[] = [];
  const unreadable: number[] = [];
  const imageOnly: number[] = [];
  // Letters read so far: a page of Latin references in an Arabic document still reads right to left.
  const letters = { arabic: 0, latin: 0 };
  for (let index = 0; index < pageCount; index++) {
    const page = readPage(m, doc, index);
    if (!page) unreadable.push(index + 1);
    else if (page.glyphs.length === 0 && page.hasImages) imageOnly.push(index + 1);
    else {
      const counts = scriptCounts(page.glyphs);
      letters.arabic += counts.arabic;
      letters.latin += counts.latin;
      pages.push({ page: index + 1, height: page.height, lines: linesOf(page.glyphs, index + 1, letters.arabic > letters.latin) });
    }
  }
  if (unreadable.length === pageCount) throw new DocumentReadError("corrupt", "PDF is malformed: none of its pages could be read");
  const blocks = blocksOf(dropRunningLines(pages));
  if (blocks.length === 0) {
    if (imageOnly.length > 0) throw new DocumentReadError("scanned", "PDF has no text layer (scanned pages as images; OCR is not done)");
    throw new DocumentReadError("empty", "PDF has no text");
  }
  if (unreadable.length > 0) warnings.push(`${unreadable.length} unreadable pages skipped (${pageList(unreadable)})`);
  if (imageOnly.length > 0) warnings.push(`${imageOnly.length} pages without text (images) skipped (${pageList(imageOnly)})`);
  return { meta: readMeta(m, doc), blocks, references: [], warnings, pageCount };
}

const pageList = (pages: number[]) => (pages.length > 5 ? `pp. ${pages.slice(0, 5).join(", ")}…` : `pp. ${pages.join(", ")}`);

/** One page's characters (generated spaces and line breaks left out), or undefined when PDFium cannot load it. */
function readPage(m: WrappedPdfiumModule, doc: number, index: number): { glyphs: Glyph[]; height: number; hasImages: boolean } | undefined {
  const page = m.FPDF_LoadPage(doc, index);
  if (!page) return undefined;
  const scratch = m.pdfium.wasmExports.malloc(32);
  let text = 0;
  try {
    text = m.FPDFText_LoadPage(page);
    const glyphs = text ? readGlyphs(m, text, scratch) : [];
    const height = m.FPDF_GetPageHeightF(page);
    return { glyphs, height, hasImages: glyphs.length === 0 && hasImageObject(m, page) };
  } finally {
    if (text) m.FPDFText_ClosePage(text);
    m.pdfium.wasmExports.free(scratch);
    m.FPDF_ClosePage(page);
  }
}

/** The most characters one page may hold (a dense printed page: about 6,000). */
const MAX_CHARS_PER_PAGE = 50_000;

function readGlyphs(m: WrappedPdfiumModule, text: number, scratch: number): Glyph[] {
  const glyphs: Glyph[] = [];
  const count = m.FPDFText_CountChars(text);
  // A printed page holds a few thousand characters; tens of thousands more is a file built to exhaust memory.
  if (count > MAX_CHARS_PER_PAGE) throw new DocumentReadError("too-big", `a PDF page holds ${count} characters, past the limit of ${MAX_CHARS_PER_PAGE}`);
  let visible = 0;
  for (let i = 0; i < count; i++) {
    // Spaces and line breaks PDFium made up from gaps: words are rebuilt from the gaps themselves.
    if (m.FPDFText_IsGenerated(text, i) === 1) continue;
    let code = m.FPDFText_GetUnicode(text, i);
    if (code === 0) continue;
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < count) {
      code = 0x10000 + ((code - 0xd800) << 10) + (m.FPDFText_GetUnicode(text, ++i) - 0xdc00);
    }
    if (!m.FPDFText_GetLooseCharBox(text, i, scratch)) continue;
    // FS_RECTF: left, top, right, bottom as floats; the origin as two doubles after it. Views are taken
    // afresh: the heap's buffer changes when it grows.
    const rect = new Float32Array(heap(m).buffer, scratch, 4);
    const [left, , right] = rect;
    m.FPDFText_GetCharOrigin(text, i, scratch + 16, scratch + 24);
    const [x, baseline] = new Float64Array(heap(m).buffer, scratch + 16, 2);
    const glyph = { text: String.fromCodePoint(code), x: x!, left: left!, right: right!, baseline: baseline!, size: 0, weight: 0 };
    glyph.size = m.FPDFText_GetFontSize(text, i);
    glyph.weight = m.FPDFText_GetFontWeight(text, i);
    if (!/^\s$/.test(glyph.text)) visible++;
    glyphs.push(glyph);
  }
  return visible > 0 ? glyphs : [];
}

function hasImageObject(m: WrappedPdfiumModule, page: number): boolean {
  const count = m.FPDFPage_CountObjects(page);
  for (let i = 0; i < count; i++) if (m.FPDFPageObj_GetType(m.FPDFPage_GetObject(page, i)) === PAGEOBJ_IMAGE) return true;
  return false;
}

/** Title and Author from the info dictionary, when present and not blank. */
function readMeta(m: WrappedPdfiumModule, doc: number): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  const title = metaText(m, doc, "Title");
  const author = metaText(m, doc, "Author");
  if (title) meta.title = title;
  if (author) meta.author = author;
  return meta;
}

function metaText(m: WrappedPdfiumModule, doc: number, tag: string): string {
  const length = m.FPDF_GetMetaText(doc, tag, 0, 0);
  if (length <= 2) return "";
  const buffer = m.pdfium.wasmExports.malloc(length);
  try {
    m.FPDF_GetMetaText(doc, tag, buffer, length);
    return m.pdfium.UTF16ToString(buffer).replace(/\s+/g, " ").trim();
  } finally {
    m.pdfium.wasmExports.free(buffer);
  }
}
