/**
 * `npm run bench:ingest`'s speed and memory figure: a PDF of 300 pages, made at bench time with
 * PDFium from committed PDFs (no tool outside node_modules), read through loadDocumentFile in a
 * fresh process (ingest-child.ts) started as `npm run index` starts, for its peak resident memory.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../src/config/settings.js";
import { loadPdfium } from "./ingest-peers.js";

const run = promisify(execFile);

export interface SpeedRun {
  ms: number;
  pagesWithText: number;
  paragraphs: number;
  characters: number;
  maxRssMb: number;
}

/** The WASM memory as bytes (a field of every Emscripten module that the package's typings leave out). */
const heapOf = (m: Awaited<ReturnType<typeof loadPdfium>>) => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;

/**
 * Writes a PDF of `pages` pages to `out`: the pages of `sources` in turn, from the first file
 * again when they run out. Distinct articles (XQuAD's) make a book-like file; a few files repeated
 * many times would give the reader lines that recur on page after page, as running headers do.
 */
export async function makeLongPdf(sources: readonly string[], pages: number, out: string): Promise<void> {
  const m = await loadPdfium();
  const heap = () => heapOf(m);
  const opened: { doc: number; data: number; count: number }[] = [];
  const book = m.FPDF_CreateNewDocument();
  try {
    for (const source of sources) {
      const bytes = await readFile(source);
      const data = m.pdfium.wasmExports.malloc(bytes.length);
      heap().set(bytes, data);
      const doc = m.FPDF_LoadMemDocument(data, bytes.length, "");
      if (!doc) throw new Error(`PDFium could not open ${source}`);
      opened.push({ doc, data, count: m.FPDF_GetPageCount(doc) });
    }
    for (let made = 0, next = 0; made < pages; next = (next + 1) % opened.length) {
      const { doc, count } = opened[next]!;
      const take = Math.min(count, pages - made);
      if (!m.FPDF_ImportPages(book, doc, `1-${take}`, made)) throw new Error("PDFium could not import pages");
      made += take;
    }
    const writer = m.PDFiumExt_OpenFileWriter();
    try {
      if (!m.PDFiumExt_SaveAsCopy(book, writer)) throw new Error("PDFium could not save the PDF");
      const size = m.PDFiumExt_GetFileWriterSize(writer);
      const buffer = m.pdfium.wasmExports.malloc(size);
      m.PDFiumExt_GetFileWriterData(writer, buffer, size);
      await mkdir(join(out, ".."), { recursive: true });
      await writeFile(out, heap().slice(buffer, buffer + size));
      m.pdfium.wasmExports.free(buffer);
    } finally {
      m.PDFiumExt_CloseFileWriter(writer);
    }
  } finally {
    m.FPDF_CloseDocument(book);
    for (const { doc, data } of opened) {
      m.FPDF_CloseDocument(doc);
      m.pdfium.wasmExports.free(data);
    }
  }
}

/** Reads `file` through loadDocumentFile in a fresh process, with the flags of `npm run index`. */
export async function readInChild(file: string): Promise<SpeedRun> {
  const child = join(PROJECT_ROOT, "test/bench/ingest-child.ts");
  const { stdout } = await run(process.execPath, ["--optimize-for-size", "--import", "tsx", child, file], { cwd: PROJECT_ROOT, maxBuffer: 2 ** 20 });
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as SpeedRun | { failed: string };
  if ("failed" in result) throw new Error(result.failed);
  return result;
}
