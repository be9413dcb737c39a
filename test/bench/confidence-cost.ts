/**
 * `npm run bench:confidence -- --cost` measures this: the confidence stage's own time per question
 * (the pipeline times each stage by name), keyword-only, on XQuAD's Arabic questions asked five
 * times over, so the figure can be set beside the abstention stage it replaced.
 */
import type { AnswerEngine } from "../../src/answer/engine.js";
import type { StageTimings } from "../../src/search/pipeline.js";
import { percentile } from "./metrics.js";

/** Median and 90th percentile, in milliseconds, of `stage`'s time per question and of the whole question. */
export async function stageCost(engine: AnswerEngine, questions: string[], stage: string, rounds = 5) {
  const stageTimes: number[] = [];
  const totals: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const timings: StageTimings = {};
      const started = performance.now();
      await engine.ask(question, { retrieval: "keyword", timings });
      if (round === 0) continue; // the first round warms the JIT
      totals.push(performance.now() - started);
      stageTimes.push(timings[stage] ?? 0);
    }
  }
  return { p50: percentile(stageTimes, 0.5), p90: percentile(stageTimes, 0.9), totalP50: percentile(totals, 0.5) };
}
