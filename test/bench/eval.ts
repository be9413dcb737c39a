/**
 * `npm run eval`: the seed question set (test/fixtures/seed-questions.json) over the seed corpus:
 * hit@1 and hit@3 per language and search mode, how often off-topic and in-corpus questions
 * are refused, and the confidence tiers each kind gets (answer / closest / none). Uses the same
 * settings as `npm run ask` (EMBEDDING_MODEL_DIR for a model folder).
 */
import { pathToFileURL } from "node:url";
import type { Answer } from "../../src/answer/answer.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import type { ConfidenceTier } from "../../src/search/confidence.js";
import { fixed, markdownTable } from "./report.js";
import { evaluateSeedQuestions, loadSeedQuestions, type SeedEvaluation } from "./seed-questions.js";

export interface ModeEvaluation extends SeedEvaluation {
  mode: string;
  /** Shares of the tiers in-corpus and off-topic questions get. */
  tiers: { inCorpus: Record<ConfidenceTier, number>; offTopic: Record<ConfidenceTier, number> };
}

/** The share of each confidence tier among `answers`. */
function tierShares(answers: Answer[]): Record<ConfidenceTier, number> {
  const share = (tier: ConfidenceTier) => answers.filter((a) => a.confidence === tier).length / (answers.length || 1);
  return { answer: share("answer"), closest: share("closest"), none: share("none") };
}

/** Every language in every mode the engine can run. */
export async function evaluateSeedSet(engine: AnswerEngine, modes: ("keyword" | "hybrid")[]): Promise<ModeEvaluation[]> {
  const questions = await loadSeedQuestions();
  const rows: ModeEvaluation[] = [];
  for (const mode of modes) {
    for (const language of ["ar", "en"] as const) {
      const mine = questions.filter((q) => q.language === language);
      const ask = (offTopic: boolean) =>
        engine.askMany(
          mine.filter((q) => !!q.offTopic === offTopic).map((q) => q.question),
          { limit: 3, retrieval: mode },
        );
      const tiers = { inCorpus: tierShares(await ask(false)), offTopic: tierShares(await ask(true)) };
      rows.push({ mode, ...(await evaluateSeedQuestions(engine, questions, language, mode)), tiers });
    }
  }
  return rows;
}

const tierCell = (t: Record<ConfidenceTier, number>) => `${fixed(t.answer, 2)} / ${fixed(t.closest, 2)} / ${fixed(t.none, 2)}`;

export function seedTable(rows: ModeEvaluation[]): string {
  return markdownTable(
    [
      "mode",
      "language",
      "questions",
      "hit@1",
      "hit@3",
      "in-corpus refused",
      "off-topic refused",
      "in-corpus answer / closest / none",
      "off-topic answer / closest / none",
    ],
    rows.map((r) => [
      r.mode,
      r.language,
      `${r.questions} + ${r.offTopicQuestions} off-topic`,
      fixed(r.hit1, 2),
      fixed(r.hit3, 2),
      fixed(r.wronglyRefused, 2),
      fixed(r.offTopicRefused, 2),
      tierCell(r.tiers.inCorpus),
      tierCell(r.tiers.offTopic),
    ]),
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
