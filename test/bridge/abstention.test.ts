import { cp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { CrossLingualBridge, explainMatch, needsBridge } from "../../src/bridge/index.js";
import { buildNameIndex } from "../../src/bridge/names.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import { RETRIEVERS } from "../../src/config/tuning.js";
import { passageTexts } from "../../src/indexing/corpus-index.js";
import { loadIndex } from "../../src/indexing/saved-index.js";
import type { SearchQuery } from "../../src/search/retriever.js";
import { bridgeRetriever } from "../../src/search/retrievers/bridge.js";
import { analyzeQuery } from "../../src/text/analyzer.js";
import { loadBridgeQuestions } from "../bench/bridge.js";
import { ROOT, scratchDir } from "../helpers/paths.js";

/** The committed seed-corpus index, as the bot ships it, with its name index. */
const index = (await loadIndex(join(ROOT, "index")))!;
const names = buildNameIndex(passageTexts(index.documents, index.passages));
const bridge = CrossLingualBridge.withCommittedLexicon(names);
const _corpus = { index, names };

describe("English questions over the seed corpus, keyword-only", () => {
  it("through the engine, finds the gold passage of in-corpus questions and never presents off-topic ones as answers", async () => {
    const set = await loadBridgeQuestions();
    expect(set.questions.length).toBeGreaterThanOrEqual(30);
    expect(set.offTopic.length).toBeGreaterThanOrEqual(20);
    const dir = await scratchDir();
    await cp(join(ROOT, "corpus"), join(dir, "corpus"), { recursive: true });
    const engine = await openEngine(loadEngineSettings({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" }));
    const answers = await engine.askMany(set.questions.map((q) => q.question));
    const top3 = answers.filter((answer, i) => answer.results.slice(0, 3).some((r) => set.questions[i]!.gold.includes(r.id))).length;
    expect(top3 / answers.length).toBeGreaterThanOrEqual(0.9);
    expect(answers.filter((answer) => answer.confidence === "none").length / answers.length).toBeLessThanOrEqual(0.05);
    const off = await engine.askMany(set.offTopic);
    expect(off.filter((answer) => answer.confidence === "answer").length / off.length).toBeLessThanOrEqual(0.1);
    for (const question of ["What is the population of Russia?", "When was the Moscow metro built?"])
      expect((await engine.ask(question)).confidence, question).toBe("none");
  });

  it("answers the README's question in English and says which words matched", () => {
    const question = "When did Putin host Khaled Meshaal in Moscow?";
    const translated = bridge.query(question);
    const { translation, terms } = translated;
    const [best] = index.keyword.query(terms, 3);
    expect(["wiki-russia-hamas#2.2", "news-russia-hamas-carnegie#1.1"]).toContain(index.passages[best!.position]!.id);
    // The bridge retriever's evidence (coverage scaled by specificity: names count whole) reaches its floor.
    const query: SearchQuery = { text: question, language: "en", terms: analyzeQuery(question), translatedTerms: terms };
    const [hit] = bridgeRetriever(index.keyword).retrieve(query, 3);
    expect(hit).toMatchObject({ position: best!.position, evidence: best!.coverage });
    expect(hit!.evidence).toBeGreaterThanOrEqual(RETRIEVERS.bridge.none);
    expect(explainMatch(translation, best!.matchedTerms)).toMatch(/^Putin → بوتين · .*Meshaal → مشعل · Moscow → موسكو$/);
  });

  it("answers an Arabic question with a Latin name through the bridge, and leaves all-Arabic questions alone", () => {
    expect(needsBridge("متى استضاف بوتين خالد مشعل في موسكو؟")).toBe(false);
    expect(needsBridge("متى استضاف Putin خالد مشعل في موسكو؟")).toBe(true);
    const { terms } = bridge.query("متى استضاف Putin خالد مشعل في موسكو؟");
    const [best] = index.keyword.query(terms, 3);
    expect(["wiki-russia-hamas#2.2", "news-russia-hamas-carnegie#1.1"]).toContain(index.passages[best!.position]!.id);
    expect(best!.coverage).toBe(1);
  });
});
