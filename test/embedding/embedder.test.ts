import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { AutoTokenizer, env, pipeline } from "@xenova/transformers";
import { describe, expect, it } from "vitest";
import { loadEmbedder, ModelUnavailableError, modelIdOf } from "../../src/embedding/embedder.js";
import { loadSeedQuestions } from "../bench/seed-questions.js";
import { loadXquad } from "../bench/xquad.js";
import { buildOnnxModel, makeTinyModel } from "../generators/make-tiny-model.js";
import { describeIf, HAS_RANDOM_MODEL, NEEDS_FULL_MODEL, NEEDS_REAL_TOKENIZER, RANDOM_MODEL_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";

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

/** Cosine of two unit vectors. */
function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

/**
 * What every model folder must give, whatever its weights: unit vectors of its width, a batch
 * embedded as each text alone, the query and passage prefixes applied, tokens counted.
 */
function plumbingSuite(name: string, dir: string, dims: number) {
  return async () => {
    const embedder = await loadEmbedder({ kind: "folder", dir });

    it("gives unit vectors of the model's width", async () => {
      expect(embedder.dims).toBe(dims);
      expect(embedder.modelId).toMatch(new RegExp(`^folder:${name}:\\d+$`));
      const [vector] = await embedder.embedQueries(["هل صنفت روسيا حماس منظمة إرهابية؟"]);
      expect(vector).toHaveLength(dims);
      expect(Math.hypot(...vector!)).toBeCloseTo(1, 4);
    });

    it("embeds a batch as it embeds each text alone, and applies the prefixes", async () => {
      const texts = ["روسيا", "Hamas and Russia relations in 2023"];
      const together = await embedder.embedPassages(texts);
      const alone = await embedder.embedPassages([texts[1]!]);
      // int8 activations are quantized per batch, so a batch differs from a lone text in the last digits.
      expect(cosine(together.subarray(dims), alone)).toBeGreaterThan(0.99);
      expect(cosine(together.subarray(0, dims), alone)).toBeLessThan(0.99);
      const [asQuery] = await embedder.embedQueries([texts[1]!]);
      expect(Array.from(asQuery!)).not.toEqual(Array.from(alone));
    });

    it("counts tokens with its tokenizer, prefix and special tokens included", () => {
      expect(embedder.countPassageTokens("روسيا")).toBeGreaterThan(2);
      expect(embedder.countPassageTokens("روسيا ".repeat(100))).toBeGreaterThan(100);
    });
  };
}

// The tiny test model (test/fixtures/tiny-model): random weights, so only the plumbing is asserted.
describe("the tiny test model", plumbingSuite("tiny-model", TINY_MODEL_DIR, 32));

describe("the tiny test model's files", () => {
  it("are what npm run fixtures:tiny-model makes, the same on every run", async () => {
    const [first, second] = [await makeTinyModel(), await makeTinyModel()];
    expect([...first.keys()].sort()).toEqual(["config.json", join("onnx", "model_quantized.onnx"), "tokenizer.json", "tokenizer_config.json"]);
    for (const [name, bytes] of first) expect(Buffer.compare(Buffer.from(bytes), Buffer.from(second.get(name)!)), name).toBe(0);
    // The committed weights are the script's for the committed vocabulary (which follows the corpus).
    const tokenizer = JSON.parse(await readFile(join(TINY_MODEL_DIR, "tokenizer.json"), "utf8")) as { model: { vocab: unknown[] } };
    const committed = await readFile(join(TINY_MODEL_DIR, "onnx", "model_quantized.onnx"));
    expect(Buffer.compare(committed, Buffer.from(buildOnnxModel(tokenizer.model.vocab.length)))).toBe(0);
  });

  it("tokenize Arabic and English into pieces of the XLM-R kind, unknown characters as <unk>", async () => {
    const embedder = await loadEmbedder({ kind: "folder", dir: TINY_MODEL_DIR });
    const tokenizer = (embedder as unknown as { tokenizer: { encode(t: string): number[]; model: { vocab: string[] } } }).tokenizer;
    const pieces = (text: string) => tokenizer.encode(text).map((id) => tokenizer.model.vocab[id]);
    expect(pieces("روسيا حماس")).toEqual(["<s>", "▁روسيا", "▁حماس", "</s>"]);
    expect(pieces("the Moscow 😀")).toEqual(["<s>", "▁the", "▁Moscow", "▁", "<unk>", "</s>"]);
  });
});

// The random-weight e5 model: the real tokenizer and the full-size model.
describeIf(HAS_RANDOM_MODEL, NEEDS_FULL_MODEL, "the random-weight e5 model", plumbingSuite("e5-small-random-q8", RANDOM_MODEL_DIR, 384));

// The embedder slims transformers.js's tokenizer and runs ONNX Runtime itself: it must give what
// stock transformers.js gives, with the tiny model on every clone and with the real tokenizer's
// 250,000 pieces when it is there.
function stockSuite(dir: string) {
  return async () => {
    const embedder = await loadEmbedder({ kind: "folder", dir });
    env.localModelPath = `${dirname(dir)}/`;
    env.allowRemoteModels = false;
    const stock = await AutoTokenizer.from_pretrained(basename(dir));
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
      // Each model loads in its own call: transformers.js reads env.localModelPath when loading.
      env.localModelPath = `${dirname(dir)}/`;
      const extractor = await pipeline("feature-extraction", basename(dir), { quantized: true });
      for (const question of texts.slice(0, 20)) {
        const [ours] = await embedder.embedQueries([question]);
        const theirs = (await extractor(`query: ${question}`, { pooling: "mean", normalize: true })).data as Float32Array;
        expect(theirs).toHaveLength(embedder.dims);
        expect(cosine(ours!, theirs), question).toBeGreaterThan(0.9999);
      }
    });
  };
}

describe("the tiny test model against stock transformers.js", stockSuite(TINY_MODEL_DIR));
describeIf(HAS_RANDOM_MODEL, NEEDS_REAL_TOKENIZER, "the real tokenizer against stock transformers.js", stockSuite(RANDOM_MODEL_DIR));
