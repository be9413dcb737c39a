/**
 * `npm run eval`: the seed question set (test/fixtures/seed-questions.json) over the seed corpus:
 * hit@1 and hit@3 per language and search mode, and how often off-topic and in-corpus questions
 * are refused. Uses the same settings as `npm run ask` (EMBEDDING_MODEL_DIR for a model folder).
 */
import { pathToFileURL } from "node:url";
import type { AnswerEngine } from "../answer/engine.js";
import { openEngine } from "../answer/open-engine.js";
import { loadEngineSettings } from "../config/settings.js";
import { createLogger } from "../log/logger.js";
import { fixed, markdownTable } from "./report.js";
import { evaluateSeedQuestions, loadSeedQuestions, type SeedEvaluation } from "./seed-questions.js";

export interface ModeEvaluation extends SeedEvaluation {
  mode: string;
}

/** Every language in every mode the engine can run. */
export async function evaluateSeedSet(engine: AnswerEngine, modes: ("keyword" | "hybrid")[]): Promise<ModeEvaluation[]> {
  const questions = await loadSeedQuestions();
  const rows: ModeEvaluation[] = [];
  for (const mode of modes) {
    for (const language of ["ar", "en"] as const) rows.push({ mode, ...(await evaluateSeedQuestions(engine, questions, language, mode)) });
  }
  return rows;
}

export function seedTable(rows: ModeEvaluation[]): string {
  return markdownTable(
    ["mode", "language", "questions", "hit@1", "hit@3", "in-corpus refused", "off-topic refused"],
    rows.map((r) => [r.mode, r.language, `${r.questions} + ${r.offTopicQuestions} off-topic`, fixed(r.hit1, 2), fixed(r.hit3, 2), fixed(r.wronglyRefused, 2), fixed(r.offTopicRefused, 2)]),
  );
}

async function main(): Promise<void> {
  const settings = loadEngineSettings();
  const engine = await openEngine(settings, { log: createLogger({ level: "warn" }) });
  const modes: ("keyword" | "hybrid")[] = engine.mode === "hybrid" ? ["keyword", "hybrid"] : ["keyword"];
  console.log(seedTable(await evaluateSeedSet(engine, modes)));
  if (engine.mode === "hybrid") console.log(`\nhybrid rows use ${engine.status().modelId}: meaningless if that is the random-weight copy.`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main();
