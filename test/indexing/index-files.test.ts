/**
 * The binary index files (format 4): damage anywhere in any data file is caught by the manifest's
 * checksum and the index rebuilt; an index of the previous format is rebuilt once, saying why.
 */
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/indexing/corpus-index.js";
import { documentHeaders, lazyDocuments, passagesFile, readPassages, readTexts, textsFile } from "../../src/indexing/document-files.js";
import { openIndex } from "../../src/indexing/open-index.js";
import { loadIndex } from "../../src/indexing/saved-index.js";
import { readSections, sectionsFile } from "../../src/indexing/section-files.js";
import { INDEX_FORMAT, IndexFileError } from "../../src/indexing/store.js";
import { createLogger } from "../../src/log/logger.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

function recordingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: "debug", format: "text", write: (l) => lines.push(l) }) };
}

/** Parts of a file each damaged once: its first and last bytes and evenly between. */
const RANGES = 6;

describe("the documents and passages files", async () => {
  const index = await buildIndex(CORPUS_DIR);

  it("give back the documents, each text and its sections read when first asked for, and the passages", () => {
    const texts = readTexts(Buffer.concat([...textsFile(index.documents)]));
    const sections = readSections(Buffer.concat(sectionsFile(index.documents)));
    const headers = JSON.parse(JSON.stringify(documentHeaders(index.documents)));
    expect(headers[0].text).toBeUndefined();
    expect(headers[0].sections).toBeUndefined();
    const documents = lazyDocuments(headers, { text: texts.text, sections: sections.sections });
    expect(documents).toEqual(index.documents);
    expect(readPassages(Buffer.from(passagesFile(index.passages, index.documents)), documents)).toEqual(index.passages);
  });

  it("keep paragraphs' pages, and each heading once", () => {
    const paged = [
      {
        sections: [
          {
            headings: ["أ", "ب"],
            paragraphs: [
              { start: 0, end: 5, pages: [3, 4] },
              { start: 6, end: 9 },
            ],
          },
        ],
      },
      {
        sections: [
          { headings: ["أ"], paragraphs: [] },
          { headings: [], paragraphs: [{ start: 1, end: 2, pages: [] }] },
        ],
      },
    ];
    const bytes = Buffer.concat(sectionsFile(paged));
    const read = readSections(bytes);
    expect([0, 1].map((i) => read.sections(i))).toEqual(paged.map((d) => d.sections));
    expect(bytes.toString("utf8").split("أ").length - 1).toBe(1);
  });

  it("refuse a file of another layout or size", () => {
    const texts = Buffer.concat([...textsFile(index.documents)]);
    expect(() => readTexts(texts.subarray(0, texts.length - 1))).toThrow(/offsets/);
    expect(() => readTexts(Buffer.from("[]"))).toThrow(/not a texts file/);
    const passages = Buffer.from(passagesFile(index.passages, index.documents));
    expect(() => readPassages(passages.subarray(0, passages.length - 4), index.documents)).toThrow(/passages its header says/);
    expect(() => readPassages(passages, index.documents.slice(0, 1))).toThrow(/names a document/);
    const sections = Buffer.concat(sectionsFile(index.documents));
    expect(() => readSections(sections.subarray(0, sections.length - 1))).toThrow(/sections its header says/);
  });
});

describe("a damaged index file", async () => {
  const dir = await scratchDir();
  const corpusDir = join(dir, "corpus");
  const good = join(dir, "good");
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  await openIndex({ corpusDir, indexDir: good });
  const files = (await readdir(good)).filter((name) => !["manifest.json", "corpus-dir.txt"].includes(name));

  it("lists the files of format 4", () => {
    expect(files.sort()).toEqual(["documents.json", "keyword.bin", "names.json", "passages.bin", "sections.bin", "texts.bin"]);
  });

  it.each(files)("%s: damage at every range of its bytes is caught and the index rebuilt", async (file) => {
    const size = (await readFile(join(good, file))).length;
    for (let range = 0; range < RANGES; range++) {
      const indexDir = join(dir, `${file}-${range}`);
      await cp(good, indexDir, { recursive: true });
      const bytes = await readFile(join(indexDir, file));
      const at = Math.min(size - 1, Math.floor((range * size) / (RANGES - 1)));
      bytes[at] = bytes[at]! ^ 0xff;
      await writeFile(join(indexDir, file), bytes);
      await expect(loadIndex(indexDir)).rejects.toThrow(IndexFileError);
      const { lines, log } = recordingLogger();
      const index = await openIndex({ corpusDir, indexDir, log });
      expect(lines[0]).toContain(`${file} does not have the checksum the manifest gives`);
      expect(index.keyword.query("خالد مشعل موسكو", 1)).toHaveLength(1);
      expect(await loadIndex(indexDir)).toBeDefined();
      await rm(indexDir, { recursive: true });
    }
  });
});

describe("an index of the previous format", () => {
  it("is rebuilt once, with a line saying why, and its replaced files removed", async () => {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    const indexDir = join(dir, "index");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    await openIndex({ corpusDir, indexDir });
    // As format 3 left it: the manifest's format, and MiniSearch's JSON beside the documents.
    const manifest = JSON.parse(await readFile(join(indexDir, "manifest.json"), "utf8"));
    await writeFile(join(indexDir, "manifest.json"), JSON.stringify({ ...manifest, format: INDEX_FORMAT - 1 }));
    await writeFile(join(indexDir, "keyword.json"), '{"documentCount":18}');
    await writeFile(join(indexDir, "passages.json"), "[]");
    const first = recordingLogger();
    await openIndex({ corpusDir, indexDir, log: first.log });
    expect(first.lines.filter((line) => line.includes("Building"))).toEqual([expect.stringContaining("the index format changed")]);
    expect(await readdir(indexDir)).not.toContain("keyword.json");
    expect(await readdir(indexDir)).not.toContain("passages.json");
    const second = recordingLogger();
    const index = await openIndex({ corpusDir, indexDir, log: second.log });
    expect(second.lines.join("\n")).not.toContain("Building");
    expect(index.manifest.format).toBe(INDEX_FORMAT);
  });
});
