/**
 * `npm run bench:tune`: a grid over the keyword ranking settings, scored on the Arabic questions
 * of XQuAD's first 24 articles only; the best setting's held-out figures are printed after, for
 * the record (they were not used to choose). With `--fusion [--model DIR]`, the fusion weights and
 * depth instead (tune-fusion.ts); with `--sentence`, the choice of the best sentence (tune-sentence.ts);
 * with `--sentence-ranking`, the best sentence as ranking evidence (tune-sentence-ranking.ts).
 */
import { join } from "node:path";
import { KEYWORD_SEARCH, type KeywordSearchSettings } from "../../src/config/tuning.js";
import { buildIndex } from "../../src/indexing/corpus-index.js";
import { retrievalMetrics } from "./metrics.js";
import { tuneFusion } from "./tune-fusion.js";
import { tuneSentence } from "./tune-sentence.js";
import { tuneSentenceRanking } from "./tune-sentence-ranking.js";
import { loadXquad, writeXquadCorpus } from "./xquad.js";
import { BENCH_DIR, goldKey, isTuning } from "./xquad-index.js";

/** The keyword ranking grid (the default mode). */
async function tuneKeyword(): Promise<void> {
  const set = await loadXquad();
  const corpusDir = join(BENCH_DIR, "corpus");
  await writeXquadCorpus(set, corpusDir);
  // The ranking alone is tuned, so the index is built in memory with the real code and searched directly.
  const index = await buildIndex(corpusDir);
  const questions = set.arabic;

  function score(settings: KeywordSearchSettings, tuning: boolean) {
    const keyword = index.keyword.withSettings(settings);
    const rows = questions
      .filter((q) => isTuning(q, set) === tuning)
      .map((q) => {
        const ranked = [...new Set(keyword.query(q.question, 30).map((h) => `${index.passages[h.position]!.docId}:${index.passages[h.position]!.paragraph}`))];
        return { ranked, gold: goldKey(q) };
      });
    return retrievalMetrics(rows);
  }

  const grid: KeywordSearchSettings[] = [];
  for (const broadStem of [0.3, 0.5, 1])
    for (const root of [0, 0.3, 0.5, 0.7])
      for (const phrase of [0, 0.3, 0.5])
        for (const k of [1.2, 2]) for (const b of [0.5, 0.75]) grid.push({ ...KEYWORD_SEARCH, bm25: { k, b, d: 0.5 }, weights: { broadStem, root, phrase } });

  const scored = grid.map((settings) => ({ settings, tune: score(settings, true) })).sort((a, b) => b.tune.mrr10 - a.tune.mrr10);
  for (const { settings, tune } of scored.slice(0, 8)) {
    console.log(
      `broad=${settings.weights.broadStem} root=${settings.weights.root} phrase=${settings.weights.phrase} k=${settings.bm25.k} b=${settings.bm25.b}  ` +
        `tune R@1 ${tune.r1.toFixed(3)} R@5 ${tune.r5.toFixed(3)} MRR@10 ${tune.mrr10.toFixed(3)}`,
    );
  }
  const best = scored[0]!;
  const current = score(KEYWORD_SEARCH, true);
  console.log(
    `current defaults: tune R@1 ${current.r1.toFixed(3)} MRR@10 ${current.mrr10.toFixed(3)}; ` +
      `best: ${JSON.stringify({ ...best.settings.bm25, ...best.settings.weights })}`,
  );
  const held = score(best.settings, false);
  console.log(`best on held-out: R@1 ${held.r1.toFixed(3)} R@5 ${held.r5.toFixed(3)} MRR@10 ${held.mrr10.toFixed(3)}`);
}

const args = process.argv.slice(2);
if (args.includes("--fusion")) process.exitCode = await tuneFusion(args);
else if (args.includes("--sentence-ranking")) await tuneSentenceRanking();
else if (args.includes("--sentence")) await tuneSentence(args);
else await tuneKeyword();
