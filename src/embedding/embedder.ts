/**
 * Sentence embeddings with transformers.js: multilingual-e5 style models, which expect the
 * prefixes "query: " and "passage: ", mean pooling over the attention mask, and L2 normalization.
 * The tokenizer and the ONNX model are loaded once and shared by every caller of an Embedder.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { AutoConfig, AutoTokenizer, env } from "@xenova/transformers";
import { CharTrie } from "@xenova/transformers/src/utils/data-structures.js";
import { getModelFile } from "@xenova/transformers/src/utils/hub.js";
import ort from "onnxruntime-node";

// onnxruntime-node is CommonJS whose exports Node cannot list statically: take them off the default.
const { InferenceSession, Tensor } = ort;
type InferenceSession = ort.InferenceSession;
type Tensor = ort.Tensor;

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

/**
 * Passages embedded per model call when building an index. One: on two cores a batch of 8 long
 * passages took 115 ms a passage against 41 ms one at a time (padding and attention over the
 * longest one), while short questions do gain from batches (see QueryBatcher).
 */
const PASSAGE_BATCH = 1;

/** The id vectors are stored under: the hub id, or the folder name with its model file's size. */
export function modelIdOf(source: ModelSource): string {
  if (source.kind === "hub") return source.id;
  const file = join(source.dir, MODEL_FILE);
  let size = "missing";
  try {
    size = String(statSync(file).size);
  } catch {
    // Reported when loading; the id only has to differ from a working copy's.
  }
  return `folder:${basename(resolve(source.dir))}:${size}`;
}

type Tokenizer = Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
type TokenizerOutput = Record<string, { data: BigInt64Array; dims: number[] }>;

/** Model file of a source, in the transformers.js layout (int8 weights). */
const MODEL_FILE = join("onnx", "model_quantized.onnx");

/**
 * ONNX Runtime settings for a small server: the CPU memory arena and memory-pattern caching grow
 * with every new input shape (questions have many lengths) and hold on to that memory, so both are
 * off; one inter-op thread, since the graph is a chain; intra-op threads use both cores.
 */
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  executionProviders: ["cpu"],
  graphOptimizationLevel: "all",
  enableCpuMemArena: false,
  enableMemPattern: false,
  executionMode: "sequential",
  interOpNumThreads: 1,
  intraOpNumThreads: 2,
};

/**
 * transformers.js builds a character trie of the Unigram vocabulary (one Map per node, about
 * 150 MB and half a second for 250,000 pieces) and keeps a raw copy of the vocabulary. The trie
 * only answers "which pieces start this text", which the piece-to-id Map it also keeps answers as
 * well: candidate prefixes are looked up one length at a time. So the trie is not filled while the
 * tokenizer is made (see loadTokenizer), and its search is replaced here. Token ids stay the same (tested).
 */
function slimTokenizer(tokenizer: Tokenizer): void {
  const model = (tokenizer as unknown as { model?: { trie?: unknown; tokens_to_ids?: Map<string, number>; config?: { vocab?: unknown } } }).model;
  const pieces = model?.tokens_to_ids;
  if (!model?.trie || !(pieces instanceof Map)) return;
  let longest = 0;
  for (const piece of pieces.keys()) longest = Math.max(longest, piece.length);
  model.trie = {
    *commonPrefixSearch(text: string) {
      const end = Math.min(longest, text.length);
      for (let length = 1; length <= end; length++) {
        // Like the trie, never match through a surrogate pair (the trie is keyed by code point).
        const code = text.charCodeAt(length - 1);
        if (code >= 0xd800 && code <= 0xdfff) return;
        const prefix = text.slice(0, length);
        if (pieces.has(prefix)) yield prefix;
      }
    },
  };
  if (model.config) model.config.vocab = undefined;
}

class TransformersEmbedder implements Embedder {
  constructor(
    readonly modelId: string,
    readonly dims: number,
    private readonly tokenizer: Tokenizer,
    private readonly session: InferenceSession,
  ) {}

  countPassageTokens(text: string): number {
    return this.tokenizer.encode(`passage: ${text}`).length;
  }

  /** Unit vectors of `texts`: mean of the last hidden states over real tokens, L2-normalized. */
  private async embed(texts: string[]): Promise<Float32Array> {
    const encoded = this.tokenizer(texts, { padding: true, truncation: true }) as unknown as TokenizerOutput;
    const ids = encoded.input_ids!;
    const mask = encoded.attention_mask!;
    const feeds: Record<string, Tensor> = {};
    for (const name of this.session.inputNames) {
      // BERT-style models take token types; XLM-R tokenizers do not produce them: all zeros.
      const input = encoded[name] ?? { data: new BigInt64Array(ids.data.length), dims: ids.dims };
      feeds[name] = new Tensor("int64", input.data, input.dims);
    }
    const output = await this.session.run(feeds);
    const hidden = output[this.session.outputNames[0]!]!.data as Float32Array;
    const [batch, length] = ids.dims as [number, number];
    const dims = this.dims;
    const vectors = new Float32Array(batch * dims);
    for (let b = 0; b < batch; b++) {
      const vector = vectors.subarray(b * dims, (b + 1) * dims);
      let tokens = 0;
      for (let t = 0; t < length; t++) {
        if (mask.data[b * length + t] === 0n) continue;
        tokens++;
        const offset = (b * length + t) * dims;
        for (let d = 0; d < dims; d++) vector[d]! += hidden[offset + d]!;
      }
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        vector[d]! /= tokens;
        norm += vector[d]! ** 2;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) vector[d]! /= norm;
    }
    return vectors;
  }

  async embedQueries(questions: string[]): Promise<Float32Array[]> {
    const matrix = await this.embed(questions.map((q) => `query: ${q}`));
    return questions.map((_, i) => matrix.subarray(i * this.dims, (i + 1) * this.dims));
  }

  async embedPassages(passages: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array> {
    const vectors = new Float32Array(passages.length * this.dims);
    for (let i = 0; i < passages.length; i += PASSAGE_BATCH) {
      vectors.set(await this.embed(passages.slice(i, i + PASSAGE_BATCH).map((p) => `passage: ${p}`)), i * this.dims);
      onProgress?.(Math.min(i + PASSAGE_BATCH, passages.length), passages.length);
    }
    return vectors;
  }
}

/**
 * Tokenizer loads, one after another: each switches off CharTrie filling for the whole process
 * across an await, so two at once could see each other's patch, and the later one would "restore"
 * the earlier one's no-op for good.
 */
let tokenizerLoads: Promise<unknown> = Promise.resolve();

/** Loads a tokenizer without filling the Unigram character trie that slimTokenizer replaces. */
function loadTokenizer(name: string): Promise<Tokenizer> {
  const load = tokenizerLoads.then(async () => {
    const fill = CharTrie.prototype.extend;
    CharTrie.prototype.extend = () => undefined;
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(name);
      slimTokenizer(tokenizer);
      return tokenizer;
    } finally {
      CharTrie.prototype.extend = fill;
    }
  });
  tokenizerLoads = load.catch(() => undefined);
  return load;
}

/** The local path of the model file, downloading it into the cache first for a hub model. */
async function modelFilePath(source: ModelSource): Promise<string> {
  if (source.kind === "folder") return join(resolve(source.dir), MODEL_FILE);
  const cached = join(resolve(source.cacheDir), source.id, MODEL_FILE);
  if (!existsSync(cached)) {
    // transformers.js downloads and caches it there; the buffer it returns is dropped at once.
    const bytes = (await getModelFile(source.id, MODEL_FILE.replace(/\\/g, "/"), true, {})) as Uint8Array;
    if (!existsSync(cached)) {
      await mkdir(dirname(cached), { recursive: true });
      await writeFile(cached, bytes);
    }
  }
  return cached;
}

/**
 * Loads the tokenizer (with transformers.js) and the int8 ONNX model (with ONNX Runtime, from the
 * file, so no copy of the weights stays in JavaScript memory), in parallel.
 */
export async function loadEmbedder(source: ModelSource): Promise<Embedder> {
  let name: string;
  if (source.kind === "folder") {
    const dir = resolve(source.dir);
    for (const file of ["config.json", "tokenizer.json", MODEL_FILE]) {
      if (!existsSync(join(dir, file))) throw new ModelUnavailableError(`the model folder ${dir} has no ${file}`);
    }
    env.localModelPath = `${dirname(dir)}/`;
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
    const [tokenizer, session, config] = await Promise.all([
      loadTokenizer(name),
      modelFilePath(source).then((file) => InferenceSession.create(file, SESSION_OPTIONS)),
      AutoConfig.from_pretrained(name) as Promise<{ hidden_size?: number }>,
    ]);
    return new TransformersEmbedder(modelIdOf(source), config.hidden_size ?? 384, tokenizer, session);
  } catch (error) {
    const where = source.kind === "folder" ? `from ${source.dir}` : `"${source.id}" (downloading needs internet once)`;
    throw new ModelUnavailableError(`could not load the embedding model ${where}: ${(error as Error).message}`);
  }
}
