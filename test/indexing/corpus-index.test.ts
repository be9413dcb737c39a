import { existsSync } from "node:fs";
import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_PASSAGE_TOKENS } from "../../src/chunking/passages.js";
import { loadEmbedder } from "../../src/embedding/embedder.js";
import { buildIndex, passageTexts } from "../../src/indexing/corpus-index.js";
import { openIndex } from "../../src/indexing/open-index.js";
import { loadIndex, saveIndex } from "../../src/indexing/saved-index.js";
import { IndexFileError } from "../../src/indexing/store.js";
import { createLogger } from "../../src/log/logger.js";
import { CORPUS_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";

function recordingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: "debug", format: "text", write: (l) => lines.push(l) }) };
}

async function freshCopy() {
  const dir = await scratchDir();
  const corpusDir = join(dir, "corpus");
  const indexDir = join(dir, "index");
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  return { corpusDir, indexDir };
}

describe("the index on disk", () => {
  it("loads back exactly what was saved", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    const built = await buildIndex(corpusDir);
    await saveIndex(built, indexDir, corpusDir);
    const loaded = (await loadIndex(indexDir))!;
    expect(loaded.passages).toEqual(built.passages);
    expect(loaded.documents).toEqual(built.documents);
    expect(loaded.manifest.corpusDir).toBe("../corpus");
    expect(loaded.keyword.query("مشعل موسكو", 5)).toEqual(built.keyword.query("مشعل موسكو", 5));
  });

  it("gives the same passages and hash when an unchanged corpus is rebuilt", async () => {
    const a = await buildIndex(CORPUS_DIR);
    const b = await buildIndex(CORPUS_DIR);
    expect(b.manifest.passagesHash).toBe(a.manifest.passagesHash);
    expect(b.passages.map((p) => p.id)).toEqual(a.passages.map((p) => p.id));
  });

  it("is reused while current and rebuilt, with the reason, when the corpus changes", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    const first = recordingLogger();
    await openIndex({ corpusDir, indexDir, log: first.log });
    expect(first.lines.join("\n")).toMatch(/no index .* yet/);

    const second = recordingLogger();
    const reused = await openIndex({ corpusDir, indexDir, log: second.log });
    expect(second.lines).toEqual([]);

    await writeFile(join(corpusDir, "new.md"), "---\nid: new-doc\ntitle: وثيقة جديدة\n---\nفقرة جديدة عن الطاقة الشمسية في الصحراء.\n");
    const third = recordingLogger();
    const rebuilt = await openIndex({ corpusDir, indexDir, log: third.log });
    expect(third.lines.join("\n")).toContain("the corpus changed");
    expect(rebuilt.manifest.documents).toBe(reused.manifest.documents + 1);
    expect(rebuilt.keyword.query("الطاقة الشمسية", 1)[0]!.position).toBe(rebuilt.passages.findIndex((p) => p.docId === "new-doc"));
  });

  it.each([
    ["keyword.bin", /keyword\.bin does not have the checksum the manifest gives/],
    ["passages.bin", /passages\.bin does not have the checksum the manifest gives/],
  ])("names a damaged %s, then rebuilds", async (file, message) => {
    const { corpusDir, indexDir } = await freshCopy();
    await openIndex({ corpusDir, indexDir });
    // Damage the file without changing its size, as a bad disk sector would.
    const bytes = await readFile(join(indexDir, file));
    bytes.fill(0x7b, 0, 8);
    await writeFile(join(indexDir, file), bytes);
    await expect(loadIndex(indexDir)).rejects.toThrow(message);
    const { lines, log } = recordingLogger();
    const index = await openIndex({ corpusDir, indexDir, log });
    expect(lines[0]).toMatch(message);
    expect(lines.join("\n")).toContain("damaged");
    expect(index.passages.length).toBeGreaterThan(10);
    expect(await loadIndex(indexDir)).toBeDefined();
  });

  it("catches a truncated file by its size", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    await openIndex({ corpusDir, indexDir });
    await appendFile(join(indexDir, "documents.json"), " ");
    await expect(loadIndex(indexDir)).rejects.toThrow(IndexFileError);
    await expect(loadIndex(indexDir)).rejects.toThrow(/documents\.json has \d+ bytes where the manifest says/);
  });

  it("treats a folder without a manifest (an interrupted build) as no index", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    await openIndex({ corpusDir, indexDir });
    await rm(join(indexDir, "manifest.json"));
    expect(await loadIndex(indexDir)).toBeUndefined();
  });

  it("uses the corpus recorded in the manifest when none is given", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    await openIndex({ corpusDir, indexDir });
    const manifest = JSON.parse(await readFile(join(indexDir, "manifest.json"), "utf8"));
    await writeFile(join(corpusDir, "extra.txt"), "نص إضافي عن موضوع آخر تماما.\n");
    const { lines, log } = recordingLogger();
    const index = await openIndex({ indexDir, log });
    expect(lines.join("\n")).toContain("the corpus changed");
    expect(index.manifest.corpusHash).not.toBe(manifest.corpusHash);
  });
});

describe("an index path that is a file", () => {
  it("is named in the error, and the file is left as it was", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    await writeFile(indexDir, "my notes\n");
    await expect(openIndex({ corpusDir, indexDir })).rejects.toThrow(`the index folder ${indexDir} is a file, not a folder`);
    await expect(openIndex({ corpusDir, indexDir: join(indexDir, "inner") })).rejects.toThrow(
      `the index folder ${join(indexDir, "inner")} cannot be made: part of its path is a file`,
    );
    expect(await readFile(indexDir, "utf8")).toBe("my notes\n");
  });
});

describe("a corpus folder without documents", () => {
  it("is refused, naming the folder and the files read, and no index is written", async () => {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    await mkdir(join(corpusDir, "notes"), { recursive: true });
    await writeFile(join(corpusDir, "README.md"), "# Corpus\n\nDocuments go here.\n");
    await writeFile(join(corpusDir, "notes", "table.csv"), "a,b\n");
    const indexDir = join(dir, "index");
    await expect(openIndex({ corpusDir, indexDir })).rejects.toThrow(
      `the corpus folder ${corpusDir} has no documents ` +
        "(documents are .txt, .md, .pdf, .docx, .epub, .html, .htm, .xhtml files, in sub-folders too, except README.md and hidden files and folders)",
    );
    expect(existsSync(indexDir)).toBe(false);
  });

  it("is refused when every file was skipped; the index built before stays on disk and is served, saying why", async () => {
    const { corpusDir, indexDir } = await freshCopy();
    const built = await openIndex({ corpusDir, indexDir });
    for (const name of await readdir(corpusDir)) await rm(join(corpusDir, name));
    await writeFile(join(corpusDir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const skipped = `the corpus folder ${corpusDir} has no document that could be read: each of its files was skipped`;
    // A rebuild asked for (npm run index, /reindex) fails, and leaves the index as it was.
    const { lines, log } = recordingLogger();
    await expect(openIndex({ corpusDir, indexDir, log, rebuild: true })).rejects.toThrow(skipped);
    expect(lines).toContainEqual(expect.stringContaining("skipped corpus file latin1.txt: not UTF-8 text"));
    expect((await loadIndex(indexDir))!.manifest.passagesHash).toBe(built.manifest.passagesHash);
    // A start that finds the corpus emptied serves the index built before, as it does when the folder is gone.
    const restart = recordingLogger();
    const served = await openIndex({ corpusDir, indexDir, log: restart.log });
    expect(served.manifest.passagesHash).toBe(built.manifest.passagesHash);
    expect(restart.lines).toContainEqual(expect.stringContaining(`${skipped}; answering from the index built before (2 documents)`));
  });
});

describe("an index built with a model", () => {
  it("checks every passage against the model's token budget with the model's tokenizer, and says so", async () => {
    const embedder = await loadEmbedder({ kind: "folder", dir: TINY_MODEL_DIR });
    const index = await buildIndex(CORPUS_DIR, { embedder });
    expect(index.manifest.tokenBudgetChecked).toBe(true);
    expect((await buildIndex(CORPUS_DIR)).manifest.tokenBudgetChecked).toBe(false);
    for (const text of passageTexts(index.documents, index.passages)) expect(embedder.countPassageTokens(text)).toBeLessThanOrEqual(MAX_PASSAGE_TOKENS);
  });
});

describe("the committed index", () => {
  it("is current for the committed corpus, so a new user's first answer needs no rebuild", async () => {
    const { lines, log } = recordingLogger();
    const dir = await scratchDir();
    await cp(join(CORPUS_DIR, "..", "index"), join(dir, "index"), { recursive: true });
    await openIndex({ corpusDir: CORPUS_DIR, indexDir: join(dir, "index"), log });
    expect(lines).toEqual([]);
  });
});
