import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPdf } from "../../../src/corpus/readers/pdf.js";
import { DocumentReadError, type ReadDocument, type ReadLimits } from "../../../src/corpus/readers/reader.js";

const DOCUMENTS = join(import.meta.dirname, "../../fixtures/documents");
const OWN = join(import.meta.dirname, "../../fixtures/readers/pdf");
const LIMITS: ReadLimits = { maxBytes: 50_000_000, maxInflatedBytes: 500_000_000, maxPages: 500 };

interface Truth {
  title: string;
  headings: string[];
  paragraphs: string[];
}

const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const truthOf = (seed: string): Truth => JSON.parse(readFileSync(join(DOCUMENTS, `${seed}.source.json`), "utf8"));
const read = (file: string, limits = LIMITS) => readPdf(bytesOf(join(DOCUMENTS, file)), limits);

/** Words as the benchmark compares them: presentation forms folded, tatweel and harakat removed. */
const words = (text: string) =>
  text
    .replace(/[\uFB50-\uFDFF\uFE70-\uFEFE]/g, (c) => c.normalize("NFKC"))
    .replace(/[\u0640\u064B-\u0652\u0670]/g, "")
    .split(/\s+/)
    .filter(Boolean);

/** Longest common subsequence of two word lists: the words right and in order. */
function lcs(a: string[], b: string[]): number {
  let previous = new Uint32Array(b.length + 1);
  for (const word of a) {
    const row = new Uint32Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) row[j] = word === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    previous = row;
  }
  return previous[b.length]!;
}

function wordsInOrder(doc: ReadDocument, truth: Truth): number {
  const source = words(truth.paragraphs.join(" "));
  return lcs(source, words(doc.blocks.map((b) => b.text).join(" "))) / source.length;
}

async function refusal(promise: Promise<unknown>): Promise<DocumentReadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentReadError);
  return error as DocumentReadError;
}

describe("readPdf on Chromium and LibreOffice prints of the seed texts", () => {
  const files = [
    "wiki.chromium-naskh.pdf",
    "wiki.chromium-sans.pdf",
    "wiki.chromium-dejavu.pdf",
    "wiki.chromium-amiri.pdf",
    "wiki.chromium-kufi.pdf",
    "wiki.libreoffice.pdf",
    "news.chromium-naskh.pdf",
    "news.libreoffice.pdf",
  ];

  it.each(files)("%s: 99%% of the words in order, its paragraphs and headings, no presentation forms", async (file) => {
    const truth = truthOf(file.split(".")[0]!);
    const doc = await read(file);
    expect(wordsInOrder(doc, truth)).toBeGreaterThanOrEqual(0.99);
    const text = doc.blocks.map((b) => b.text).join("\n");
    expect(text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFE]/);
    expect(doc.blocks.filter((b) => b.kind === "paragraph")).toHaveLength(truth.paragraphs.length);
    const headings = doc.blocks.filter((b) => b.kind === "heading").map((b) => b.text);
    expect(headings).toEqual([truth.title, ...truth.headings]);
    expect(doc.meta.title).toBe(truth.title);
  });

  it("reads citation markers, numbers and quotes in logical order, each paragraph with its pages", async () => {
    const doc = await read("wiki.chromium-naskh.pdf");
    const texts = doc.blocks.map((b) => b.text);
    expect(texts).toContain("لقاء بين روسيا وحماس في 19 سبتمبر 2022");
    expect(texts.join(" ")).toContain("لم تصنف روسيا حماس كمنظمة إرهابية،[1] على الرغم");
    expect(doc.pageCount).toBe(2);
    expect(doc.blocks[0]).toMatchObject({ kind: "heading", level: 1, pages: [1] });
    expect(doc.blocks.at(-1)!.pages).toEqual([2]);
    for (const block of doc.blocks) expect(block.pages!.length).toBeGreaterThan(0);
  });

  it("drops a running header and page numbers repeated on every page", async () => {
    const doc = await read("wiki.chromium-sans-running.pdf");
    const text = doc.blocks.map((b) => b.text).join("\n");
    expect(text).not.toContain("ويكيبيديا، الموسوعة الحرة");
    expect(doc.blocks.filter((b) => /^[\s\d\-–/]+$/.test(b.text))).toEqual([]);
    expect(wordsInOrder(doc, truthOf("wiki"))).toBeGreaterThanOrEqual(0.99);
  });

  it("reads Title and Author from the info dictionary, and a page in a Latin font", async () => {
    const doc = await readPdf(bytesOf(join(OWN, "meta.pdf")), LIMITS);
    expect(doc.meta).toEqual({ title: "Test title", author: "حسناء" });
    expect(doc.blocks).toEqual([{ kind: "paragraph", text: "Hello reader 2022", pages: [1] }]);
  });

  it("reads several files at once (one PDFium for the process)", async () => {
    const docs = await Promise.all(["news.chromium-naskh.pdf", "wiki.libreoffice.pdf", "news.libreoffice.pdf"].map((f) => read(f)));
    expect(docs.map((d) => d.blocks.length > 5)).toEqual([true, true, true]);
  });
});

describe("readPdf refuses what it cannot read, with one line naming the reason", () => {
  it.each([
    ["encrypted.pdf", "encrypted", /password/],
    ["scanned.pdf", "scanned", /no text layer/],
    ["truncated.pdf", "corrupt", /malformed or truncated/],
    ["lying-extension.pdf", "unsupported", /not a PDF/],
  ])("%s: %s", async (file, kind, message) => {
    const error = await refusal(read(file));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });

  it("refuses a page count past the limit before reading any page, and bytes past the limit before parsing", async () => {
    const pages = await refusal(read("wiki.chromium-naskh.pdf", { ...LIMITS, maxPages: 1 }));
    expect([pages.kind, pages.message]).toEqual(["too-big", "PDF has 2 pages, past the limit of 1"]);
    const bytes = await refusal(read("wiki.chromium-naskh.pdf", { ...LIMITS, maxBytes: 1000 }));
    expect(bytes.kind).toBe("too-big");
  });

  it("calls a PDF whose pages hold nothing empty, and garbage after a PDF header corrupt", async () => {
    expect((await refusal(readPdf(bytesOf(join(OWN, "blank.pdf")), LIMITS))).kind).toBe("empty");
    const garbage = new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(2000)}`);
    expect((await refusal(readPdf(garbage, LIMITS))).kind).toBe("corrupt");
  });
});
