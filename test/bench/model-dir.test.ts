import { describe, expect, it } from "vitest";
import { scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";
import { findModelDir } from "./model-dir.js";

describe("findModelDir", () => {
  it("takes the folder given, then EMBEDDING_MODEL_DIR, and only when it holds a model", async () => {
    const empty = await scratchDir();
    expect(findModelDir(TINY_MODEL_DIR, {})).toBe(TINY_MODEL_DIR);
    expect(findModelDir(undefined, { EMBEDDING_MODEL_DIR: TINY_MODEL_DIR })).toBe(TINY_MODEL_DIR);
    expect(findModelDir(empty, { EMBEDDING_MODEL_DIR: TINY_MODEL_DIR })).toBeUndefined();
    expect(findModelDir(undefined, { EMBEDDING_MODEL_DIR: empty })).toBeUndefined();
  });
});
