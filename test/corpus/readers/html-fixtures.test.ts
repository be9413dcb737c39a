/**
 * The readers built on the HTML block walker (web pages, Word, EPUB) on the committed documents
 * made from the seed texts by tools the project did not write (test/fixtures/documents): every
 * word of the source, at most 2% of other words (site chrome), every heading, every paragraph as
 * the source has it, and the wiki seed's references.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocx } from "../../../src/corpus/readers/docx.js";
import { readEpub } from "../../../src/corpus/readers/epub.js";
import { readHtml } from "../../../src/corpus/readers/html.js";
import type { DocumentReader, ReadDocument } from "../../../src/corpus/readers/reader.js";
import { normalizeDocumentText } from "../../../src/text/normalize.js";
import { ROOT } from "../../helpers/paths.js";

const DOCUMENTS = join(ROOT, "test/fixtures/documents");
const LIMITS = { maxBytes: 50 * 1024 * 1024, maxInflatedBytes: 200 * 1024 * 1024, maxPages: 1000 };

interface Truth {
  title: string;
  headings: string[];
  paragraphs: string[];
  references?: { n: number; title: string; details?: string }[];
}

const words = (text: string): string[] => normalizeDocumentText(text).match(/[\p{L}\p{N}]+/gu) ?? [];

function counts(list: string[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of list) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

/** Share of the source's words the reader gave (as a multiset), and share of its words the source lacks. */
function wordShares(truth: Truth, read: ReadDocument): { recall: number; chrome: number } {
  // The title is read into the header (a page sets it outside its article); the text may repeat it.
  const source = counts(words([truth.title, ...truth.headings, ...truth.paragraphs].join(" ")));
  const output = counts(words([read.meta.title ?? "", ...read.blocks.map((block) => block.text)].join(" ")));
  let found = 0;
  let sourceTotal = 0;
  for (const [word, n] of source) {
    found += Math.min(n, output.get(word) ?? 0);
    sourceTotal += n;
  }
  let extra = 0;
  let outputTotal = 0;
  for (const [word, n] of output) {
    // The title read both into the header and as a heading is the reader's to give twice.
    extra += Math.max(0, n - (source.get(word) ?? 0) - (words(truth.title).includes(word) ? 1 : 0));
    outputTotal += n;
  }
  return { recall: found / sourceTotal, chrome: extra / outputTotal };
}

const CASES: [file: string, reader: DocumentReader][] = [
  ["wiki.mediawiki.html", readHtml],
  ["news.site.html", readHtml],
  ["wiki.pandoc.docx", readDocx],
  ["news.pandoc.docx", readDocx],
  ["wiki.libreoffice.docx", readDocx],
  ["news.libreoffice.docx", readDocx],
  ["wiki.pandoc.epub", readEpub],
  ["news.pandoc.epub", readEpub],
];

describe.each(CASES)("%s", (file, reader) => {
  const seed = file.split(".")[0]!;
  const load = async () => {
    const truth: Truth = JSON.parse(await readFile(join(DOCUMENTS, `${seed}.source.json`), "utf8"));
    const read = await reader(new Uint8Array(await readFile(join(DOCUMENTS, file))), LIMITS);
    return { truth, read };
  };

  it("gives every word of the source and at most 2% other words", async () => {
    const { truth, read } = await load();
    const { recall, chrome } = wordShares(truth, read);
    expect(recall).toBe(1);
    expect(chrome).toBeLessThanOrEqual(0.02);
  });

  it("finds every heading, in order, and every paragraph as the source has it", async () => {
    const { truth, read } = await load();
    const headings = read.blocks.filter((b) => b.kind === "heading").map((b) => b.text);
    expect(headings.filter((h) => truth.headings.includes(h))).toEqual(truth.headings);
    const paragraphs = read.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
    expect(paragraphs.filter((p) => truth.paragraphs.includes(p))).toEqual(truth.paragraphs);
  });

  it("takes the title from the file", async () => {
    const { truth, read } = await load();
    expect(read.meta.title).toBe(truth.title);
  });
});

describe("the committed wiki page's references", () => {
  it("are the seed's reference list, numbered as its [n] markers, with http(s) links", async () => {
    const truth: Truth = JSON.parse(await readFile(join(DOCUMENTS, "wiki.source.json"), "utf8"));
    const read = await readHtml(new Uint8Array(await readFile(join(DOCUMENTS, "wiki.mediawiki.html"))), LIMITS);
    expect(read.references.map(({ n, title, details }) => ({ n, title, details }))).toEqual(truth.references);
    expect(read.references.filter((r) => r.url).every((r) => /^https?:\/\//.test(r.url!))).toBe(true);
    expect(read.references.filter((r) => r.url).length).toBeGreaterThan(10);
    const cited = new Set(
      [
        ...read.blocks
          .map((b) => b.text)
          .join(" ")
          .matchAll(/\[(\d+)\]/g),
      ].map((m) => Number(m[1])),
    );
    expect([...cited].every((n) => read.references.some((r) => r.n === n))).toBe(true);
    expect(read.meta).toMatchObject({ language: "ar", url: "https://ar.wikipedia.org/wiki/العلاقات_بين_روسيا_وحماس" });
  });

  it.each(["wiki.pandoc.docx", "wiki.pandoc.epub"])("are footnotes 1–3 in %s, cited by their marks", async (file) => {
    const truth: Truth = JSON.parse(await readFile(join(DOCUMENTS, "wiki.source.json"), "utf8"));
    const reader = file.endsWith(".docx") ? readDocx : readEpub;
    const read = await reader(new Uint8Array(await readFile(join(DOCUMENTS, file))), LIMITS);
    expect(read.references.map(({ n, title, details }) => ({ n, title, details }))).toEqual(truth.references!.slice(0, 3));
  });
});
