/**
 * End to end: a question answered from a PDF in the corpus, through the real bot polling the Bot
 * API emulator, with the page the passage stands on in its citation.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerToJson } from "../../src/answer/answer.js";
import { emulatorForFile, startTestBot } from "../helpers/bot.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { DOCUMENTS_DIR, scratchDir } from "../helpers/paths.js";

const { emulator, running } = await emulatorForFile();

describe("a PDF in the corpus", async () => {
  const dir = await scratchDir();
  await mkdir(join(dir, "corpus"));
  await copyFile(join(DOCUMENTS_DIR, "wiki.chromium-naskh.pdf"), join(dir, "corpus", "relations.pdf"));
  const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
  const bot = await startTestBot(emulator, engine, running);
  const user = bot.user(3101);

  // The pages are pdftotext's reading of the fixture (`pdftotext -f 2 -l 2`): Lavrov's words are on page 2, Meshaal's visit on page 1.
  it("answers with the passage's page in the citation, in the question's language", async () => {
    const [lavrov] = await bot.send(user, 3101, "ماذا قال لافروف عن أهداف إسرائيل في غزة؟");
    expect(lavrov!.text).toContain("لافروف");
    expect(lavrov!.text).toMatch(/العلاقات بين روسيا وحماس › .*الفقرة \d+ › ص 2\b/);
    const [meshaal] = await bot.send(user, 3101, "When did Putin host Meshaal in Moscow?");
    expect(meshaal!.text).toMatch(/paragraph \d+ › p\. 1\b/);
  });

  it("gives the pages in ask's JSON form", async () => {
    const [first] = answerToJson(await engine.ask("ماذا قال لافروف عن أهداف إسرائيل في غزة؟")).results;
    expect(Object.keys(first!)).toEqual(["rank", "id", "text", "score", "doc", "section", "paragraph", "pages", "references", "best"]);
    expect(first).toMatchObject({ doc: { id: "relations" }, pages: [2] });
  });
});
