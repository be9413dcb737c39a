import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashCorpus, loadCorpus } from "../../src/corpus/load.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

describe("loadCorpus", () => {
  it("loads the seed corpus with its headers", async () => {
    const corpus = await loadCorpus(CORPUS_DIR);
    expect(corpus.problems).toEqual([]);
    expect(corpus.documents.map((d) => d.meta.id).sort()).toEqual(["news-russia-hamas-carnegie", "wiki-russia-hamas"]);
    const wiki = corpus.documents.find((d) => d.meta.id === "wiki-russia-hamas")!;
    expect(wiki.meta).toMatchObject({ title: "العلاقات بين روسيا وحماس", language: "ar", license: "CC BY-SA 4.0" });
    expect(wiki.meta.url).toMatch(/^https:\/\/ar\.wikipedia\.org\/wiki\//);
    const news = corpus.documents.find((d) => d.meta.id === "news-russia-hamas-carnegie")!;
    expect(news.meta.url).toBeUndefined();
    expect(news.meta.author).toBe("حسناء بو حرفوش");
  });

  it("takes id and title from the file name when there is no header, and reports bad files", async () => {
    const dir = await scratchDir();
    await mkdir(join(dir, "sub"));
    await writeFile(join(dir, "sub", "ملاحظات.md"), "فقرة عن شيء ما في نص بلا ترويسة.\n");
    await writeFile(join(dir, "binary.txt"), Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    await writeFile(join(dir, "empty.txt"), "\n\n");
    await writeFile(join(dir, "ignored.odt"), "x");
    const corpus = await loadCorpus(dir);
    expect(corpus.documents.map((d) => [d.meta.id, d.meta.title])).toEqual([["ملاحظات", "ملاحظات"]]);
    expect(corpus.problems.map((p) => p.message).sort()).toEqual([
      "binary.txt: not UTF-8 text, nor UTF-16 or Arabic Windows-1256",
      "empty.txt: no text left after cleaning",
    ]);
  });

  it("hashes the corpus content: equal for equal files, different after an edit", async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, "a.txt"), "نص أول.\n");
    const before = await hashCorpus(dir);
    expect(await hashCorpus(dir)).toBe(before);
    expect((await loadCorpus(dir)).hash).toBe(before);
    await writeFile(join(dir, "a.txt"), "نص ثان.\n");
    expect(await hashCorpus(dir)).not.toBe(before);
  });
});
