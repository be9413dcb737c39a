/** A real engine for tests, built the one way the bot, the terminal and the benchmarks build it: from settings. */
import { cp } from "node:fs/promises";
import { join } from "node:path";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import { CORPUS_DIR, scratchDir } from "./paths.js";

/** The engine over `corpusDir` with its index in `indexDir`, keyword search only, settings otherwise the defaults. */
export function openKeywordEngine(corpusDir: string, indexDir: string): Promise<AnswerEngine> {
  return openEngine(loadEngineSettings({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: "off" }));
}

/** A keyword engine over a copy of the seed corpus in a scratch folder `dir` (corpus/ and index/ there). */
export async function seedCopyEngine(): Promise<{ dir: string; engine: AnswerEngine }> {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  return { dir, engine: await openKeywordEngine(join(dir, "corpus"), join(dir, "index")) };
}
