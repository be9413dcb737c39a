/** Where the benchmarks that need a full-size embedding model (bench:perf, bench:tune --fusion) find one. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_MODEL, PROJECT_ROOT } from "../../src/config/settings.js";

/** Looked in without a folder given or EMBEDDING_MODEL_DIR: the copy `npm start` downloads, then ../shared's random-weight copy. */
export const MODEL_DIR_CANDIDATES = [resolve(PROJECT_ROOT, ".cache/models", DEFAULT_MODEL), resolve(PROJECT_ROOT, "../shared/models/e5-small-random-q8")];

/** Whether `dir` holds a model's quantized ONNX file. */
export const hasModelFile = (dir: string) => existsSync(join(dir, "onnx", "model_quantized.onnx"));

/** The model folder: `explicit`, else EMBEDDING_MODEL_DIR, else the first candidate that holds a model; undefined when none does. */
export function findModelDir(explicit: string | undefined, env: Record<string, string | undefined> = process.env): string | undefined {
  const given = explicit ?? env.EMBEDDING_MODEL_DIR;
  if (given) return hasModelFile(resolve(given)) ? resolve(given) : undefined;
  return MODEL_DIR_CANDIDATES.find(hasModelFile);
}
