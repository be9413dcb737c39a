/**
 * Passage vectors on disk, with the tiny test model (test/fixtures/tiny-model): made once per model
 * and passage list, read back while current, made again when the model, the passages or the file change.
 */
import { appendFile, cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Embedder, loadEmbedder } from "../../src/embedding/embedder.js";
import { passageTexts } from "../../src/indexing/corpus-index.js";
import { openIndex } from "../../src/indexing/open-index.js";
import { openVectors } from "../../src/indexing/vectors.js";
import { createLogger } from "../../src/log/logger.js";
import { CORPUS_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";

/** The embedder, counting the passages it is asked to embed; `modelId` overridable to act as another model. */
function counting(embedder: Embedder, modelId = embedder.modelId) {
  const counter = { passages: 0 };
  const wrapped: Embedder = {
    modelId,
    dims: embedder.dims,
    countPassageTokens: (text) => embedder.countPassageTokens(text),
    embedQueries: (questions) => embedder.embedQueries(questions),
    embedPassages: (passages, onProgress) => {
      counter.passages += passages.length;
      return embedder.embedPassages(passages, onProgress);
    },
  };
  return { counter, embedder: wrapped };
}

function recordingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: "debug", format: "text", write: (l) => lines.push(l) }) };
}

describe("passage vectors on disk", async () => {
  const tiny = await loadEmbedder({ kind: "folder", dir: TINY_MODEL_DIR });

  async function freshIndex() {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    const indexDir = join(dir, "index");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    return { corpusDir, indexDir, index: await openIndex({ corpusDir, indexDir, embedder: tiny }) };
  }

  it("are made once, one unit row of the model's width per passage, and read back while current", async () => {
    const { indexDir, index } = await freshIndex();
    const first = counting(tiny);
    const made = await openVectors(index, indexDir, first.embedder);
    expect(first.counter.passages).toBe(index.passages.length);
    expect(made.count).toBe(index.passages.length);
    expect(made.dims).toBe(32);
    for (let row = 0; row < made.count; row++) expect(Math.hypot(...made.vectors.subarray(row * 32, (row + 1) * 32))).toBeCloseTo(1, 4);

    const files = (await readdir(join(indexDir, "vectors"))).sort();
    expect(files).toEqual([expect.stringMatching(/^folder__tiny-model__\d+\.f32$/), expect.stringMatching(/^folder__tiny-model__\d+\.json$/)]);
    expect((await stat(join(indexDir, "vectors", files[0]!))).size).toBe(index.passages.length * 32 * 4);

    const second = counting(tiny);
    const read = await openVectors(index, indexDir, second.embedder);
    expect(second.counter.passages).toBe(0);
    expect(Array.from(read.vectors)).toEqual(Array.from(made.vectors));
  });

  it("find each passage first by its own vector", async () => {
    const { indexDir, index } = await freshIndex();
    const vectors = await openVectors(index, indexDir, tiny);
    const texts = passageTexts(index.documents, index.passages);
    for (const passage of [0, Math.floor(texts.length / 2), texts.length - 1]) {
      const own = await tiny.embedPassages([texts[passage]!]);
      const [best] = vectors.query(own, 3);
      expect(best).toMatchObject({ position: passage });
      expect(best!.score).toBeCloseTo(1, 4);
    }
  });

  it("are kept per model: another model's id makes its own file", async () => {
    const { indexDir, index } = await freshIndex();
    await openVectors(index, indexDir, tiny);
    const other = counting(tiny, "folder:another-model:1");
    await openVectors(index, indexDir, other.embedder);
    expect(other.counter.passages).toBe(index.passages.length);
    expect((await readdir(join(indexDir, "vectors"))).filter((f) => f.endsWith(".f32"))).toHaveLength(2);
  });

  it("are made again for a changed passage list", async () => {
    const { corpusDir, indexDir, index } = await freshIndex();
    await openVectors(index, indexDir, tiny);
    await writeFile(join(corpusDir, "new.md"), "---\nid: new-doc\ntitle: وثيقة جديدة\n---\nفقرة جديدة عن الطاقة الشمسية في الصحراء.\n");
    const rebuilt = await openIndex({ corpusDir, indexDir, embedder: tiny });
    const again = counting(tiny);
    const vectors = await openVectors(rebuilt, indexDir, again.embedder);
    expect(again.counter.passages).toBe(rebuilt.passages.length);
    expect(vectors.count).toBe(index.passages.length + 1);
  });

  it("name a truncated vector file, then make the vectors again", async () => {
    const { indexDir, index } = await freshIndex();
    await openVectors(index, indexDir, tiny);
    const data = (await readdir(join(indexDir, "vectors"))).find((f) => f.endsWith(".f32"))!;
    await appendFile(join(indexDir, "vectors", data), Buffer.alloc(3));
    const { lines, log } = recordingLogger();
    const again = counting(tiny);
    const vectors = await openVectors(index, indexDir, again.embedder, log);
    expect(lines.join("\n")).toMatch(/\.f32 has \d+ bytes where the manifest says .*computing the vectors again/);
    expect(again.counter.passages).toBe(index.passages.length);
    expect((await readFile(join(indexDir, "vectors", data))).length).toBe(vectors.count * 32 * 4);
  });
});
