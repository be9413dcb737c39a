import { describe, expect, it } from "vitest";
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
