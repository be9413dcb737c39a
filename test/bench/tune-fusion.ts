/**
 * `npm run bench:tune -- --fusion [--model DIR]`: a grid over the fusion weights (keyword, bridge,
 * dense) and depth, through the engine's hybrid retrieval with abstention off, scored on XQuAD's
 * tuning half (articles 0–23), Arabic and English questions; the chosen setting's held-out figures
 * are printed after, for the record (they were not used to choose). Each question is embedded once
 * and its vector reused for every setting.
 */
import type { AnswerEngine } from "../../src/answer/engine.js";
import { DEFAULT_FUSION, type FusionSettings } from "../../src/config/defaults.js";
import { loadEngineSettings, readEnvironment } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import { type RetrievalMetrics, retrievalMetrics } from "./metrics.js";
import { findModelDir } from "./model-dir.js";
import { fixed, modelHasMeaning } from "./report.js";
import type { BenchQuestion } from "./xquad.js";
import { goldKey, isTuning, openXquadEngine } from "./xquad-index.js";

/** Paragraphs ranked per question: MRR@10 looks no deeper. */
const DEPTH = 10;

/** The values each axis of the grid takes. */
export interface FusionAxes {
  keyword: number[];
  bridge: number[];
  dense: number[];
  candidates: number[];
}

/**
 * The weights, at the default depth. Only the weights' ratios change an RRF ranking, so the
 * keyword weight stays 1 while the others move; EXTRA_WEIGHTS adds the ranking without it.
 */
export const WEIGHT_AXES: FusionAxes = { keyword: [1], bridge: [1, 0.5, 2, 0], dense: [1, 0.5, 2, 0], candidates: [DEFAULT_FUSION.candidates] };

/** Settings off the axes: the keyword list's say taken away. */
export const EXTRA_WEIGHTS: FusionSettings["weights"][] = [{ keyword: 0, bridge: 1, dense: 1 }];

/** The depths tried, for the best weights of the first round and for the default weights. */
export const DEPTHS = [10, 20, 50, 100];

/** The weights scaled so the largest is 1, as a key: settings with the same key rank alike. */
function ratioKey({ keyword, bridge, dense }: FusionSettings["weights"]): string {
  const top = Math.max(keyword, bridge, dense);
  return [keyword, bridge, dense].map((w) => +(w / top).toFixed(6)).join("/");
}

/**
 * Every combination of the axes' values, less those whose weights are all 0 or a multiple of
 * weights already in the grid (they would rank exactly alike), in the axes' order.
 */
export function fusionGrid(axes: FusionAxes, extra: FusionSettings[] = []): FusionSettings[] {
  const all: FusionSettings[] = [];
  for (const candidates of axes.candidates)
    for (const keyword of axes.keyword)
      for (const bridge of axes.bridge) for (const dense of axes.dense) all.push({ weights: { keyword, bridge, dense }, candidates });
  return distinctFusions([...all, ...extra]);
}

/** `settings` less those whose weights are all 0 or rank exactly like an earlier one's, in order. */
export function distinctFusions(settings: FusionSettings[]): FusionSettings[] {
  const seen = new Set<string>();
  return settings.filter(({ weights, candidates }) => {
    const key = `${ratioKey(weights)}@${candidates}`;
    if (weights.keyword + weights.bridge + weights.dense === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The second round: each depth for the first round's best weights and for the default weights, less settings already scored. */
export function depthGrid(best: FusionSettings["weights"], scored: FusionSettings[], depths: number[] = DEPTHS): FusionSettings[] {
  const round = depths.flatMap((candidates) => [best, DEFAULT_FUSION.weights].map((weights) => ({ weights, candidates })));
  return distinctFusions([...scored, ...round]).slice(distinctFusions(scored).length);
}

/** A setting's figures on Arabic and English questions. */
export interface ScoredFusion {
  fusion: FusionSettings;
  ar: RetrievalMetrics;
  en: RetrievalMetrics;
}

/** What a setting is judged by: the mean of its Arabic and English MRR@10. */
export function fusionScore({ ar, en }: ScoredFusion): number {
  return (ar.mrr10 + en.mrr10) / 2;
}

/** Whether two settings rank alike (same weight ratios and depth). */
function sameFusion(a: FusionSettings, b: FusionSettings): boolean {
  return a.candidates === b.candidates && ratioKey(a.weights) === ratioKey(b.weights);
}

/**
 * The settings best first by fusionScore; on a tie the defaults come first, so a grid that
 * cannot tell settings apart keeps them.
 */
export function rankFusions(scored: ScoredFusion[], defaults: FusionSettings = DEFAULT_FUSION): ScoredFusion[] {
  const isDefault = (s: ScoredFusion) => (sameFusion(s.fusion, defaults) ? 1 : 0);
  return [...scored].sort((a, b) => fusionScore(b) - fusionScore(a) || isDefault(b) - isDefault(a));
}

/** "k 1 · b 0.5 · d 2 · depth 50" */
export function describeFusion({ weights, candidates }: FusionSettings): string {
  return `k ${weights.keyword} · b ${weights.bridge} · d ${weights.dense} · depth ${candidates}`;
}

/** A question with its gold and its embedding, computed once. */
interface TuningQuestion {
  question: string;
  gold: string;
  vector: Float32Array | undefined;
}

async function embedAll(engine: AnswerEngine, questions: BenchQuestion[]): Promise<TuningQuestion[]> {
  const embedded: TuningQuestion[] = [];
  // Asked in batches, questions share model calls (the engine's query batcher).
  for (let i = 0; i < questions.length; i += 32) {
    const batch = questions.slice(i, i + 32);
    const vectors = await Promise.all(batch.map((q) => engine.embedQuestion(q.question)));
    for (const [j, q] of batch.entries()) embedded.push({ question: q.question, gold: goldKey(q), vector: vectors[j] });
  }
  return embedded;
}

/** One half's questions, by language. */
interface Half {
  ar: TuningQuestion[];
  en: TuningQuestion[];
}

async function measure(engine: AnswerEngine, questions: TuningQuestion[], fusion: FusionSettings): Promise<RetrievalMetrics> {
  const rows: { ranked: string[]; gold: string }[] = [];
  for (const { question, gold, vector } of questions) {
    // As bench:retrieval ranks: a few passages more than paragraphs needed, as `ask` answers them.
    const answer = await engine.ask(question, { limit: DEPTH + 5, abstain: false, retrieval: "hybrid", fusion, vector });
    rows.push({ ranked: [...new Set(answer.results.map((r) => `${r.doc.id}:${r.paragraph}`))].slice(0, DEPTH), gold });
  }
  return retrievalMetrics(rows);
}

async function scoreFusion(engine: AnswerEngine, half: Half, fusion: FusionSettings): Promise<ScoredFusion> {
  return { fusion, ar: await measure(engine, half.ar, fusion), en: await measure(engine, half.en, fusion) };
}

const figures = (m: RetrievalMetrics) => `MRR@10 ${fixed(m.mrr10)} R@1 ${fixed(m.r1)} R@5 ${fixed(m.r5)}`;
const line = (s: ScoredFusion) => `${describeFusion(s.fusion).padEnd(36)} ar ${figures(s.ar)} | en ${figures(s.en)} | mean MRR@10 ${fixed(fusionScore(s))}`;

/** Runs the tuning; returns the exit code. `args`: the command line after the script name. */
export async function tuneFusion(args: string[]): Promise<number> {
  const modelFlag = args.indexOf("--model");
  const explicit = modelFlag >= 0 ? args[modelFlag + 1] : undefined;
  if (modelFlag >= 0 && (!explicit || explicit.startsWith("--"))) {
    console.error("--model needs a folder: npm run bench:tune -- --fusion --model DIR");
    return 1;
  }
  const env = readEnvironment();
  const modelDir = findModelDir(explicit, env);
  if (!modelDir) {
    const given = explicit ?? env.EMBEDDING_MODEL_DIR;
    console.error(
      `bench:tune --fusion needs an embedding model folder (onnx/model_quantized.onnx)${given ? ` and ${given} has none` : ""}: ` +
        "pass --model DIR or set EMBEDDING_MODEL_DIR.",
    );
    return 1;
  }
  const settings = loadEngineSettings({ ...env, EMBEDDINGS: "on", EMBEDDING_MODEL_DIR: modelDir });
  const meaningful = await modelHasMeaning(settings.model!);
  const started = performance.now();
  const { set, engine } = await openXquadEngine(settings, createLogger({ level: "warn" }));
  if (engine.status().mode !== "hybrid") {
    console.error(`bench:tune --fusion could not load the model in ${modelDir}: ${engine.status().modelProblem}`);
    return 1;
  }
  const half = async (tuning: boolean): Promise<Half> => {
    const mine = (questions: BenchQuestion[]) => questions.filter((q) => isTuning(q, set) === tuning);
    return { ar: await embedAll(engine, mine(set.arabic)), en: await embedAll(engine, mine(set.english)) };
  };
  const tuning = await half(true);
  console.log(
    `model ${engine.status().modelId}; index and ${tuning.ar.length + tuning.en.length} tuning questions ` +
      `embedded in ${fixed((performance.now() - started) / 1000, 1)} s`,
  );
  if (!meaningful) console.log("random-weight model: these figures check the plumbing of fusion, not its quality; keep the defaults.");

  // Two rounds keep the run short: the weights at the default depth, then the depths for the best weights and the defaults.
  const scored: ScoredFusion[] = [];
  const extra = EXTRA_WEIGHTS.map((weights) => ({ weights, candidates: DEFAULT_FUSION.candidates }));
  const roundStarted = performance.now();
  // The defaults first, so they are scored whatever the axes hold, and reported below.
  for (const fusion of distinctFusions([DEFAULT_FUSION, ...fusionGrid(WEIGHT_AXES, extra)])) scored.push(await scoreFusion(engine, tuning, fusion));
  console.log(`round 1: ${scored.length} weight settings at depth ${DEFAULT_FUSION.candidates} in ${fixed((performance.now() - roundStarted) / 1000, 1)} s`);
  const bestWeights = rankFusions(scored)[0]!.fusion.weights;
  const secondRound = depthGrid(
    bestWeights,
    scored.map((s) => s.fusion),
  );
  for (const fusion of secondRound) scored.push(await scoreFusion(engine, tuning, fusion));
  const ranked = rankFusions(scored);
  console.log(`\n${scored.length} settings on the tuning half (articles 0–${set.articles / 2 - 1}), hybrid, abstention off; best first:`);
  for (const s of ranked.slice(0, 10)) console.log(line(s));
  const defaults = ranked.find((s) => sameFusion(s.fusion, DEFAULT_FUSION))!;
  console.log(`defaults (#${ranked.indexOf(defaults) + 1} of ${ranked.length}): ${line(defaults)}`);
  console.log(`worst: ${line(ranked.at(-1)!)}`);

  const chosen = ranked[0]!;
  const heldOut = await half(false);
  console.log(`\nheld-out half (articles ${set.articles / 2}–${set.articles - 1}), for the record:`);
  console.log(`chosen:   ${line(await scoreFusion(engine, heldOut, chosen.fusion))}`);
  if (!sameFusion(chosen.fusion, DEFAULT_FUSION)) console.log(`defaults: ${line(await scoreFusion(engine, heldOut, DEFAULT_FUSION))}`);
  console.log(`total ${fixed((performance.now() - started) / 1000, 1)} s`);
  return 0;
}
