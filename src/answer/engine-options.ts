/** What an answer engine is opened with (AnswerEngine.open, loadSearchState). */
import type { DocumentLimits, FloorSettings, FusionSettings } from "../config/defaults.js";
import type { SpecificityScale } from "../config/tuning.js";
import type { ModelSource } from "../embedding/embedder.js";
import type { Logger } from "../log/logger.js";

export interface EngineOptions {
  /** The corpus folder; by default the one the stored index was built from. */
  corpusDir?: string;
  indexDir: string;
  /** The embedding model, or null for keyword-only search. */
  model: ModelSource | null;
  log?: Logger;
  /** Floors in place of the fitted ones (config/tuning.ts, RETRIEVERS). */
  floors?: FloorSettings;
  /** How the keyword retrievers' evidence follows general word rarity (default EVIDENCE.specificity). */
  specificity?: SpecificityScale;
  /** Whether English words are translated into Arabic to search the Arabic keyword index (default true). */
  crossLingual?: boolean;
  /** How the retrievers' lists are fused: weights and depth (default DEFAULT_FUSION). */
  fusion?: FusionSettings;
  /** Bounds on reading one PDF, Word, web page or e-book file (default DEFAULT_DOCUMENT_LIMITS). */
  limits?: DocumentLimits;
  /** Rebuild the index even when the stored one is current (`npm run index`). */
  rebuild?: boolean;
  /**
   * What the engine is opened for, which the one warning about a missing model speaks to:
   * answering questions (default), or only building the index (`npm run index`).
   */
  task?: EngineTask;
}

/** What an engine is opened for: answering questions, or only building the index (`npm run index`). */
export type EngineTask = "answer" | "index";
