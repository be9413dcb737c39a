/** Paths tests share: the project, the seed corpus, the test models, scratch folders. */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, it } from "vitest";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CORPUS_DIR = join(ROOT, "corpus");

/**
 * The tiny random-weight model committed with the tests (test/fixtures/tiny-model): an XLM-R
 * tokenizer with a small vocabulary and a 32-wide embedding, so the dense path runs on every clone.
 */
export const TINY_MODEL_DIR = join(ROOT, "test/fixtures/tiny-model");

/**
 * The random-weight copy of multilingual-e5-small beside the project (../shared, not in the
 * repository): the real tokenizer and the full-size model, for the tests that need their token
 * counts or their cost. Those tests are skipped, saying so, when it is absent.
 */
export const RANDOM_MODEL_DIR = resolve(ROOT, "../shared/models/e5-small-random-q8");
export const HAS_RANDOM_MODEL = existsSync(join(RANDOM_MODEL_DIR, "onnx", "model_quantized.onnx"));
/** What a suite skipped without it names: the real tokenizer (its token counts)… */
export const NEEDS_REAL_TOKENIZER = "../shared/models/e5-small-random-q8 (the real tokenizer)";
/** …or the full-size model (its width and cost). */
export const NEEDS_FULL_MODEL = "../shared/models/e5-small-random-q8 (the full-size model)";

// CI sets TESTS_REQUIRE_SHARED where ../shared must be present, so there a missing folder fails
// the run instead of quietly skipping the suites that need it.
if (process.env.TESTS_REQUIRE_SHARED && !HAS_RANDOM_MODEL) {
  throw new Error(`TESTS_REQUIRE_SHARED is set but ${RANDOM_MODEL_DIR} has no onnx/model_quantized.onnx`);
}

/**
 * `describe(name, body)` when `available`; otherwise a suite with one skipped test,
 * "skipped: needs <need>", and `body` is never called. (vitest's `describe.skipIf` still runs an
 * async body while collecting, so whatever it loads would be loaded, and fail, anyway.)
 */
export function describeIf(available: boolean, need: string, name: string, body: () => void | Promise<void>): void {
  if (available) describe(name, body);
  else describe(name, () => it.skip(`skipped: needs ${need}`, () => undefined));
}

/** A fresh temporary folder, removed after the test file. */
export async function scratchDir(prefix = "qa-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Documents made from the seed texts by Chromium, LibreOffice and pandoc (test/generators/make-documents.ts), with each source's truth. */
export const DOCUMENTS_DIR = join(ROOT, "test/fixtures/documents");
