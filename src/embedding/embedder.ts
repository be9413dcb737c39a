/**
 * Sentence embeddings with transformers.js: multilingual-e5 style models, which expect the
 * prefixes "query: " and "passage: ", mean pooling over the attention mask, and L2 normalization.
 * The tokenizer and the ONNX model are loaded once and shared by every caller of an Embedder.
 */
import { statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { AutoModel, AutoTokenizer, env, mean_pooling } from "@xenova/transformers";

/** Where the embedding model comes from. */
export type ModelSource =
  /** A folder in transformers.js layout: config.json, tokenizer.json, onnx/model_quantized.onnx. */
  | { kind: "folder"; dir: string }
  /** A model id on the Hugging Face hub, downloaded once into `cacheDir`. */
  | { kind: "hub"; id: string; cacheDir: string };

/** The model could not be loaded (offline with no local copy, missing or broken files). */
export class ModelUnavailableError extends Error {
  override name = "ModelUnavailableError";
}

export interface Embedder {
  /** Names the exact model: stored vectors are only ever reused under the same id. */
  readonly modelId: string;
  readonly dims: number;
  /** Token count of a passage as the model sees it (prefix and special tokens included). */
  countPassageTokens(text: string): number;
  /** One unit vector per question. */
  embedQueries(questions: string[]): Promise<Float32Array[]>;
  /** Unit vectors of many passages, row after row in one array, computed in batches. */
  embedPassages(passages: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array>;
}

/** Passages embedded per model call when building an index. */
const PASSAGE_BATCH = 8;

/** The id vectors are stored under: the hub id, or the folder name with its model file's size. */
export function modelIdOf(source: ModelSource): string {
  if (source.kind === "hub") return source.id;
  const file = join(source.dir, "onnx", "model_quantized.onnx");
  let size = "missing";
  try {
    size = String(statSync(file).size);
  } catch {
    // Reported when loading; the id only has to differ from a working copy's.
  }
  return `folder:${basename(resolve(source.dir))}:${size}`;
}

type Tokenizer = Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
type Model = Awaited<ReturnType<typeof AutoModel.from_pretrained>>;

class TransformersEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dims: number,
    private readonly tokenizer: Tokenizer,
    private readonly model: Model,
  ) {}

  countPassageTokens(text: string): number {
    return this.tokenizer.encode(`passage: ${text}`).length;
  }

  private async embed(texts: string[]): Promise<Float32Array> {
    const inputs = this.tokenizer(texts, { padding: true, truncation: true });
    const output = await this.model(inputs);
    const pooled = mean_pooling(output.last_hidden_state, inputs.attention_mask).normalize(2, -1);
    return pooled.data as Float32Array;
  }

  async embedQueries(questions: string[]): Promise<Float32Array[]> {
    const matrix = await this.embed(questions.map((q) => `query: ${q}`));
    return questions.map((_, i) => matrix.subarray(i * this.dims, (i + 1) * this.dims));
  }

  async embedPassages(passages: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array> {
    const vectors = new Float32Array(passages.length * this.dims);
    for (let i = 0; i < passages.length; i += PASSAGE_BATCH) {
      const batch = passages.slice(i, i + PASSAGE_BATCH).map((p) => `passage: ${p}`);
      vectors.set(await this.embed(batch), i * this.dims);
      onProgress?.(Math.min(i + PASSAGE_BATCH, passages.length), passages.length);
    }
    return vectors;
  }
}

/** Loads the tokenizer and the int8 ONNX model of `source`. */
export async function loadEmbedder(source: ModelSource): Promise<Embedder> {
  let name: string;
  if (source.kind === "folder") {
    const dir = resolve(source.dir);
    for (const file of ["config.json", "tokenizer.json", join("onnx", "model_quantized.onnx")]) {
      try {
        statSync(join(dir, file));
      } catch {
        throw new ModelUnavailableError(`the model folder ${dir} has no ${file}`);
      }
    }
    env.localModelPath = dirname(dir) + "/";
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    name = basename(dir);
  } else {
    env.cacheDir = resolve(source.cacheDir);
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    name = source.id;
  }
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(name);
    const model = await AutoModel.from_pretrained(name, { quantized: true });
    const config = (model as unknown as { config: { hidden_size?: number } }).config;
    return new TransformersEmbedder(modelIdOf(source), config.hidden_size ?? 384, tokenizer, model);
  } catch (error) {
    const where = source.kind === "folder" ? `from ${source.dir}` : `"${source.id}" (downloading needs internet once)`;
    throw new ModelUnavailableError(`could not load the embedding model ${where}: ${(error as Error).message}`);
  }
}
