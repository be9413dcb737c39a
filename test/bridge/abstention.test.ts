import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateCalibration, loadCalibrationQuestions, rankTranslated } from "../../src/bridge/evaluate.js";
import { BRIDGE_MIN_COVERAGE, CrossLingualBridge, explainMatch, needsBridge } from "../../src/bridge/index.js";
import { buildNameIndex } from "../../src/bridge/names.js";
import { loadIndex, passageTexts } from "../../src/indexing/corpus-index.js";
import { ROOT } from "../helpers/paths.js";

/** The committed seed-corpus index, as the bot ships it, with its name index. */
const index = (await loadIndex(join(ROOT, "index")))!;
const names = buildNameIndex(passageTexts(index.documents, index.passages));
const bridge = CrossLingualBridge.withCommittedLexicon(names);
const corpus = { index, names };

describe("English questions over the seed corpus, keyword-only", () => {
  it("meets the targets at the bridge's threshold: gold in the top 3 ≥ 90%, in-corpus refused ≤ 5%, off-topic refused ≥ 80%", async () => {
    const set = await loadCalibrationQuestions();
    expect(set.questions.length).toBeGreaterThanOrEqual(30);
    expect(set.offTopic.length).toBeGreaterThanOrEqual(20);
    const figures = evaluateCalibration(bridge.translator, corpus, set, BRIDGE_MIN_COVERAGE);
    expect(figures.top3).toBeGreaterThanOrEqual(0.9);
    expect(figures.wronglyRefused).toBeLessThanOrEqual(0.05);
    expect(figures.offTopicRefused).toBeGreaterThanOrEqual(0.8);
  });

  it("refuses near-topic off-topic questions", () => {
    for (const question of ["What is the population of Russia?", "What is the ruble's exchange rate?", "When was the Moscow metro built?"]) {
      const { ranked } = rankTranslated(bridge.translator, index.keyword, question, BRIDGE_MIN_COVERAGE, (p) => index.passages[p]!.id);
      expect(ranked, question).toEqual([]);
    }
  });

  it("answers the README's question in English and says which words matched", () => {
    const { translation, terms } = bridge.query("When did Putin host Khaled Meshaal in Moscow?");
    const [best] = index.keyword.query(terms, 3);
    expect(["wiki-russia-hamas#2.2", "news-russia-hamas-carnegie#1.1"]).toContain(index.passages[best!.passage]!.id);
    expect(best!.coverage).toBeGreaterThanOrEqual(BRIDGE_MIN_COVERAGE);
    expect(explainMatch(translation, best!.matchedTerms)).toMatch(/^Putin → بوتين · .*Meshaal → مشعل · Moscow → موسكو$/);
  });

  it("answers an Arabic question with a Latin name through the bridge, and leaves all-Arabic questions alone", () => {
    expect(needsBridge("متى استضاف بوتين خالد مشعل في موسكو؟")).toBe(false);
    expect(needsBridge("متى استضاف Putin خالد مشعل في موسكو؟")).toBe(true);
    const { terms } = bridge.query("متى استضاف Putin خالد مشعل في موسكو؟");
    const [best] = index.keyword.query(terms, 3);
    expect(["wiki-russia-hamas#2.2", "news-russia-hamas-carnegie#1.1"]).toContain(index.passages[best!.passage]!.id);
    expect(best!.coverage).toBe(1);
  });
});
