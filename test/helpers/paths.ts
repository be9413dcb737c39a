/** Paths tests share: the project, the seed corpus, the random-weight model, scratch folders. */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CORPUS_DIR = join(ROOT, "corpus");
export const RANDOM_MODEL_DIR = resolve(ROOT, "../shared/models/e5-small-random-q8");
/** CI always has ../shared; elsewhere model tests are skipped when it is absent. */
export const HAS_RANDOM_MODEL = existsSync(RANDOM_MODEL_DIR) || !!process.env.CI;

/** A fresh temporary folder, removed after the test file. */
export async function scratchDir(prefix = "qa-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
