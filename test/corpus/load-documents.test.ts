/**
 * Loading PDF, Word, web page and e-book files through the corpus loader: the format told by the
 * content, the sidecar's fields, the limits, and a file that cannot be read never stopping the rest.
 */
import { copyFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DOCUMENT_LIMITS } from "../../src/config/defaults.js";
import { loadCorpus, loadDocumentFile } from "../../src/corpus/load.js";
import { detectFormat } from "../../src/corpus/readers/formats.js";
import { writeHugeFile, writeLyingZipBomb, writeManyPagesPdf, writeNestedHtml, writeZipBomb } from "../helpers/hostile-documents.js";
import { DOCUMENTS_DIR, scratchDir } from "../helpers/paths.js";

/** A scratch corpus folder holding copies of the fixtures `names` (as `renamed` when given) and one plain text file. */
async function corpusOf(names: string[], renamed: Record<string, string> = {}): Promise<string> {
  const dir = await scratchDir();
  for (const name of names) await copyFile(join(DOCUMENTS_DIR, name), join(dir, renamed[name] ?? name));
  await writeFile(join(dir, "plain.txt"), "فقرة عربية قصيرة في ملف نصي عادي، تبقى في الفهرس مهما حدث للملفات الأخرى.\n");
  return dir;
}

describe("the format of a file", () => {
  it("is told by its content, whatever its name says", async () => {
    const read = async (name: string) => (await import("node:fs/promises")).readFile(join(DOCUMENTS_DIR, name));
    expect(detectFormat(await read("wiki.chromium-naskh.pdf"), ".txt")).toBe("pdf");
    expect(detectFormat(await read("lying-extension.pdf"), ".pdf")).toBe("docx");
    expect(detectFormat(await read("wiki.pandoc.epub"), ".docx")).toBe("epub");
    expect(detectFormat(await read("html-saved-as.txt"), ".txt")).toBe("html");
    expect(detectFormat(Buffer.from("نص عادي"), ".html")).toBe("text");
    expect(detectFormat(Buffer.from("<p>مقطع</p>"), ".html")).toBe("html");
    expect(detectFormat(Buffer.from("<p>مقطع</p>"), ".md")).toBe("text");
    expect(detectFormat(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), ".docx")).toBe("zip");
    expect(detectFormat(Buffer.from([0, 1, 2, 3, 0, 0]), ".pdf")).toBe("binary");
    // A text about PDFs is no PDF.
    expect(detectFormat(Buffer.from("# ملفات PDF\n\nيبدأ كل ملف PDF بالعلامة %PDF-1.7\n"), ".md")).toBe("text");
  });
});

describe("loading a corpus of documents", () => {
  it("reads a saved web page, a Word file and an e-book beside a text file, each with its own title and references", async () => {
    const dir = await corpusOf(["wiki.mediawiki.html", "news.pandoc.docx", "news.pandoc.epub"], { "news.pandoc.epub": "book.epub" });
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([]);
    const byId = new Map(corpus.documents.map((d) => [d.meta.id, d]));
    expect([...byId.keys()].sort()).toEqual(["book", "news.pandoc", "plain", "wiki.mediawiki"]);
    const wiki = byId.get("wiki.mediawiki")!;
    expect(wiki.meta.title).toBe("العلاقات بين روسيا وحماس");
    expect(wiki.meta.url).toMatch(/^https:\/\/ar\.wikipedia\.org\/wiki\//);
    // The page's own reference list, linked to the [n] markers of its text.
    expect(wiki.references.length).toBeGreaterThanOrEqual(20);
    expect(wiki.text).toContain("[1]");
    expect(wiki.references.find((r) => r.n === 1)?.url).toMatch(/^https?:\/\//);
    expect(byId.get("news.pandoc")!.text).toContain("كارنيغي");
    expect(byId.get("book")!.sections.length).toBeGreaterThan(1);
  });

  it("lets a sidecar NAME.meta set any header field, its id included", async () => {
    const dir = await corpusOf(["news.pandoc.docx"]);
    await writeFile(join(dir, "news.pandoc.docx.meta"), "id: carnegie-news\ntitle: عنوان من الملف الجانبي\nurl: https://example.org/news\n");
    const corpus = await loadCorpus(dir);
    const news = corpus.documents.find((d) => d.source?.file === "news.pandoc.docx")!;
    expect(news.meta).toMatchObject({ id: "carnegie-news", title: "عنوان من الملف الجانبي", url: "https://example.org/news" });
    // A sidecar named without the document's extension works too, and in the front-matter form.
    await rm(join(dir, "news.pandoc.docx.meta"));
    await writeFile(join(dir, "news.pandoc.meta"), "---\nauthor: كاتب آخر\n---\n");
    const again = await loadCorpus(dir);
    expect(again.documents.find((d) => d.source?.file === "news.pandoc.docx")!.meta.author).toBe("كاتب آخر");
    expect(again.hash).not.toBe(corpus.hash);
  });

  it("takes a document of the index built before as it is when its file and sidecar are unchanged", async () => {
    const dir = await corpusOf(["wiki.chromium-dejavu.pdf"]);
    const first = await loadCorpus(dir);
    const pdf = first.documents.find((d) => d.meta.id === "wiki.chromium-dejavu")!;
    expect(pdf.source?.readAs).toMatch(/^[0-9a-f]{64} readers\/\d+ clean\/\d+$/);
    // Marked, to tell the document kept from one read again.
    const marked = { ...pdf, meta: { ...pdf.meta, title: "kept from before" } };
    const again = await loadCorpus(dir, { previous: [marked] });
    expect(again.documents.find((d) => d.meta.id === "wiki.chromium-dejavu")!.meta.title).toBe("kept from before");
    await writeFile(join(dir, "wiki.chromium-dejavu.pdf.meta"), "author: كاتب\n");
    const read = await loadCorpus(dir, { previous: [marked] });
    expect(read.documents.find((d) => d.meta.id === "wiki.chromium-dejavu")!.meta).toMatchObject({ title: pdf.meta.title, author: "كاتب" });
  });

  it("reads a file by its content when its name lies, and says so", async () => {
    const dir = await corpusOf(["lying-extension.pdf", "html-saved-as.txt"]);
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.documents.map((d) => d.meta.id).sort()).toEqual(["html-saved-as", "lying-extension", "plain"]);
    expect(corpus.warnings).toContain("lying-extension.pdf: Word (DOCX), not PDF as its name says; read as Word (DOCX)");
    expect(corpus.warnings).toContain("html-saved-as.txt: web page (HTML), not text as its name says; read as web page (HTML)");
  });

  it("names each file it cannot read with its reason, and indexes the rest", async () => {
    const dir = await corpusOf(["wiki.mediawiki.html"]);
    await writeFile(join(dir, "archive.docx"), Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(64)]));
    await writeFile(join(dir, "old.docx"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    await writeFile(join(dir, "image.pdf"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const corpus = await loadCorpus(dir, { limits: { ...DEFAULT_DOCUMENT_LIMITS, maxBytes: 30_000 } });
    expect(corpus.documents.map((d) => d.meta.id)).toEqual(["plain"]);
    expect(corpus.problems.map((p) => p.message).sort()).toEqual(
      [
        "archive.docx: a zip archive that is neither a Word (DOCX) file nor an EPUB",
        "image.pdf: not a document we read (PDF, Word (DOCX), EPUB, web page (HTML), text or Markdown)",
        "old.docx: an old Office file (.doc); save it as .docx",
        "wiki.mediawiki.html: 40 KB, over the limit of 30 KB (MAX_DOCUMENT_MB)",
      ].sort(),
    );
  });

  it("stops reading a file that takes longer than the time limit, and reads the next one", async () => {
    const dir = await corpusOf(["wiki.mediawiki.html"]);
    const corpus = await loadCorpus(dir, { limits: { ...DEFAULT_DOCUMENT_LIMITS, timeoutMs: 1 } });
    expect(corpus.documents.map((d) => d.meta.id)).toEqual(["plain"]);
    expect(corpus.problems.map((p) => p.message)).toEqual(["wiki.mediawiki.html: took longer than 1 ms to read (DOCUMENT_READ_SECONDS)"]);
  });
});

describe("hostile files in the corpus", () => {
  it("are each refused with one line, quickly, while the rest of the corpus indexes", async () => {
    const dir = await corpusOf(["wiki.mediawiki.html", "encrypted.pdf", "truncated.pdf", "scanned.pdf"]);
    await writeManyPagesPdf(join(dir, "ten-thousand-pages.pdf"));
    await writeZipBomb(join(dir, "bomb.docx"));
    await writeLyingZipBomb(join(dir, "lying-bomb.docx"));
    await writeNestedHtml(join(dir, "nested.html"));
    await writeHugeFile(join(dir, "huge.pdf"), 2 ** 30, "%PDF-1.7\n");
    const corpus = await loadCorpus(dir);
    expect(corpus.documents.map((d) => d.meta.id).sort()).toEqual(["nested", "plain", "wiki.mediawiki"]);
    const problems = Object.fromEntries(corpus.problems.map((p) => [p.file, p]));
    expect(Object.keys(problems).sort()).toEqual([
      "bomb.docx",
      "encrypted.pdf",
      "huge.pdf",
      "lying-bomb.docx",
      "scanned.pdf",
      "ten-thousand-pages.pdf",
      "truncated.pdf",
    ]);
    for (const problem of Object.values(problems)) expect(problem.message).not.toContain("\n");
    expect(problems["huge.pdf"]!.message).toBe("huge.pdf: 1024 MB, over the limit of 50 MB (MAX_DOCUMENT_MB)");
    expect(problems["ten-thousand-pages.pdf"]!.failure).toBe("too-big");
    expect(problems["bomb.docx"]!.failure).toBe("too-big");
    expect(problems["lying-bomb.docx"]!.failure).toBe("too-big");
    expect(problems["encrypted.pdf"]!.failure).toBe("encrypted");
    expect(problems["scanned.pdf"]!.failure).toBe("scanned");
    expect(problems["truncated.pdf"]!.failure).toBe("corrupt");
  });
});

describe("one file read as the index reads it", () => {
  it("gives the document and its warnings, or one line naming the file and the reason", async () => {
    const { document } = await loadDocumentFile(join(DOCUMENTS_DIR, "wiki.mediawiki.html"));
    expect(document.meta.id).toBe("wiki.mediawiki");
    expect(document.sections.some((s) => s.headings.includes("التاريخ"))).toBe(true);
    await expect(loadDocumentFile(join(DOCUMENTS_DIR, "missing.pdf"))).rejects.toThrow("missing.pdf: no such file");
  });
});
