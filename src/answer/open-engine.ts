/**
 * The one way to build an answer engine: from settings. The bot, the terminal chat, `ask`,
 * `index`, every benchmark and the tests that need a real engine come through here, so each of
 * them runs the configuration a deployer set.
 */

import type { EngineSettings } from "../config/settings.js";
import type { SpecificityScale } from "../config/tuning.js";
import type { Logger } from "../log/logger.js";
import { AnswerEngine } from "./engine.js";
import type { EngineTask } from "./engine-options.js";

export interface OpenEngineOptions {
  log?: Logger;
  /** Rebuild the index even when the stored one is current. */
  rebuild?: boolean;
  /** Another specificity scale than the default: for `npm run bench:confidence -- --fit`, which fits it. */
  specificity?: SpecificityScale;
  /** What the engine is opened for (default "answer"): the warning about a missing model says what it means for it. */
  task?: EngineTask;
}

/** The answer engine the settings describe (see AnswerEngine.open). */
export function openEngine(settings: EngineSettings, { log, rebuild, specificity, task }: OpenEngineOptions = {}): Promise<AnswerEngine> {
  return AnswerEngine.open({
    corpusDir: settings.corpusDir,
    indexDir: settings.indexDir,
    model: settings.model,
    floors: settings.floors,
    crossLingual: settings.crossLingual,
    limits: settings.documents,
    specificity,
    log,
    rebuild,
    task,
  });
}
