import { CharTrie } from "@xenova/transformers/src/utils/data-structures.js";
import { describe, expect, it } from "vitest";
import { loadEmbedder } from "../../src/embedding/embedder.js";
import { TINY_MODEL_DIR } from "../helpers/paths.js";

describe("the slim tokenizer's patch of transformers.js", () => {
  it("survives loads at the same time: each tokenizer is slim and CharTrie is restored", async () => {
    const original = CharTrie.prototype.extend;
    const source = { kind: "folder" as const, dir: TINY_MODEL_DIR };
    const [a, b, c] = await Promise.all([loadEmbedder(source), loadEmbedder(source), loadEmbedder(source)]);
    expect(CharTrie.prototype.extend).toBe(original);
    const text = "متى استضاف بوتين خالد مشعل في موسكو؟";
    expect(b.countPassageTokens(text)).toBe(a.countPassageTokens(text));
    expect(c.countPassageTokens(text)).toBe(a.countPassageTokens(text));
  });
});
