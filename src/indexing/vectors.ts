/**
 * Passage vectors on disk: one raw little-endian Float32 file per embedding model, beside a small
 * JSON description. Vectors are stored under the id of the model that made them and for one exact
 * passage list, so they are never used with another model or a changed corpus.
 */
import { join } from "node:path";
import type { Embedder } from "../embedding/embedder.js";
import { counted, type Logger, silentLogger } from "../log/logger.js";
import { VectorIndex } from "../search/vector-index.js";
import { FolderWriteError, writeAtomic } from "./atomic-write.js";
import { type CorpusIndex, passageTexts } from "./corpus-index.js";
import { IndexFileError, readIndexFile, readIndexJson } from "./store.js";

interface VectorsDescription {
  modelId: string;
  dims: number;
  count: number;
  passagesHash: string;
}

/** File name stem for a model id: "Xenova/multilingual-e5-small" → "Xenova__multilingual-e5-small". */
function slug(modelId: string): string {
  return modelId.replace(/[^\w.-]+/g, "__");
}

function paths(_indexDir: string, modelId: string) {
  const stem = join("vectors", slug(modelId));
  return { description: `${stem}.json`, data: `${stem}.f32` };
}

async function readVectors(indexDir: string, index: CorpusIndex, embedder: Embedder): Promise<VectorIndex | undefined> {
  const files = paths(indexDir, embedder.modelId);
  let description: VectorsDescription;
  try {
    description = await readIndexJson<VectorsDescription>(indexDir, files.description);
  } catch (error) {
    if (error instanceof IndexFileError && error.message.endsWith("is missing")) return undefined;
    throw error;
  }
  if (description.modelId !== embedder.modelId || description.passagesHash !== index.manifest.passagesHash || description.dims !== embedder.dims) {
    return undefined;
  }
  const bytes = await readIndexFile(indexDir, files.data, description.count * description.dims * 4);
  // A view over the file as read; copied only when the Buffer does not start on a 4-byte boundary (one from Node's pool may not).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  return new VectorIndex(new Float32Array(aligned.buffer, aligned.byteOffset, description.count * description.dims), description.dims);
}

/**
 * The passage vectors of `index` for `embedder`'s model: read from `indexDir` when stored for this
 * model and passage list, else computed (with a progress line) and stored.
 */
export async function openVectors(index: CorpusIndex, indexDir: string, embedder: Embedder, log: Logger = silentLogger): Promise<VectorIndex> {
  try {
    const stored = await readVectors(indexDir, index, embedder);
    if (stored) return stored;
  } catch (error) {
    if (!(error instanceof IndexFileError)) throw error;
    log.error(`${error.message}; computing the vectors again`);
  }
  const texts = passageTexts(index.documents, index.passages);
  log.info(`Embedding ${counted(texts.length, "passage")} with ${embedder.modelId} (once per model and corpus)…`);
  const started = Date.now();
  let lastReport = 0;
  const vectors = await embedder.embedPassages(texts, (done, total) => {
    if (Date.now() - lastReport > 2000 || done === total) {
      lastReport = Date.now();
      log.info(`  embedded ${done}/${total} passages`);
    }
  });
  const files = paths(indexDir, embedder.modelId);
  const description: VectorsDescription = { modelId: embedder.modelId, dims: embedder.dims, count: texts.length, passagesHash: index.manifest.passagesHash };
  try {
    await writeAtomic(join(indexDir, files.data), new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    await writeAtomic(join(indexDir, files.description), `${JSON.stringify(description, null, 2)}\n`);
  } catch (error) {
    if (!(error instanceof FolderWriteError)) throw error;
    log.warn(`${error.message}: the passage vectors are kept in memory only, and computed again at the next start`);
  }
  log.info(`Embedded ${counted(texts.length, "passage")} in ${Date.now() - started} ms.`);
  return new VectorIndex(vectors, embedder.dims);
}
