/**
 * Self-calibration of the confidence stage per corpus and model: the off-topic probe questions of
 * probes.json are searched in the corpus, and the best evidence each gets from each retriever is
 * what "unrelated" looks like here. Stored beside the index (calibration.json), keyed by the
 * passage list's hash and the model id, so it is rebuilt with the index and never used for
 * another model, whose cosine scale differs.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BRIDGE, EVIDENCE, KEYWORD_SEARCH, type SpecificityScale } from "../config/tuning.js";
import { writeAtomic } from "../indexing/atomic-write.js";
import type { Logger } from "../log/logger.js";
import type { ProbeScores } from "../search/confidence.js";
import type { SearchPipeline } from "../search/pipeline.js";
import { KEYWORD_EVIDENCE_VERSION } from "../search/retrievers/keyword.js";
import { analyzeQuery } from "../text/analyzer.js";
import { generalFrequencyHash } from "../text/general-frequency.js";
import { detectLanguage } from "../text/language.js";

export const CALIBRATION_FILE = "calibration.json";

/** The built-in off-topic probe questions, in Arabic and English. */
export const PROBE_QUESTIONS: readonly string[] = (JSON.parse(readFileSync(new URL("./probes.json", import.meta.url), "utf8")) as { questions: string[] })
  .questions;

/** What calibration.json holds. */
export interface Calibration {
  format: 1;
  /** The index version the scores belong to (manifest.passagesHash). */
  passagesHash: string;
  /** The embedding model they were scored with, or null for keyword-only search. */
  modelId: string | null;
  /** Identifies the probe set and how keyword evidence is scored (see probesHash), so changing either recalibrates. */
  probesHash: string;
  /** Per retriever, the best evidence of each probe, ascending. */
  scores: Record<string, number[]>;
}

/**
 * Identifies what the probes' scores depend on besides the index and the model: the probe set,
 * the keyword evidence rule (its version, for changes of code) and every tuned value it reads
 * (config/tuning.ts: a value changed in the table recalibrates by itself), its specificity scale
 * and the general word list.
 */
export function probesHash(specificity: SpecificityScale, evidenceVersion = KEYWORD_EVIDENCE_VERSION): string {
  const scoring = {
    probes: PROBE_QUESTIONS,
    evidence: evidenceVersion,
    tuning: { EVIDENCE, KEYWORD_SEARCH, BRIDGE },
    specificity: [specificity.common, specificity.specific],
    words: generalFrequencyHash(),
  };
  return createHash("sha256").update(JSON.stringify(scoring)).digest("hex").slice(0, 16);
}

/** Scores the probes with `pipeline` (every retriever it can run, nothing held back). */
export async function scoreProbes(pipeline: SearchPipeline, questions: readonly string[] = PROBE_QUESTIONS): Promise<ProbeScores> {
  const scores: Record<string, number[]> = Object.fromEntries(pipeline.retrievers.map((r) => [r.name, []]));
  for (const text of questions) {
    const { lists } = await pipeline.search({ text, language: detectLanguage(text), terms: analyzeQuery(text) }, { abstain: false });
    for (const list of lists) scores[list.retriever]!.push(list.hits.reduce((best, hit) => Math.max(best, hit.evidence), 0));
  }
  for (const values of Object.values(scores)) values.sort((a, b) => a - b);
  return scores;
}

/** The stored calibration in `indexDir` when it belongs to this index version, model and `probesHash`; undefined otherwise. */
export async function readCalibration(indexDir: string, passagesHash: string, modelId: string | null, probesHash: string): Promise<Calibration | undefined> {
  let stored: Calibration;
  try {
    stored = JSON.parse(await readFile(join(indexDir, CALIBRATION_FILE), "utf8")) as Calibration;
  } catch {
    return undefined; // missing or damaged: scored again
  }
  const current = stored?.format === 1 && stored.passagesHash === passagesHash && stored.modelId === modelId && stored.probesHash === probesHash;
  return current && stored.scores && typeof stored.scores === "object" ? stored : undefined;
}

/**
 * The probes' scores for this index version, model and scoring (`probesHash`): read from
 * calibration.json when it is theirs, else scored and stored (a folder that cannot be written only costs scoring again).
 */
export async function openCalibration(
  indexDir: string,
  passagesHash: string,
  modelId: string | null,
  probesHash: string,
  pipeline: SearchPipeline,
  rebuild: boolean,
  log: Logger,
): Promise<ProbeScores> {
  const stored = rebuild ? undefined : await readCalibration(indexDir, passagesHash, modelId, probesHash);
  if (stored) return stored.scores;
  const scores = await scoreProbes(pipeline);
  const calibration: Calibration = { format: 1, passagesHash, modelId, probesHash, scores: { ...scores } as Record<string, number[]> };
  try {
    await writeAtomic(join(indexDir, CALIBRATION_FILE), `${JSON.stringify(calibration)}\n`);
  } catch (error) {
    log.warn(`could not store the confidence calibration in ${indexDir}: ${(error as Error).message}`);
  }
  return scores;
}
