import { describe, expect, it } from "vitest";
import type { Embedder } from "../../src/embedding/embedder.js";
import { QueryBatcher } from "../../src/embedding/query-batcher.js";

/** A stand-in model that records its calls; each question's vector encodes the question's length. */
function recordingEmbedder(fail = false) {
  const calls: string[][] = [];
  const embedder: Embedder = {
    modelId: "test",
    dims: 1,
    countPassageTokens: () => 0,
    embedPassages: async () => new Float32Array(),
    async embedQueries(questions) {
      calls.push(questions);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error("model failed");
      return questions.map((q) => Float32Array.of(q.length));
    },
  };
  return { calls, embedder };
}

describe("QueryBatcher", () => {
  it("embeds a lone question at once, and questions that arrive meanwhile together", async () => {
    const { calls, embedder } = recordingEmbedder();
    const batcher = new QueryBatcher(embedder);
    const results = await Promise.all([batcher.embed(["a"]), batcher.embed(["bb"]), batcher.embed(["ccc", "dddd"])]);
    expect(calls).toEqual([["a"], ["bb", "ccc", "dddd"]]);
    expect(results.map((r) => r.map((v) => v[0]))).toEqual([[1], [2], [3, 4]]);
  });

  it("passes a model failure to every caller of that batch, and goes on", async () => {
    const failing = new QueryBatcher(recordingEmbedder(true).embedder);
    await expect(Promise.all([failing.embed(["a"]), failing.embed(["b"])])).rejects.toThrow("model failed");
    const { embedder } = recordingEmbedder();
    const batcher = new QueryBatcher(embedder);
    expect((await batcher.embed(["xyz"]))[0]![0]).toBe(3);
  });
});
