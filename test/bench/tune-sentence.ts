/**
 * `npm run bench:tune -- --sentence`: a grid over the choice of the best sentence (BEST_SENTENCE),
 * scored on XQuAD's first 24 articles only, Arabic and English questions asked keyword-only: the
 * share of questions whose gold paragraph comes first and whose best sentence holds the gold answer,
 * with the mean length set apart within 200 characters. The best setting's held-out figures are
 * printed after, for the record (they were not used to choose). With `--parts`, what each part of
 * the choice adds instead, on both halves; with `--marks`, how often the words marked as the likely
 * answer are the gold answer, by the kind the question asks for, every kind marked (markedKinds).
 */
import { answerKindOf } from "../../src/answer/answer-kinds.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import { BEST_SENTENCE, type BestSentenceSettings } from "../../src/config/tuning.js";
import { createLogger } from "../../src/log/logger.js";
import { markedAnswer, type SentenceMetrics, type SentenceRow, sentenceMetrics, setApart } from "./best-sentence.js";
import type { BenchQuestion, XquadSet } from "./xquad.js";
import { goldKey, isTuning, openXquadEngine } from "./xquad-index.js";

/** Longest mean a setting may set apart (the bound: 1.2 × today's 170 characters, rounded up). */
const MAX_MEAN_LENGTH = 200;

/** One question asked keyword-only with `settings`: whether its gold paragraph came first, what its first result sets apart and marks. */
async function askRow(engine: AnswerEngine, question: BenchQuestion, settings: BestSentenceSettings): Promise<SentenceRow> {
  const answer = await engine.ask(question.question, { limit: 1, abstain: false, retrieval: "keyword", bestSentence: settings });
  const first = answer.results[0];
  return {
    goldFirst: first !== undefined && `${first.doc.id}:${first.paragraph}` === goldKey(question),
    best: setApart(first),
    marked: markedAnswer(first),
    answer: question.answer,
  };
}

async function measure(engine: AnswerEngine, set: XquadSet, settings: BestSentenceSettings, tuning: boolean): Promise<Record<"ar" | "en", SentenceMetrics>> {
  const result = {} as Record<"ar" | "en", SentenceMetrics>;
  for (const [language, questions] of [
    ["ar", set.arabic],
    ["en", set.english],
  ] as const) {
    const rows = [];
    for (const question of questions.filter((q) => isTuning(q, set) === tuning)) rows.push(await askRow(engine, question, settings));
    result[language] = sentenceMetrics(rows);
  }
  return result;
}

const line = (m: Record<"ar" | "en", SentenceMetrics>) =>
  (["ar", "en"] as const)
    .map((l) => `${l} ${m[l].holds.toFixed(3)} (${m[l].meanLength.toFixed(0)} chars, marked ${m[l].marked.toFixed(2)}, right ${m[l].markedRight.toFixed(2)})`)
    .join("  ");

/** Each part of the choice switched off in turn, on both halves: what it adds (`--sentence --parts`). */
async function parts(engine: AnswerEngine, set: XquadSet): Promise<void> {
  const variants: [string, BestSentenceSettings][] = [
    ["in force", BEST_SENTENCE],
    ["no local specificity", { ...BEST_SENTENCE, localSpecificity: 0 }],
    ["no proximity", { ...BEST_SENTENCE, proximity: 0 }],
    ["no answer kind", { ...BEST_SENTENCE, answerKind: 0 }],
    ["no continuation joined", { ...BEST_SENTENCE, joinedLength: 0 }],
  ];
  for (const [name, settings] of variants) {
    console.log(`${name.padEnd(24)} tune ${line(await measure(engine, set, settings, true))}  held-out ${line(await measure(engine, set, settings, false))}`);
  }
}

/** With every kind marked, on each half and language, per kind: the gold-first questions, the share marked and the share of marks right (`--marks`). */
async function marks(engine: AnswerEngine, set: XquadSet): Promise<void> {
  const settings: BestSentenceSettings = { ...BEST_SENTENCE, markedKinds: ["date", "number", "name", "place"] };
  for (const tuning of [true, false]) {
    for (const [language, questions] of [
      ["ar", set.arabic],
      ["en", set.english],
    ] as const) {
      const byKind = new Map<string, SentenceRow[]>();
      for (const question of questions.filter((q) => isTuning(q, set) === tuning)) {
        const kind = answerKindOf(question.question);
        if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), await askRow(engine, question, settings)]);
      }
      const cells = [...byKind].map(([kind, rows]) => {
        const m = sentenceMetrics(rows);
        return `${kind} ${m.markedRightCount} right of ${m.markedCount} marked (${m.count} gold first)`;
      });
      console.log(`${tuning ? "tuning" : "held-out"} ${language}: ${cells.join(", ")}`);
    }
  }
}

export async function tuneSentence(args: string[]): Promise<void> {
  const { set, engine } = await openXquadEngine({ ...loadEngineSettings(), model: null }, createLogger({ level: "warn" }));
  if (args.includes("--parts")) return parts(engine, set);
  if (args.includes("--marks")) return marks(engine, set);
  const grid: BestSentenceSettings[] = [];
  for (const localSpecificity of [0, 1, 3, 5])
    for (const rootWeight of [0, 0.5])
      for (const proximity of [0, 2, 4])
        for (const answerKind of [0, 2, 4])
          for (const joinedLength of [0, 250]) grid.push({ ...BEST_SENTENCE, localSpecificity, rootWeight, proximity, answerKind, joinedLength });
  const scored = [];
  for (const settings of grid) {
    const tune = await measure(engine, set, settings, true);
    const within = tune.ar.meanLength <= MAX_MEAN_LENGTH && tune.en.meanLength <= MAX_MEAN_LENGTH;
    scored.push({ settings, tune, score: within ? (tune.ar.holds + tune.en.holds) / 2 : -1 });
  }
  scored.sort((a, b) => b.score - a.score);
  for (const { settings, tune } of scored.slice(0, 10)) console.log(`${JSON.stringify(settings)}  tune ${line(tune)}`);
  console.log(`current: ${JSON.stringify(BEST_SENTENCE)}  tune ${line(await measure(engine, set, BEST_SENTENCE, true))}`);
  const best = scored[0]!;
  console.log(`best on held-out: ${line(await measure(engine, set, best.settings, false))}`);
}
