import { basename, dirname } from "node:path";
import { AutoTokenizer, env, pipeline } from "@xenova/transformers";
import { describe, expect, it } from "vitest";
import { loadSeedQuestions } from "../../src/bench/seed-questions.js";
import { loadXquad } from "../../src/bench/xquad.js";
import { loadEmbedder, modelIdOf, ModelUnavailableError } from "../../src/embedding/embedder.js";
import { HAS_RANDOM_MODEL, RANDOM_MODEL_DIR, scratchDir } from "../helpers/paths.js";

describe("loadEmbedder", () => {
  it("reports a folder without a model clearly", async () => {
    const dir = await scratchDir();
    await expect(loadEmbedder({ kind: "folder", dir })).rejects.toThrow(ModelUnavailableError);
    await expect(loadEmbedder({ kind: "folder", dir })).rejects.toThrow(/has no config\.json/);
  });

  it("names a folder model by its folder and model file size", () => {
    expect(modelIdOf({ kind: "folder", dir: "/nowhere/e5" })).toBe("folder:e5:missing");
    expect(modelIdOf({ kind: "hub", id: "Xenova/multilingual-e5-small", cacheDir: "/x" })).toBe("Xenova/multilingual-e5-small");
  });
});

// The random-weight model: its vectors mean nothing, so only the plumbing is asserted.
describe.skipIf(!HAS_RANDOM_MODEL)("the random-weight e5 model", async () => {
  const embedder = await loadEmbedder({ kind: "folder", dir: RANDOM_MODEL_DIR });

  it("gives unit vectors of the model's width", async () => {
    expect(embedder.dims).toBe(384);
    const [vector] = await embedder.embedQueries(["هل صنفت روسيا حماس منظمة إرهابية؟"]);
    expect(vector).toHaveLength(384);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 4);
  });

  it("embeds a batch as it embeds each text alone, and applies the prefixes", async () => {
    const texts = ["روسيا", "Hamas and Russia relations in 2023"];
    const together = await embedder.embedPassages(texts);
    const alone = await embedder.embedPassages([texts[1]!]);
    // int8 activations are quantized per batch, so a batch differs from a lone text in the last digits.
    let cosine = 0;
    for (let d = 0; d < 384; d++) cosine += together[384 + d]! * alone[d]!;
    expect(cosine).toBeGreaterThan(0.99);
    const [asQuery] = await embedder.embedQueries([texts[1]!]);
    expect(Array.from(asQuery!)).not.toEqual(Array.from(alone));
  });

  it("counts tokens with the real tokenizer", () => {
    expect(embedder.countPassageTokens("روسيا")).toBeGreaterThan(2);
    expect(embedder.countPassageTokens("روسيا ".repeat(100))).toBeGreaterThan(100);
  });
});

// The embedder slims transformers.js's tokenizer and runs ONNX Runtime itself: it must give what
// stock transformers.js gives.
describe.skipIf(!HAS_RANDOM_MODEL)("against stock transformers.js", async () => {
  const embedder = await loadEmbedder({ kind: "folder", dir: RANDOM_MODEL_DIR });
  env.localModelPath = dirname(RANDOM_MODEL_DIR) + "/";
  env.allowRemoteModels = false;
  const stock = await AutoTokenizer.from_pretrained(basename(RANDOM_MODEL_DIR));
  const xquad = await loadXquad();
  const texts = [
    ...(await loadSeedQuestions()).map((q) => q.question),
    ...xquad.arabic.slice(0, 150).map((q) => q.question),
    ...xquad.english.slice(0, 50).map((q) => q.question),
    ...xquad.files.slice(0, 3).map((f) => f.content),
    "😀 emoji 👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, ﻻ ligatures, ٱلْعَرَبِيَّة, Ⅻ, ｆｕｌｌ ｗｉｄｔｈ",
  ];

  it("tokenizes exactly as the stock tokenizer", () => {
    for (const text of texts) expect(embedder.countPassageTokens(text), text.slice(0, 40)).toBe(stock.encode(`passage: ${text}`).length);
    const slim = (embedder as unknown as { tokenizer: typeof stock }).tokenizer;
    for (const text of texts) expect(slim.encode(text)).toEqual(stock.encode(text));
  });

  it("embeds as the feature-extraction pipeline does", async () => {
    const extractor = await pipeline("feature-extraction", basename(RANDOM_MODEL_DIR), { quantized: true });
    for (const question of texts.slice(0, 20)) {
      const [ours] = await embedder.embedQueries([question]);
      const theirs = (await extractor(`query: ${question}`, { pooling: "mean", normalize: true })).data as Float32Array;
      let cosine = 0;
      for (let d = 0; d < 384; d++) cosine += ours![d]! * theirs[d]!;
      expect(cosine, question).toBeGreaterThan(0.9999);
    }
  });
});
