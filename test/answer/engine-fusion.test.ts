// The fusion settings (config/defaults.ts DEFAULT_FUSION) reach the pipeline's fusion: through
// EngineOptions.fusion and per question, with the tiny test model, whose random dense list is
// noise that the weights must be able to take out of the ranking.
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.js";
import { DEFAULT_FUSION, type FusionSettings } from "../../src/config/defaults.js";
import { CORPUS_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";

// With the tiny model, its keyword and dense lists are both related (so both are fused): the
// dense list's best cosine, 0.75, clears the floor the off-topic probes set, 0.65.
const DENSE_QUESTION = "من ترأس وفد حماس الذي زار موسكو في 26 أكتوبر؟";
// Arabic with an English name: its keyword and bridge lists are related, its dense list is not.
const BRIDGE_QUESTION = "ماذا قال Lavrov عن غزة";
const NO_DENSE: FusionSettings = { ...DEFAULT_FUSION, weights: { ...DEFAULT_FUSION.weights, dense: 0 } };
const LIMIT = 8;

describe("fusion settings, hybrid with the tiny test model", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const options = { corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: { kind: "folder" as const, dir: TINY_MODEL_DIR } };
  const engine = await AnswerEngine.open(options);
  // The same index and vectors, opened with the dense list weighted 0.
  const noDense = await AnswerEngine.open({ ...options, fusion: NO_DENSE });
  const ids = async (target: AnswerEngine, question: string, more: Parameters<AnswerEngine["ask"]>[1] = {}) =>
    (await target.ask(question, { limit: LIMIT, abstain: false, ...more })).results.map((r) => r.id);
  const related = async (question: string) => {
    const { lists } = (await engine.ask(question, { abstain: false })).signals!;
    return Object.keys(lists).filter((name) => lists[name]!.best >= lists[name]!.floors.none);
  };

  it("fuses the lists the questions are chosen for", async () => {
    expect(await related(DENSE_QUESTION)).toEqual(["keyword", "dense"]);
    expect(await related(BRIDGE_QUESTION)).toEqual(["keyword", "bridge"]);
  });

  it("with equal weights, the random dense list changes the ranking keyword search gives", async () => {
    expect(await ids(engine, DENSE_QUESTION)).not.toEqual(await ids(engine, DENSE_QUESTION, { retrieval: "keyword" }));
  });

  it("a dense weight of 0 set when the engine opens ranks as keyword search alone does", async () => {
    expect(noDense.status().mode).toBe("hybrid");
    const keyword = await ids(engine, DENSE_QUESTION, { retrieval: "keyword" });
    expect(keyword).toHaveLength(LIMIT);
    expect(await ids(noDense, DENSE_QUESTION)).toEqual(keyword);
  });

  it("takes fusion settings per question, over the engine's own", async () => {
    expect(await ids(engine, DENSE_QUESTION, { fusion: NO_DENSE })).toEqual(await ids(engine, DENSE_QUESTION, { retrieval: "keyword" }));
    expect(await ids(engine, DENSE_QUESTION, { fusion: NO_DENSE })).toEqual(await ids(noDense, DENSE_QUESTION));
    expect(await ids(noDense, DENSE_QUESTION, { fusion: DEFAULT_FUSION })).toEqual(await ids(engine, DENSE_QUESTION));
  });

  it("a keyword weight of 0 ranks the dense list's passages first, in its order", async () => {
    const onlyDense: FusionSettings = { ...DEFAULT_FUSION, weights: { keyword: 0, bridge: 0, dense: 1 } };
    expect(await ids(engine, DENSE_QUESTION, { fusion: onlyDense })).toEqual(await ids(engine, DENSE_QUESTION, { retrieval: "dense" }));
  });

  it("weighs the bridge list: at 0 the ranking is the Arabic keyword list's alone", async () => {
    const withoutBridge = await AnswerEngine.open({ ...options, indexDir: join(dir, "index-no-bridge"), model: null, crossLingual: false });
    const keywordAlone = await ids(withoutBridge, BRIDGE_QUESTION);
    const noBridge: FusionSettings = { ...DEFAULT_FUSION, weights: { ...DEFAULT_FUSION.weights, bridge: 0 } };
    expect(await ids(engine, BRIDGE_QUESTION, { fusion: noBridge })).toEqual(keywordAlone);
    expect(await ids(engine, BRIDGE_QUESTION)).not.toEqual(keywordAlone);
  });

  it("takes each list's depth from the settings", async () => {
    // Keyword and dense each give 2 candidates (an Arabic question has no bridge list): at most 4 passages.
    const shallow = await ids(engine, DENSE_QUESTION, { fusion: { ...DEFAULT_FUSION, candidates: 2 } });
    expect(shallow.length).toBeGreaterThanOrEqual(2);
    expect(shallow.length).toBeLessThanOrEqual(4);
    expect(await ids(engine, DENSE_QUESTION)).toHaveLength(LIMIT);
  });

  it("uses a question's embedding given with it instead of embedding again", async () => {
    const [q, other] = [DENSE_QUESTION, BRIDGE_QUESTION];
    const vector = await engine.embedQuestion(q);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(await ids(engine, q, { vector, retrieval: "dense" })).toEqual(await ids(engine, q, { retrieval: "dense" }));
    // Another question's vector: the dense list is the other question's.
    const otherVector = await engine.embedQuestion(other);
    expect(await ids(engine, q, { vector: otherVector, retrieval: "dense" })).toEqual(await ids(engine, other, { retrieval: "dense" }));
  });

  it("rejects bad fusion settings, saying which", async () => {
    await expect(engine.ask(DENSE_QUESTION, { fusion: { weights: { keyword: 1, bridge: -1, dense: 1 }, candidates: 50 } })).rejects.toThrow(
      /bridge weight -1: expected a number from 0 up/,
    );
    await expect(AnswerEngine.open({ ...options, fusion: { ...DEFAULT_FUSION, candidates: 0 } })).rejects.toThrow(/candidates 0: expected a whole number/);
    await expect(engine.ask(DENSE_QUESTION, { fusion: { weights: { keyword: 0, bridge: 0, dense: 0 }, candidates: 50 } })).rejects.toThrow(/every weight is 0/);
  });
});

describe("embedQuestion without a model", () => {
  it("gives no vector", async () => {
    const dir = await scratchDir();
    await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
    const engine = await AnswerEngine.open({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), model: null });
    expect(await engine.embedQuestion("خالد مشعل")).toBeUndefined();
  });
});
