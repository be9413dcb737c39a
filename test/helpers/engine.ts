/** A real engine for tests, built the one way the bot, the terminal and the benchmarks build it: from settings. */
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";

/** The engine over `corpusDir` with its index in `indexDir`, keyword search only, settings otherwise the defaults. */
export function openKeywordEngine(corpusDir: string, indexDir: string): Promise<AnswerEngine> {
  return openEngine(loadEngineSettings({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: "off" }));
}
