import { cp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.js";
import { isHeldOut, loadSeedQuestions } from "../bench/seed-questions.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

describe("English questions typed in lower case, over the seed corpus (keyword only)", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const engine = await AnswerEngine.open({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null });
  const english = (await loadSeedQuestions()).filter((q) => q.language === "en" && !isHeldOut(q.batch));

  it("finds a name the documents hold whatever its case, and never names it as missing", async () => {
    for (const question of ["what did lavrov say about gaza?", "gaza", "haniyeh in moscow", "what happened in kiev"]) {
      const answer = await engine.ask(question);
      expect(answer.confidence, question).not.toBe("none");
      expect(answer.missing ?? [], question).toEqual([]);
    }
  });

  it("names no word of a lower-cased in-corpus question as missing that the question as written finds", async () => {
    const inCorpus = english.filter((q) => !q.offTopic).map((q) => q.question);
    const written = await engine.askMany(inCorpus);
    const lower = await engine.askMany(inCorpus.map((q) => q.toLowerCase()));
    lower.forEach((answer, i) => {
      const missingAsWritten = new Set((written[i]!.missing ?? []).map((word) => word.toLowerCase()));
      expect(
        (answer.missing ?? []).filter((word) => !missingAsWritten.has(word)),
        inCorpus[i],
      ).toEqual([]);
    });
  });

  it("refuses the off-topic questions typed in lower case as often as written", async () => {
    const offTopic = english.filter((q) => q.offTopic).map((q) => q.question);
    const refused = async (questions: string[]) => (await engine.askMany(questions)).filter((a) => a.confidence === "none").length;
    expect(await refused(offTopic.map((q) => q.toLowerCase()))).toBeGreaterThanOrEqual(await refused(offTopic));
  });
});
