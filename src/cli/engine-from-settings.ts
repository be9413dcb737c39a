/** Opens the answer engine the way every command does: settings, a logger, optional overrides. */
import { AnswerEngine } from "../answer/engine.js";
import type { EngineSettings } from "../config/settings.js";
import type { Logger } from "../log/logger.js";

export interface EngineOverrides {
  corpusDir?: string;
  indexDir?: string;
}

export function openEngine(settings: EngineSettings, log: Logger, overrides: EngineOverrides = {}): Promise<AnswerEngine> {
  // An index folder given alone is checked against the corpus it was built from.
  const corpusDir = overrides.corpusDir ?? (overrides.indexDir ? undefined : settings.corpusDir);
  return AnswerEngine.open({ corpusDir, indexDir: overrides.indexDir ?? settings.indexDir, model: settings.model, abstention: settings.abstention, log });
}
