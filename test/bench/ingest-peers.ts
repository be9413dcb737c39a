/**
 * The PDF text extractors a user could pick instead of ours, for `npm run bench:ingest`, each used
 * as its documentation shows: PDFium's own page text (the library our reader is built on),
 * poppler's pdftotext when it is installed, and pdf.js. Also the PDFium module itself, which the
 * benchmark uses to make its 300-page PDF.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { init, type WrappedPdfiumModule } from "@embedpdf/pdfium";

const run = promisify(execFile);

/** A peer's text of one PDF, or why there is none. */
export type PeerText = { text: string; pages: number; ms: number } | { failed: string };

export interface Peer {
  name: string;
  /** The text of the PDF at `path`; throws when the peer cannot run at all. */
  read(path: string): Promise<{ text: string; pages: number }>;
}

let pdfium: Promise<WrappedPdfiumModule> | undefined;

/** PDFium from the package's own wasm file (as src/corpus/readers/pdf.ts loads it), once per process. */
export function loadPdfium(): Promise<WrappedPdfiumModule> {
  pdfium ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve("@embedpdf/pdfium/pdfium.wasm"));
    const module = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    module.PDFiumExt_Init();
    return module;
  })();
  return pdfium;
}

/** The WASM memory as bytes (a field of every Emscripten module that the package's typings leave out). */
const heap = (m: WrappedPdfiumModule) => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;

/** Opens `bytes` as a PDFium document, runs `use` on it and frees it. */
export async function withPdfiumDocument<T>(bytes: Uint8Array, use: (m: WrappedPdfiumModule, doc: number) => T): Promise<T> {
  const m = await loadPdfium();
  const data = m.pdfium.wasmExports.malloc(bytes.length);
  heap(m).set(bytes, data);
  const doc = m.FPDF_LoadMemDocument(data, bytes.length, "");
  try {
    if (!doc) throw new Error(`PDFium could not open it (error ${m.FPDF_GetLastError()})`);
    return use(m, doc);
  } finally {
    if (doc) m.FPDF_CloseDocument(doc);
    m.pdfium.wasmExports.free(data);
  }
}

/** PDFium's FPDFText_GetText of each page, pages joined by line breaks. */
const pdfiumText: Peer = {
  name: "PDFium's own text (FPDFText_GetText)",
  read: (path) =>
    withPdfiumDocument(readFileSync(path), (m, doc) => {
      const pages = m.FPDF_GetPageCount(doc);
      const texts: string[] = [];
      for (let index = 0; index < pages; index++) {
        const page = m.FPDF_LoadPage(doc, index);
        const textPage = m.FPDFText_LoadPage(page);
        const count = m.FPDFText_CountChars(textPage);
        // UTF-16 code units and a terminating zero.
        const buffer = m.pdfium.wasmExports.malloc((count + 1) * 2);
        m.FPDFText_GetText(textPage, 0, count, buffer);
        texts.push(m.pdfium.UTF16ToString(buffer));
        m.pdfium.wasmExports.free(buffer);
        m.FPDFText_ClosePage(textPage);
        m.FPDF_ClosePage(page);
      }
      return { text: texts.join("\n"), pages };
    }),
};

/** poppler's pdftotext in its default (reading order) mode. */
const pdftotext: Peer = {
  name: "pdftotext (poppler)",
  async read(path) {
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", path, "-"], { maxBuffer: 64 * 2 ** 20 });
    // pdftotext ends each page with a form feed.
    return { text: stdout, pages: stdout.split("\f").length - 1 };
  },
};

/** pdf.js (pdfjs-dist's legacy build, the one for Node): getTextContent per page, items joined, a line break where pdf.js marks one. */
const pdfjs: Peer = {
  name: "pdf.js (pdfjs-dist legacy build)",
  async read(path) {
    const { getDocument, VerbosityLevel } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const task = getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false });
    const doc = await task.promise;
    try {
      const texts: string[] = [];
      for (let number = 1; number <= doc.numPages; number++) {
        const page = await doc.getPage(number);
        const content = await page.getTextContent();
        texts.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
        page.cleanup();
      }
      return { text: texts.join("\n"), pages: doc.numPages };
    } finally {
      await task.destroy();
    }
  },
};

/** pdftotext's version line, or undefined when it is not installed. */
export async function pdftotextVersion(): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run("pdftotext", ["-v"]);
    return (stderr || stdout).split("\n")[0]?.trim();
  } catch {
    return undefined;
  }
}

/** The peers that can run here: pdftotext only when installed. */
export async function availablePeers(): Promise<Peer[]> {
  return (await pdftotextVersion()) ? [pdfiumText, pdftotext, pdfjs] : [pdfiumText, pdfjs];
}

/** A peer's text of `path`, timed; a failure is returned with its reason, never thrown. */
export async function peerText(peer: Peer, path: string): Promise<PeerText> {
  const started = performance.now();
  try {
    const read = await peer.read(path);
    return { ...read, ms: performance.now() - started };
  } catch (error) {
    return { failed: (error as Error).message.split("\n")[0]!.slice(0, 200) };
  }
}
