/**
 * `npm run bench:perf`: speed and footprint with a full-size multilingual-e5-small folder
 * (EMBEDDING_MODEL_DIR; else .cache/models, where `npm start` downloads it; else the random-weight
 * copy in ../shared/models/e5-small-random-q8, with the real model's cost) and the committed seed index.
 * Cold start, answer latency split by stage against the bare transformers.js pipeline, resident
 * memory over 10,000 questions, index build rate, and search time at 1k/10k/100k passages.
 * Writes docs/performance.md and docs/performance.svg.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { env, pipeline } from "@xenova/transformers";
import { openEngine } from "../../src/answer/open-engine.js";
import { DEFAULT_MODEL, loadEngineSettings, PROJECT_ROOT, readEnvironment } from "../../src/config/settings.js";
import { KEYWORD_SEARCH } from "../../src/config/tuning.js";
import { createLogger } from "../../src/log/logger.js";
import { reciprocalRankFusion } from "../../src/search/fusion.js";
import { KeywordIndex } from "../../src/search/keyword-index.js";
import type { StageTimings } from "../../src/search/pipeline.js";
import { VectorIndex } from "../../src/search/vector-index.js";
import { splitSentences } from "../../src/text/sentences.js";
import { percentile } from "./metrics.js";
import { findModelDir, hasModelFile, MODEL_DIR_CANDIDATES } from "./model-dir.js";
import { renderAnswerPage } from "./render.js";
import { fixed, logLogChartSvg, machineDescription, markdownTable } from "./report.js";
import { loadSeedQuestions } from "./seed-questions.js";
import { loadXquad } from "./xquad.js";
import { BENCH_DIR, openXquadEngine } from "./xquad-index.js";

/** The model folder; when none holds a model, the one named in the message that says so. */
const MODEL_DIR = findModelDir(undefined) ?? resolve(process.env.EMBEDDING_MODEL_DIR ?? MODEL_DIR_CANDIDATES[0]!);
/** `npm start`'s command (package.json), with the benchmark's process in place of the bot. */
async function startCommand(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const words = scripts.start.split(/\s+/);
  return [...words.slice(0, -1), join(PROJECT_ROOT, "test/bench/perf-process.ts")];
}
const log = createLogger({ level: "warn" });
const ms = (v: number) => fixed(v, 2);

interface ProcessEvent {
  event: string;
  sinceStartMs: number;
  rssMb: number;
  rssAfterGcMb?: number;
  heapAfterGcMb?: number;
  wallMs: number;
  count?: number;
}

/** Runs perf-process.ts as `npm start` would run the bot, and collects its events, timed from the spawn. */
async function runProcess(extraEnv: Record<string, string> = {}, extraNodeFlags: string[] = []): Promise<ProcessEvent[]> {
  const [command, ...args] = await startCommand();
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command!, [...extraNodeFlags, ...args], { env: { ...process.env, EMBEDDING_MODEL_DIR: MODEL_DIR, EMBEDDINGS: "on", ...extraEnv } });
    const events: ProcessEvent[] = [];
    let buffer = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      for (newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
        events.push({ ...(JSON.parse(buffer.slice(0, newline)) as ProcessEvent), wallMs: performance.now() - started });
        buffer = buffer.slice(newline + 1);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolvePromise(events) : reject(new Error(`perf process failed: ${errors}`))));
  });
}

function stats(values: number[]) {
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99) };
}

/** Deterministic pseudo-random numbers (a run is repeatable). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

async function main(): Promise<void> {
  if (!hasModelFile(MODEL_DIR)) {
    console.error(
      `bench:perf needs a full-size model folder and found none${process.env.EMBEDDING_MODEL_DIR ? ` at ${MODEL_DIR}` : ""}: ` +
        `run \`npm start\` once with internet (it downloads ${DEFAULT_MODEL} into .cache/models) ` +
        `or set EMBEDDING_MODEL_DIR to a copy of it (README, "The embedding model").`,
    );
    process.exitCode = 1;
    return;
  }
  // The bot's own settings (environment and .env), with the model folder measured here.
  const settings = loadEngineSettings({ ...readEnvironment(), EMBEDDINGS: "on", EMBEDDING_MODEL_DIR: MODEL_DIR });
  const sections: string[] = [];

  // 1. Cold start, with the committed index. The first run after a clone also embeds the corpus.
  const first = await runProcess();
  const runs = [await runProcess(), await runProcess(), await runProcess()];
  const ready = runs.map((r) => r.find((e) => e.event === "ready")!);
  const answered = runs.map((r) => r.find((e) => e.event === "first-answer")!);
  const readyWall = percentile(
    ready.map((e) => e.wallMs),
    0.5,
  );
  const firstAnswerWall = percentile(
    answered.map((e) => e.wallMs),
    0.5,
  );
  console.log(`cold start: ready ${ms(readyWall)} ms, first answer ${ms(firstAnswerWall)} ms (median of 3; spawn to event)`);
  sections.push(`## Cold start

From spawning \`npm start\`'s command (\`${(await startCommand()).slice(0, -1).join(" ")} …\`) to ready to answer, and to the first answer, with the
committed seed index; median of 3 runs. The first run on a machine also embeds the corpus
(vectors are per model and not committed): that run was ready after ${ms(first.find((e) => e.event === "ready")!.wallMs)} ms.

${markdownTable(
  ["", "ms"],
  [
    ["ready to answer", ms(readyWall)],
    ["first answer", ms(firstAnswerWall)],
    [
      "of which inside the process (after Node and tsx start)",
      ms(
        percentile(
          ready.map((e) => e.sinceStartMs),
          0.5,
        ),
      ),
    ],
  ],
)}`);

  // 2. Memory: after load, and over 10,000 questions.
  const set = await loadXquad();
  const seedQuestions = (await loadSeedQuestions()).map((q) => q.question);
  const questions = [...set.arabic.map((q) => q.question), ...set.english.map((q) => q.question), ...seedQuestions];
  await mkdir(BENCH_DIR, { recursive: true });
  const questionsFile = join(BENCH_DIR, "questions.txt");
  await writeFile(questionsFile, questions.join("\n"));
  const memoryRun = await runProcess({ QUESTIONS_FILE: questionsFile, QUESTION_COUNT: "10000" });
  const collectedRun = await runProcess({ QUESTIONS_FILE: questionsFile, QUESTION_COUNT: "10000" }, ["--expose-gc"]);
  const loaded = memoryRun.find((e) => e.event === "first-answer")!;
  const checkpoints = memoryRun.filter((e) => e.event === "answered");
  const collected = collectedRun.filter((e) => e.event === "answered" || e.event === "first-answer");
  const peak = Math.max(...memoryRun.map((e) => e.rssMb));
  console.log(
    `memory: ${fixed(loaded.rssMb, 0)} MB after load, peak ${fixed(peak, 0)} MB over 10,000 questions; ` +
      `after GC ${fixed(collected[0]!.rssAfterGcMb!, 0)} → ${fixed(collected.at(-1)!.rssAfterGcMb!, 0)} MB`,
  );
  sections.push(`## Resident memory

One process with the model loaded and the seed index, answering ${questions.length.toLocaleString("en")} distinct questions
(XQuAD Arabic and English, the seed set) in a loop, 10,000 in all, started as \`npm start\` starts
the bot (with V8's \`--optimize-for-size\`, which collects garbage sooner). First: RSS
(resident set) as the operating system sees it, garbage not yet collected included. Then a second
process started with \`--expose-gc\` reports, at the same points, RSS and live JavaScript heap
right after a full collection: what the process really holds. Growth there would be a leak.

${markdownTable(
  ["after", "RSS MB", "RSS after full GC MB", "JS heap after full GC MB"],
  [loaded, ...checkpoints].map((e, i) => {
    const twin = collected[i];
    return [
      e.event === "first-answer" ? "load and first answer" : `${e.count!.toLocaleString("en")} questions`,
      fixed(e.rssMb, 0),
      fixed(twin?.rssAfterGcMb ?? NaN, 0),
      fixed(twin?.heapAfterGcMb ?? NaN, 0),
    ];
  }),
)}

Peak RSS over the run: ${fixed(peak, 0)} MB.`);

  // 3. Latency in process, by stage, against the bare pipeline.
  const engine = await openEngine(settings, { log });
  const totals: number[] = [];
  const stages: Record<string, number[]> = Object.fromEntries(engine.stages.map((stage) => [stage, []]));
  for (const question of questions.slice(0, 50)) await engine.ask(question); // warm-up
  for (const question of questions) {
    const timings: StageTimings = {};
    const started = performance.now();
    const answer = await engine.ask(question, { timings });
    const rendered = performance.now();
    renderAnswerPage(answer, { offset: 0, pageSize: 3, version: "bench" });
    timings.formatting = (timings.formatting ?? 0) + performance.now() - rendered;
    totals.push(performance.now() - started);
    for (const stage of engine.stages) stages[stage]!.push(timings[stage] ?? 0);
  }
  // Eight askers at once (chats answered concurrently): questions share model calls.
  const concurrentStarted = performance.now();
  let nextQuestion = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (nextQuestion < questions.length) await engine.ask(questions[nextQuestion++]!);
    }),
  );
  const concurrentPerQuestion = (performance.now() - concurrentStarted) / questions.length;
  const sequentialPerQuestion = totals.reduce((a, b) => a + b, 0) / totals.length;
  env.localModelPath = `${resolve(MODEL_DIR, "..")}/`;
  env.allowRemoteModels = false;
  const bare = await pipeline("feature-extraction", MODEL_DIR.split("/").at(-1)!, { quantized: true });
  for (const question of questions.slice(0, 50)) await bare(`query: ${question}`, { pooling: "mean", normalize: true });
  const floor: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await bare(`query: ${question}`, { pooling: "mean", normalize: true });
    floor.push(performance.now() - started);
  }
  const ours = stats(totals);
  const bareStats = stats(floor);
  console.log(
    `latency: ours p50 ${ms(ours.p50)} p95 ${ms(ours.p95)} p99 ${ms(ours.p99)}; ` +
      `bare pipeline p50 ${ms(bareStats.p50)}; ratio ${fixed(ours.p50 / bareStats.p50, 2)}`,
  );
  sections.push(`## Answer latency

${questions.length.toLocaleString("en")} questions (XQuAD Arabic and English, the seed set), one at a time, in process, hybrid
search over the seed index, including the Telegram formatting of the answer. The floor is the bare
transformers.js \`pipeline("feature-extraction")\` embedding the same questions (with the same
"query: " prefix, mean pooling, normalization).

${markdownTable(
  ["", "p50 ms", "p95 ms", "p99 ms"],
  [
    ["answer (all stages)", ms(ours.p50), ms(ours.p95), ms(ours.p99)],
    ...engine.stages.map((stage) => {
      const s = stats(stages[stage]!);
      return [`- ${stage}`, ms(s.p50), ms(s.p95), ms(s.p99)];
    }),
    ["bare pipeline embedding (floor)", ms(bareStats.p50), ms(bareStats.p95), ms(bareStats.p99)],
  ],
)}

Answer p50 / floor p50: **${fixed(ours.p50 / bareStats.p50, 2)}** (target: at most 1.2 × floor + 1 ms = ${ms(1.2 * bareStats.p50 + 1)} ms).

Throughput with 8 askers at once (as the bot serves several chats): ${ms(concurrentPerQuestion)} ms of wall time per
question, against ${ms(sequentialPerQuestion)} ms one at a time: concurrent questions share model calls.`);

  // 4. Index build rate: the XQuAD corpus with the model, vectors included.
  await rm(`${BENCH_DIR}/index`, { recursive: true, force: true });
  const build = await openXquadEngine(settings, log);
  const passages = build.engine.status().passages;
  console.log(`build: ${passages} passages in ${ms(build.buildMs)} ms`);
  sections.push(`## Index build

The XQuAD corpus (240 paragraphs, ${passages} passages), cleaning, chunking (token budget checked with the
tokenizer), keyword index and passage vectors, model load included: ${fixed(build.buildMs / 1000, 2)} s,
${fixed(passages / (build.buildMs / 1000), 1)} passages per second.`);

  // 5. Search cost against corpus size.
  const pool = [...set.paragraphs.map((p) => p.text), ...set.englishParagraphs];
  const sentences = pool.flatMap((text) => splitSentences(text).map((s) => text.slice(s.start, s.end)));
  const queryTexts = set.arabic.slice(0, 300).map((q) => q.question);
  const sizes = [1_000, 10_000, 100_000];
  const scaling: { size: number; keyword: ReturnType<typeof stats>; dense: ReturnType<typeof stats>; both: ReturnType<typeof stats>; agreement: number }[] = [];
  for (const size of sizes) {
    const next = random(size);
    const docs = Array.from({ length: size }, (_, id) => {
      const count = 2 + Math.floor(next() * 3);
      return { id, text: Array.from({ length: count }, () => sentences[Math.floor(next() * sentences.length)]!).join(" "), section: "", title: "" };
    });
    const keyword = KeywordIndex.build(docs);
    const dims = 384;
    const vectors = new Float32Array(size * dims);
    for (let i = 0; i < vectors.length; i++) vectors[i] = next() - 0.5;
    for (let row = 0; row < size; row++) {
      const v = vectors.subarray(row * dims, (row + 1) * dims);
      const norm = Math.hypot(...v);
      for (let d = 0; d < dims; d++) v[d]! /= norm;
    }
    const dense = new VectorIndex(vectors, dims);
    const queryVectors = queryTexts.map((_, i) => vectors.slice((i % size) * dims, ((i % size) + 1) * dims));
    const kTimes: number[] = [];
    const dTimes: number[] = [];
    const bothTimes: number[] = [];
    queryTexts.forEach((text, i) => {
      let t = performance.now();
      const kHits = keyword.query(text, 50);
      kTimes.push(performance.now() - t);
      t = performance.now();
      const dHits = dense.query(queryVectors[i]!, 50);
      dTimes.push(performance.now() - t);
      t = performance.now();
      reciprocalRankFusion([{ positions: kHits.map((h) => h.position) }, { positions: dHits.map((h) => h.position) }]);
      bothTimes.push(kTimes.at(-1)! + dTimes.at(-1)! + performance.now() - t);
    });
    // How much of the top 10 the large-corpus search shares with scoring every passage.
    const exhaustive = keyword.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: Infinity, candidatePostings: 0 } });
    const agreement =
      queryTexts.reduce((sum, text) => {
        const top = new Set(exhaustive.query(text, 10).map((h) => h.position));
        return sum + keyword.query(text, 10).filter((h) => top.has(h.position)).length / Math.max(1, top.size);
      }, 0) / queryTexts.length;
    scaling.push({ size, keyword: stats(kTimes), dense: stats(dTimes), both: stats(bothTimes), agreement });
    console.log(`${size} passages: keyword p95 ${ms(stats(kTimes).p95)} dense p95 ${ms(stats(dTimes).p95)} both p95 ${ms(stats(bothTimes).p95)}`);
  }
  sections.push(`## Search time against corpus size

Synthetic corpora of 1,000, 10,000 and 100,000 passages, each passage 2 to 4 sentences drawn at
random (seeded) from the ${sentences.length.toLocaleString("en")} sentences of XQuAD's Arabic and English paragraphs (the
only languages on this machine), indexed with the real analyzer; passage vectors are random unit
vectors of 384 dimensions (exact search costs the same whatever the values). 300 XQuAD Arabic
questions, 50 candidates from each retriever; the question's embedding is not included. From
${KEYWORD_SEARCH.largeCorpus.minPassages.toLocaleString("en")} passages on, keyword search scores only passages holding one of the question's rarer terms
(up to ${KEYWORD_SEARCH.largeCorpus.candidatePostings.toLocaleString("en")} postings), exactly; "top-10 agreement" is the share of the top 10 it shares with
scoring every passage that holds any term.

${markdownTable(
  ["passages", "keyword p50", "keyword p95", "dense p50", "dense p95", "keyword + dense + fusion p95", "top-10 agreement"],
  scaling.map((s) => [s.size.toLocaleString("en"), ms(s.keyword.p50), ms(s.keyword.p95), ms(s.dense.p50), ms(s.dense.p95), ms(s.both.p95), fixed(s.agreement)]),
)}

![search time against corpus size](performance.svg)`);

  const chart = logLogChartSvg("Search time (p95) against corpus size", "passages", "milliseconds", sizes, [
    { name: "keyword", values: scaling.map((s) => s.keyword.p95) },
    { name: "dense (exact)", values: scaling.map((s) => s.dense.p95) },
    { name: "keyword + dense + fusion", values: scaling.map((s) => s.both.p95) },
  ]);
  // Sections other benchmarks write or that record history, kept under this run's figures.
  const appendices = ["docs/performance-changes.md", "docs/performance-indexing.md"].map((file) => join(PROJECT_ROOT, file)).filter((file) => existsSync(file));
  const changes = (await Promise.all(appendices.map((file) => readFile(file, "utf8")))).join("\n");
  const report = `# Performance

Written by \`npm run bench:perf\` on ${new Date().toISOString().slice(0, 10)}, on ${machineDescription()}.
Model: ${MODEL_DIR.split("/").at(-1)} (multilingual-e5-small's architecture and tokenizer with random weights: the
real model's cost, not its quality). Times are wall-clock milliseconds.

${sections.join("\n\n")}
${changes ? `\n${changes}` : ""}`;
  await writeFile(join(PROJECT_ROOT, "docs/performance.md"), report);
  await writeFile(join(PROJECT_ROOT, "docs/performance.svg"), chart);
  console.log("wrote docs/performance.md and docs/performance.svg");
}

await main();
