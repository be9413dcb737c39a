import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerToJson } from "../../src/answer/answer.js";
import { CALIBRATION_FILE, type Calibration, PROBE_QUESTIONS, probesHash } from "../../src/answer/calibration.js";
import { AnswerEngine } from "../../src/answer/engine.js";
import { EVIDENCE } from "../../src/config/tuning.js";
import { ConfidenceStage, quantile } from "../../src/search/confidence.js";
import type { RankedList, SearchQuery } from "../../src/search/retriever.js";
import { KEYWORD_EVIDENCE_VERSION } from "../../src/search/retrievers/keyword.js";
import { analyzeQuery } from "../../src/text/analyzer.js";
import { detectLanguage } from "../../src/text/language.js";
import { numbersIn } from "../../src/text/numbers.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";

const query = (text: string): SearchQuery => ({ text, language: "ar", terms: analyzeQuery(text) });
const list = (retriever: string, evidence: number[]): RankedList => ({
  retriever,
  hits: evidence.map((e, i) => ({ position: i, score: 10 - i, evidence: e })),
});
const ranked = (n: number) => Array.from({ length: n }, (_, position) => ({ position, score: n - position }));

describe("ConfidenceStage", () => {
  const stage = new ConfidenceStage({ floors: { keyword: { none: 0.2, answer: 0.6 } }, passageText: (p) => (p === 0 ? "زار الوفد موسكو عام 2006" : "نص") });

  it("gives each tier from the list's evidence, showing no passage for 'none'", () => {
    expect(stage.assess(query("زيارة الوفد"), ranked(2), [list("keyword", [0.8, 0.3])]).tier).toBe("answer");
    expect(stage.assess(query("زيارة الوفد"), ranked(2), [list("keyword", [0.4, 0.3])]).tier).toBe("closest");
    const none = stage.assess(query("زيارة الوفد"), ranked(2), [list("keyword", [0.1, 0.05])]);
    expect(none).toMatchObject({ tier: "none", chosen: [] });
    expect(stage.assess(query("زيارة الوفد"), ranked(2), [list("keyword", [0.1, 0.05])], false).chosen).toHaveLength(2);
  });

  it("downgrades an answer whose first passage lacks a number the question asks about", () => {
    const asked2019 = stage.assess(query("متى زار الوفد موسكو عام 2019؟"), ranked(2), [list("keyword", [0.9, 0.3])]);
    expect(asked2019.tier).toBe("closest");
    expect(asked2019.signals.missingNumbers).toEqual(["2019"]);
    expect(stage.assess(query("متى زار الوفد موسكو عام ٢٠٠٦؟"), ranked(2), [list("keyword", [0.9, 0.3])]).tier).toBe("answer");
    // A citation's number is no figure of the text: "[12]" does not answer a question about 12.
    const cited = new ConfidenceStage({ floors: { keyword: { none: 0.2, answer: 0.6 } }, passageText: () => "زار الوفد موسكو.[12] ثم عاد.⁽¹⁵⁾" });
    for (const n of ["12", "15"]) expect(cited.assess(query(`متى زار ${n} وفدا موسكو؟`), ranked(1), [list("keyword", [0.9])]).tier, n).toBe("closest");
  });

  it("takes the best vote of every list, so a new retriever is one more voter", () => {
    const two = new ConfidenceStage({ floors: { keyword: { none: 0.2, answer: 0.6 }, bridge: { none: 0.3, answer: 0.7 } } });
    expect(two.assess(query("س"), ranked(2), [list("keyword", [0.1]), list("bridge", [0.8])]).tier).toBe("answer");
    expect(two.assess(query("س"), ranked(2), [list("keyword", [0.1]), list("bridge", [0.5])]).tier).toBe("closest");
  });

  it("shows the passages with half the list's best evidence, or the share the list's floors give", () => {
    const shown = (floors: { none: number; answer: number; shownShare?: number }) =>
      new ConfidenceStage({ floors: { bridge: floors } }).assess(query("س"), ranked(3), [list("bridge", [0.9, 0.5, 0.3])]).chosen.map((hit) => hit.position);
    expect(shown({ none: 0.2, answer: 0.6 })).toEqual([0, 1]);
    expect(shown({ none: 0.2, answer: 0.6, shownShare: 0.3 })).toEqual([0, 1, 2]);
    expect(shown({ none: 0.4, answer: 0.6, shownShare: 0 })).toEqual([0, 1]); // never below the none floor
  });

  it("shows a related list's passage under the none floor when it has the list's share of the best, and nothing of an unrelated list", () => {
    const stage = new ConfidenceStage({ floors: { bridge: { none: 0.17, answer: 0.675, shownShare: 0.3 } } });
    // The first passage (0.10) is under the floor, but the list is related (0.19) and 0.10 is above 0.3 × 0.19.
    const closest = stage.assess(query("س"), ranked(3), [list("bridge", [0.1, 0.19, 0.04])]);
    expect(closest.tier).toBe("closest");
    expect(closest.chosen.map((hit) => hit.position)).toEqual([0, 1]);
    expect(stage.assess(query("س"), ranked(2), [list("bridge", [0.1, 0.16])]).chosen).toEqual([]);
  });

  it("applies each list's own share, and votes on the first passage that share shows", () => {
    const stage = new ConfidenceStage({ floors: { keyword: { none: 0.1, answer: 0.6 }, bridge: { none: 0.1, answer: 0.6, shownShare: 0.3 } } });
    const keyword = { retriever: "keyword", hits: [{ position: 0, score: 3, evidence: 0.4 }] };
    const bridge = {
      retriever: "bridge",
      hits: [
        { position: 1, score: 2, evidence: 0.9 },
        { position: 2, score: 1, evidence: 0.3 },
      ],
    };
    // Keyword at 0.5 shows its passage 0 (0.4 is all its best); the bridge at 0.3 shows 2 (0.3 ≥ 0.27) beside 1.
    expect(stage.assess(query("س"), ranked(3), [keyword, bridge]).chosen.map((hit) => hit.position)).toEqual([0, 1, 2]);
    // Ranked first but weaker: at 0.5 passage 0 is left out and the answer is read on passage 1; at 0.3 it is shown first.
    const weakFirst = {
      retriever: "bridge",
      hits: [
        { position: 0, score: 2, evidence: 0.35 },
        { position: 1, score: 1, evidence: 0.9 },
      ],
    };
    const tier = (shownShare: number) =>
      new ConfidenceStage({ floors: { bridge: { none: 0.17, answer: 0.675, shownShare } } }).assess(query("س"), ranked(2), [weakFirst]).tier;
    expect(tier(0.5)).toBe("answer");
    expect(tier(0.3)).toBe("closest");
  });

  it("raises the floors of a list that follows the probes to their high quantile and spread", () => {
    const probes = { dense: Array.from({ length: 10 }, (_, i) => 0.7 + i * 0.01), keyword: [0.5, 0.6, 0.7] };
    const calibrated = new ConfidenceStage({ floors: { keyword: { none: 0.2, answer: 0.6 }, dense: { none: 0, answer: 0, followProbes: true } }, probes });
    expect(calibrated.floors.keyword).toMatchObject({ none: 0.2, answer: 0.6 }); // IDF coverage needs no probes
    expect(calibrated.floors.dense!.none).toBeCloseTo(0.78);
    expect(calibrated.floors.dense!.answer).toBeCloseTo(0.78 + (0.78 - 0.74));
    expect(calibrated.assess(query("س"), ranked(1), [list("dense", [0.77])]).tier).toBe("none");
    expect(calibrated.assess(query("س"), ranked(1), [list("dense", [0.8])]).tier).toBe("closest");
    expect(calibrated.assess(query("س"), ranked(1), [list("dense", [0.83])]).tier).toBe("answer");
  });

  it("reads numbers in any digit script and takes nearest-rank quantiles", () => {
    expect(numbersIn("في ٢٦ أكتوبر 2023 و۰۷")).toEqual(["26", "2023", "7"]);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([], 0.9)).toBe(0);
  });
});

async function seedCopy() {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  return dir;
}

describe("confidence tiers on the seed corpus, keyword only", async () => {
  const dir = await seedCopy();
  const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));

  it("answers an in-corpus question", async () => {
    const answer = await engine.ask("هل صنفت روسيا حماس منظمة إرهابية؟");
    expect(answer).toMatchObject({ confidence: "answer", abstained: false, topics: [] });
    expect(answer.results[0]!.id).toBe("wiki-russia-hamas#0.2");
  });

  it("gives the closest passages, not an answer, for a question about a year the passage does not mention", async () => {
    // The documents speak of 2023, but not where they speak of Bogdanov and Hamas.
    const answer = await engine.ask("ماذا قال بوغدانوف عن حماس عام 2023؟");
    expect(answer.confidence).toBe("closest");
    expect(answer.abstained).toBe(false);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.signals!.missingNumbers).toEqual(["2023"]);
    // The same question with the year the documents give is an answer.
    expect((await engine.ask("ماذا قال بوغدانوف عن حماس عام 2005؟")).confidence).toBe("answer");
  });

  it("names, with the closest passages, the question's words no document has", async () => {
    // Biden is not in the documents; what they say of Gaza is related, not an answer.
    const answer = await engine.ask("ماذا قال بايدن عن غزة؟");
    expect(answer).toMatchObject({ confidence: "closest", abstained: false, missing: ["بايدن"] });
    expect((await engine.ask("ماذا قال بوغدانوف عن حماس عام 2023؟")).missing).toBeUndefined(); // 2023 is in them, elsewhere
  });

  it("gives no answer to a question about a year no document mentions, and names the year", async () => {
    const answer = await engine.ask("ماذا قال بوغدانوف عن حماس عام 2019؟");
    expect(answer).toMatchObject({ confidence: "none", abstained: true, results: [] });
    expect(answer.missing).toContain("2019");
  });

  it("gives no answer to an off-topic question, with the nearest topics the documents cover", async () => {
    const answer = await engine.ask("ما هي عاصمة فرنسا؟");
    expect(answer).toMatchObject({ confidence: "none", abstained: true, results: [], notices: ["no-answer"] });
    const titles = new Set(engine.documents().flatMap((d) => [d.meta.title, ...d.sections.map((s) => s.headings.join(" › "))]));
    expect(answer.topics.length).toBeGreaterThan(0);
    for (const topic of answer.topics) expect(titles).toContain(topic);
  });

  it("puts the tier, the topics and the missing words in the JSON form, keeping every earlier field", async () => {
    const json = answerToJson(await engine.ask("ما هي عاصمة فرنسا؟"));
    expect(Object.keys(json)).toEqual(["query", "language", "mode", "abstained", "confidence", "topics", "missing", "results"]);
    expect(json).toMatchObject({ abstained: true, confidence: "none", missing: ["عاصمة", "فرنسا"] });
    expect(json.topics.length).toBeGreaterThan(0);
  });
});

describe("the stored calibration", () => {
  const read = async (indexDir: string) => JSON.parse(await readFile(join(indexDir, CALIBRATION_FILE), "utf8")) as Calibration;

  it("is written beside the index, keyed by the index version, and rebuilt with the index", async () => {
    const dir = await seedCopy();
    const options = { corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null };
    const engine = await AnswerEngine.open(options);
    const first = await read(options.indexDir);
    expect(first).toMatchObject({ format: 1, modelId: null });
    expect(first.passagesHash.startsWith(engine.status().version)).toBe(true);
    expect(first.scores.keyword).toHaveLength(PROBE_QUESTIONS.length);
    expect(PROBE_QUESTIONS.some((q) => detectLanguage(q) === "ar") && PROBE_QUESTIONS.some((q) => detectLanguage(q) === "en")).toBe(true);

    await writeFile(
      join(dir, "corpus", "extra.txt"),
      "# كرة القدم\n\nفاز المنتخب الأرجنتيني بكأس العالم لكرة القدم عام 2022 في قطر بعد مباراة نهائية مثيرة.\n",
    );
    const status = await engine.reindex();
    const second = await read(options.indexDir);
    expect(second.passagesHash).not.toBe(first.passagesHash);
    expect(second.passagesHash.startsWith(status.version)).toBe(true);
    // A probe about football now finds words in the corpus: the stored scores are the new corpus's.
    expect(second.scores.keyword).not.toEqual(first.scores.keyword);
  });

  it("is ignored, and scored again, when it belongs to another model", async () => {
    const dir = await seedCopy();
    const options = { corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null };
    await AnswerEngine.open(options);
    const stored = await read(options.indexDir);
    // Another model's scores, absurdly high: used, they would put every question below the floors.
    const foreign = {
      ...stored,
      modelId: "folder:another-model:1",
      scores: { keyword: stored.scores.keyword!.map(() => 1), dense: stored.scores.keyword!.map(() => 1) },
    };
    await writeFile(join(options.indexDir, CALIBRATION_FILE), JSON.stringify(foreign));
    const engine = await AnswerEngine.open(options);
    expect(await read(options.indexDir)).toEqual(stored);
    expect((await engine.ask("هل صنفت روسيا حماس منظمة إرهابية؟")).confidence).toBe("answer");
  });

  it("is scored again when keyword evidence is scaled otherwise", async () => {
    const dir = await seedCopy();
    const options = { corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null };
    await AnswerEngine.open(options);
    const scaled = await read(options.indexDir);
    await AnswerEngine.open({ ...options, specificity: { common: 0, specific: 0 } });
    const unscaled = await read(options.indexDir);
    expect(unscaled.probesHash).not.toBe(scaled.probesHash);
    // Probes match the corpus's general words («أفضل», «العالم»): unscaled, some of that evidence counts.
    expect(unscaled.scores.keyword!.reduce((a, b) => a + b)).toBeGreaterThan(scaled.scores.keyword!.reduce((a, b) => a + b));
  });

  it("is keyed by the keyword evidence rule's version, so a new rule scores the probes again", () => {
    expect(probesHash(EVIDENCE.specificity)).toBe(probesHash(EVIDENCE.specificity, KEYWORD_EVIDENCE_VERSION));
    expect(probesHash(EVIDENCE.specificity, KEYWORD_EVIDENCE_VERSION + 1)).not.toBe(probesHash(EVIDENCE.specificity));
  });
});

// The committed tiny random-weight model: the calibration's plumbing only, never its figures.
describe("the stored calibration with a model", () => {
  it("holds the dense scores under the model's id and is replaced when the model changes", async () => {
    const dir = await seedCopy();
    const options = { corpusDir: join(dir, "corpus"), indexDir: join(dir, "index") };
    const hybrid = await AnswerEngine.open({ ...options, model: { kind: "folder", dir: TINY_MODEL_DIR } });
    const withModel = JSON.parse(await readFile(join(options.indexDir, CALIBRATION_FILE), "utf8")) as Calibration;
    expect(withModel.modelId).toBe(hybrid.status().modelId);
    expect(withModel.scores.dense).toHaveLength(PROBE_QUESTIONS.length);
    expect(withModel.scores.dense!.every((s) => s > -1 && s <= 1)).toBe(true);
    const answer = await hybrid.ask("هل صنفت روسيا حماس منظمة إرهابية؟");
    expect(answer.signals!.lists.dense!.floors.none).toBe(quantile(withModel.scores.dense!, 0.9));

    await AnswerEngine.open({ ...options, model: null });
    const keywordOnly = JSON.parse(await readFile(join(options.indexDir, CALIBRATION_FILE), "utf8")) as Calibration;
    expect(keywordOnly.modelId).toBeNull();
    expect(keywordOnly.scores.dense).toBeUndefined();
  });
});
