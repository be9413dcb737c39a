/** The XQuAD corpus indexed with the project's own code, in a cache folder, and its ranking helpers. */
import { join, resolve } from "node:path";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { type EngineSettings, PROJECT_ROOT } from "../../src/config/settings.js";
import type { Logger } from "../../src/log/logger.js";
import { type BenchQuestion, loadXquad, writeXquadCorpus, type XquadSet } from "./xquad.js";

export const BENCH_DIR = resolve(PROJECT_ROOT, ".cache/bench/xquad");

/**
 * Writes the XQuAD corpus and opens an engine on it (rebuilding the index) with `settings`, the
 * bot's own, with only the corpus and index folders replaced.
 */
export async function openXquadEngine(settings: EngineSettings, log?: Logger): Promise<{ set: XquadSet; engine: AnswerEngine; buildMs: number }> {
  const set = await loadXquad();
  const corpusDir = join(BENCH_DIR, "corpus");
  await writeXquadCorpus(set, corpusDir);
  const started = performance.now();
  const engine = await openEngine({ ...settings, corpusDir, indexDir: join(BENCH_DIR, "index") }, { log, rebuild: true });
  return { set, engine, buildMs: performance.now() - started };
}

/** A question's gold paragraph as a ranking key. */
export function goldKey(question: BenchQuestion): string {
  return `${question.docId}:${question.paragraph}`;
}

/** The first 24 articles are for tuning; the last 24 are held out. */
export function isTuning(question: BenchQuestion, set: XquadSet): boolean {
  return question.article < set.articles / 2;
}
