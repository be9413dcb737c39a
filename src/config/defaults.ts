/**
 * Default values of the engine's settings. This module imports only the tuning table, which
 * imports nothing, so reading settings never loads the model runtime (onnxruntime costs about
 * 300 ms and 120 MB to load).
 */
import { FUSION, RETRIEVERS, type RetrieverName } from "./tuning.js";

/**
 * Floors set by the deployer (MIN_KEYWORD_COVERAGE, ANSWER_KEYWORD_COVERAGE, MIN_SIMILARITY,
 * ANSWER_SIMILARITY), in place of the fitted ones of RETRIEVERS (config/tuning.ts).
 */
export type FloorSettings = { readonly [name in RetrieverName]?: { readonly none?: number; readonly answer?: number } };

/**
 * How the retrievers' ranked lists become one ranking (search/fusion.ts): weighted Reciprocal Rank
 * Fusion, each passage scoring Σ weight / (60 + rank) over the lists it is in. Lists that found
 * nothing related are left out before fusion, and a list fused alone keeps its own order.
 */
export interface FusionSettings {
  /**
   * Weight of each retriever's list, by retriever name: keyword (the Arabic keyword index), bridge
   * (English words translated into Arabic, searched in the same index) and dense (embeddings,
   * only with a model). Only their ratios matter; 0 switches a retriever off: its list neither
   * ranks nor votes on the answer's tier. At least one weight must be above 0.
   */
  weights: Record<RetrieverName, number>;
  /** Passages each retriever contributes to fusion (its list's depth): a whole number, at least 1. */
  candidates: number;
}

/** The fitted weights and depth (config/tuning.ts). */
export const DEFAULT_FUSION: FusionSettings = {
  weights: Object.fromEntries(Object.entries(RETRIEVERS).map(([name, { fusionWeight }]) => [name, fusionWeight])) as Record<RetrieverName, number>,
  candidates: FUSION.candidates,
};

/** Throws, saying what is wrong, unless every weight is a number from 0 up, one above 0, and the depth a whole number from 1. */
export function checkFusion({ weights, candidates }: FusionSettings): void {
  const problems = Object.entries(weights)
    .filter(([, weight]) => !(Number.isFinite(weight) && weight >= 0))
    .map(([name, weight]) => `${name} weight ${weight}: expected a number from 0 up`);
  if (problems.length === 0 && !Object.values(weights).some((weight) => weight > 0)) problems.push("every weight is 0: nothing would be searched");
  if (!(Number.isInteger(candidates) && candidates >= 1)) problems.push(`candidates ${candidates}: expected a whole number from 1 up`);
  if (problems.length) throw new RangeError(`invalid fusion settings: ${problems.join("; ")}`);
}

/** Passages in one answer (ANSWER_PASSAGES). */
export const DEFAULT_PASSAGES = 3;

/** The embedding model downloaded on first use when no model folder is given. */
export const DEFAULT_MODEL = "Xenova/multilingual-e5-small";

/** Bounds on reading one document file (PDF, Word, web page, e-book); a file past one is refused by name. */
export interface DocumentLimits {
  /** Largest file read, in bytes (MAX_DOCUMENT_MB). Telegram lets a bot download 20 MB; a book-length PDF is rarely more. Defaults to 50 MB. */
  maxBytes: number;
  /** Largest total of a DOCX's or EPUB's entries once inflated (MAX_INFLATED_MB): stops zip bombs. Defaults to 200 MB. */
  maxInflatedBytes: number;
  /** Most pages of one PDF (MAX_PDF_PAGES). Defaults to 3,000. */
  maxPages: number;
  /** Longest time reading one file may take, in milliseconds (DOCUMENT_READ_SECONDS). Defaults to 120 s. */
  timeoutMs: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxBytes: 50 * 2 ** 20, maxInflatedBytes: 200 * 2 ** 20, maxPages: 3000, timeoutMs: 120_000 };
