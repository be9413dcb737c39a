/** Saved index files: the keyword index written in pieces is the keyword index, byte for byte, and loads back whole. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/indexing/corpus-index.js";
import { loadIndex, saveIndex } from "../../src/indexing/saved-index.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

describe("saving an index in pieces", () => {
  it("writes exactly toBytes() for the keyword index, with the sizes and checksums the manifest checks", async () => {
    const dir = await scratchDir();
    const index = await buildIndex(CORPUS_DIR);
    expect([...index.keyword.toBytes()].length).toBeGreaterThan(5);
    await saveIndex(index, dir, CORPUS_DIR);
    const written = await readFile(join(dir, "keyword.bin"));
    expect(written).toEqual(Buffer.concat([...index.keyword.toBytes()]));
    expect(index.manifest.files["keyword.bin"]).toEqual({ bytes: written.length, sha256: createHash("sha256").update(written).digest("hex") });
    const loaded = (await loadIndex(dir))!;
    expect(loaded.keyword.query("خالد مشعل موسكو", 3).map((h) => h.position)).toEqual(index.keyword.query("خالد مشعل موسكو", 3).map((h) => h.position));
    expect(await readFile(join(dir, "corpus-dir.txt"), "utf8")).toMatch(/\S\n$/);
  });
});
