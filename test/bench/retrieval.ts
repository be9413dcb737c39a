/**
 * `npm run bench:retrieval`: paragraph retrieval on XQuAD (test/datasets/xquad). The 240
 * Arabic paragraphs are indexed with the project's own indexing code; the 1,190 Arabic questions
 * (Arabic to Arabic) and the 1,190 English ones (English to Arabic) are asked, and R@1, R@5 and
 * MRR@10 of the gold paragraph are reported with the time per question, for our keyword search
 * (and dense and hybrid with a real model) beside MiniSearch's defaults and Orama, on the held-out
 * last 24 articles, the first 24 (used for tuning) and all 48. Also the seed question set.
 * Writes docs/benchmarks.md and docs/benchmarks.svg.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type AnyOrama, create, insertMultiple, search } from "@orama/orama";
import { stemmer as arabicStemmer } from "@orama/stemmers/arabic";
import { stopwords as arabicStopwords } from "@orama/stopwords/arabic";
import MiniSearch from "minisearch";
import type { Answer } from "../../src/answer/answer.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { DEFAULT_FUSION } from "../../src/config/defaults.js";
import { loadEngineSettings, PROJECT_ROOT } from "../../src/config/settings.js";
import { KEYWORD_SEARCH } from "../../src/config/tuning.js";
import { type Embedder, loadEmbedder } from "../../src/embedding/embedder.js";
import { createLogger } from "../../src/log/logger.js";
import { ANALYZER_VERSION } from "../../src/text/analyzer.js";
import { markedAnswer, type SentenceMetrics, sentenceMetrics, setApart } from "./best-sentence.js";
import { currentConfidenceSection } from "./confidence-section.js";
import { evaluateSeedSet, seedTable } from "./eval.js";
import { percentile, type RetrievalMetrics, retrievalMetrics } from "./metrics.js";
import { barChartSvg, fixed, machineDescription, markdownTable, modelHasMeaning } from "./report.js";
import type { BenchQuestion, XquadSet } from "./xquad.js";
import { goldKey, isTuning, openXquadEngine } from "./xquad-index.js";

const DOCS_DIR = resolve(PROJECT_ROOT, "docs");
const DEPTH = 10;
const OURS_KEYWORD = "ours, keyword";
const OURS_AS_ASKED = "ours, as `ask` answers (abstention on)";

/** A retrieval method's answer to a question: paragraph keys, best first, and (ours) the sentence its first result sets apart. */
interface Ranking {
  keys: string[];
  best?: string;
  marked?: string;
}

/** A retrieval method: ranks paragraph keys for a question. */
interface Method {
  name: string;
  rank(question: string): Promise<Ranking>;
  /** Whether its answers set a best sentence apart (ours). */
  sets?: boolean;
}

/** An answer's distinct paragraphs and the sentence its first result sets apart. */
function ranking(answer: Answer): Ranking {
  const keys = [...new Set(answer.results.map((r) => `${r.doc.id}:${r.paragraph}`))].slice(0, DEPTH);
  return { keys, best: setApart(answer.results[0]), marked: markedAnswer(answer.results[0]) };
}

interface MethodResult {
  name: string;
  /** Share of questions given no passage at all (abstention), over all 48 articles. */
  refused: number;
  language: "ar" | "en";
  all: RetrievalMetrics;
  tuning: RetrievalMetrics;
  heldOut: RetrievalMetrics;
  medianMs: number;
  p95Ms: number;
  /** Ours only: whether the sentence set apart holds the gold answer, on each half. */
  sentence?: { tuning: SentenceMetrics; heldOut: SentenceMetrics };
}

interface Paragraph {
  id: string;
  text: string;
}

function oursMethod(engine: AnswerEngine, retrieval: "keyword" | "dense" | "hybrid", name: string): Method {
  return {
    name,
    sets: true,
    async rank(question) {
      return ranking(await engine.ask(question, { limit: DEPTH + 5, abstain: false, retrieval }));
    },
  };
}

function miniSearchDefaults(paragraphs: Paragraph[]): Method {
  const index = new MiniSearch<Paragraph>({ fields: ["text"] });
  index.addAll(paragraphs);
  return {
    name: "MiniSearch, default options",
    rank: async (q) => ({
      keys: index
        .search(q)
        .slice(0, DEPTH)
        .map((r) => r.id as string),
    }),
  };
}

async function oramaIndex(paragraphs: Paragraph[], embedder?: Embedder): Promise<AnyOrama> {
  const db = create({
    schema: embedder ? { text: "string", embedding: `vector[${embedder.dims}]` } : { text: "string" },
    components: { tokenizer: { language: "arabic", stemming: true, stemmer: arabicStemmer, stopWords: arabicStopwords } },
  }) as AnyOrama;
  const vectors = embedder ? await embedder.embedPassages(paragraphs.map((p) => p.text)) : undefined;
  await insertMultiple(
    db,
    paragraphs.map((p, i) => ({
      id: p.id,
      text: p.text,
      ...(vectors ? { embedding: Array.from(vectors.subarray(i * embedder!.dims, (i + 1) * embedder!.dims)) } : {}),
    })),
  );
  return db;
}

function oramaBm25(db: AnyOrama): Method {
  // threshold 1: rank every paragraph holding any term (the default, 0, keeps only those holding all).
  return {
    name: "Orama BM25, Arabic tokenizer + stemmer + stop words",
    rank: async (q) => ({ keys: (await search(db, { term: q, properties: ["text"], limit: DEPTH, threshold: 1 })).hits.map((h) => h.id) }),
  };
}

function oramaHybrid(db: AnyOrama, embedder: Embedder): Method {
  return {
    name: "Orama hybrid (same model's vectors)",
    async rank(q) {
      const [vector] = await embedder.embedQueries([q]);
      const results = await search(db, {
        mode: "hybrid",
        term: q,
        properties: ["text"],
        vector: { value: Array.from(vector!), property: "embedding" },
        similarity: 0,
        limit: DEPTH,
        threshold: 1,
      } as never);
      return { keys: results.hits.map((h) => h.id) };
    },
  };
}

/**
 * The engine as `npm run ask -- -k 10` and the bot answer, with the bot's settings, abstention
 * included: a refused question ranks nothing.
 */
function asAsked(engine: AnswerEngine): Method {
  return {
    name: OURS_AS_ASKED,
    sets: true,
    async rank(question) {
      return ranking(await engine.ask(question, { limit: DEPTH + 5 }));
    },
  };
}

async function measure(method: Method, questions: BenchQuestion[], language: "ar" | "en", set: XquadSet): Promise<MethodResult> {
  const rows: { ranked: string[]; gold: string; tuning: boolean; best?: string; marked?: string; answer: string }[] = [];
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    const { keys: ranked, best, marked } = await method.rank(question.question);
    times.push(performance.now() - started);
    rows.push({ ranked, gold: goldKey(question), tuning: isTuning(question, set), best, marked, answer: question.answer });
  }
  const sentences = (tuning: boolean) =>
    sentenceMetrics(
      rows.filter((r) => r.tuning === tuning).map((r) => ({ goldFirst: r.ranked[0] === r.gold, best: r.best, marked: r.marked, answer: r.answer })),
    );
  return {
    name: method.name,
    refused: rows.filter((r) => r.ranked.length === 0).length / rows.length,
    language,
    all: retrievalMetrics(rows),
    tuning: retrievalMetrics(rows.filter((r) => r.tuning)),
    heldOut: retrievalMetrics(rows.filter((r) => !r.tuning)),
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    ...(method.sets ? { sentence: { tuning: sentences(true), heldOut: sentences(false) } } : {}),
  };
}

/** The sentences set apart, for the rows of ours: held-out and tuning half. */
function sentenceTable(results: MethodResult[]): string {
  return markdownTable(
    [
      "language",
      "method",
      "held-out: holds the answer",
      "held-out: mean length",
      "held-out: answer marked",
      "held-out: marked right",
      "tuning half: holds the answer",
      "tuning half: mean length",
    ],
    results.flatMap(({ language, name, sentence }) =>
      sentence
        ? [
            [
              language,
              name,
              `${fixed(sentence.heldOut.holds)} (${counts(sentence.heldOut.holds, sentence.heldOut.count)})`,
              fixed(sentence.heldOut.meanLength, 0),
              fixed(sentence.heldOut.marked),
              fixed(sentence.heldOut.markedRight),
              `${fixed(sentence.tuning.holds)} (${counts(sentence.tuning.holds, sentence.tuning.count)})`,
              fixed(sentence.tuning.meanLength, 0),
            ],
          ]
        : [],
    ),
  );
}

/** "544 of 558" for a rate over `count` questions. */
function counts(rate: number, count: number): string {
  return `${Math.round(rate * count)} of ${count}`;
}

function resultsTable(results: MethodResult[]): string {
  return markdownTable(
    ["method", "held-out R@1", "held-out R@5", "held-out MRR@10", "all R@1", "all R@5", "all MRR@10", "tuning-half R@1", "refused", "median ms", "p95 ms"],
    results.map((r) => [
      r.name,
      fixed(r.heldOut.r1),
      fixed(r.heldOut.r5),
      fixed(r.heldOut.mrr10),
      fixed(r.all.r1),
      fixed(r.all.r5),
      fixed(r.all.mrr10),
      fixed(r.tuning.r1),
      fixed(r.refused),
      fixed(r.medianMs, 2),
      fixed(r.p95Ms, 2),
    ]),
  );
}

async function main(): Promise<void> {
  const settings = loadEngineSettings();
  const log = createLogger({ level: "warn" });
  const meaningful = settings.model ? await modelHasMeaning(settings.model) : false;
  const { set, engine, buildMs } = await openXquadEngine(settings, log);
  const status = engine.status();
  const paragraphs = set.paragraphs;
  const embedder = meaningful && status.mode === "hybrid" && settings.model ? await loadEmbedder(settings.model) : undefined;

  const methods: Method[] = [oursMethod(engine, "keyword", OURS_KEYWORD)];
  if (embedder) methods.push(oursMethod(engine, "dense", "ours, dense"), oursMethod(engine, "hybrid", "ours, hybrid (RRF)"));
  if (!embedder || status.mode === "keyword") methods.push(asAsked(engine));
  methods.push(miniSearchDefaults(paragraphs));
  const orama = await oramaIndex(paragraphs, embedder);
  methods.push(oramaBm25(orama));
  if (embedder) methods.push(oramaHybrid(orama, embedder));

  const results: MethodResult[] = [];
  for (const [language, questions] of [
    ["ar", set.arabic],
    ["en", set.english],
  ] as const) {
    for (const method of methods) {
      const result = await measure(method, questions, language, set);
      results.push(result);
      console.log(
        `${language} ${method.name.padEnd(52)} ` +
          `held-out R@1 ${fixed(result.heldOut.r1)} R@5 ${fixed(result.heldOut.r5)} MRR@10 ${fixed(result.heldOut.mrr10)} ` +
          `| all R@1 ${fixed(result.all.r1)} | median ${fixed(result.medianMs, 2)} ms` +
          (result.sentence
            ? ` | best sentence holds the answer ${fixed(result.sentence.heldOut.holds)}, ${fixed(result.sentence.heldOut.meanLength, 0)} chars`
            : ""),
      );
    }
  }

  const seedSettings = { ...settings, indexDir: join(PROJECT_ROOT, ".cache/bench/seed-index"), model: embedder ? settings.model : null };
  const seedEngine = await openEngine(seedSettings, { log });
  const seed = await evaluateSeedSet(seedEngine, embedder ? ["keyword", "hybrid"] : ["keyword"]);
  console.log(seedTable(seed));

  const arabic = results.filter((r) => r.language === "ar");
  const oursKeyword = arabic.find((r) => r.name === OURS_KEYWORD)!;
  const chart = barChartSvg(
    "XQuAD, Arabic questions, held-out articles 25-48",
    ["R@1", "R@5", "MRR@10"],
    arabic.map((r) => ({ name: r.name, values: [r.heldOut.r1, r.heldOut.r5, r.heldOut.mrr10] })),
  );
  const modelLine = !settings.model
    ? "none (EMBEDDINGS=off): keyword search only."
    : embedder
      ? `${status.modelId}: dense and hybrid rows are measured with it.`
      : status.mode === "hybrid"
        ? `${status.modelId}, the random-weight copy of multilingual-e5-small: its rankings are noise, so no dense or hybrid quality is reported. ` +
          "Run with EMBEDDING_MODEL_DIR pointing at the real model to measure them."
        : `none could be loaded (${status.modelProblem}): keyword search only.`;
  const { bm25, weights, boost } = KEYWORD_SEARCH;
  const tuningLog = await readFile(join(DOCS_DIR, "retrieval-tuning.md"), "utf8");
  const { heldOut } = oursKeyword;
  const heldOutCounts = `R@1 ${counts(heldOut.r1, heldOut.count)}, R@5 ${counts(heldOut.r5, heldOut.count)}`;
  const report = `# Retrieval benchmarks

Written by \`npm run bench:retrieval\` on ${new Date().toISOString().slice(0, 10)}, on ${machineDescription()}.

- Corpus: the 240 Arabic paragraphs of XQuAD (48 articles), indexed with this project's own
  cleaning, chunking and indexing (${status.passages} passages, built in ${fixed(buildMs / 1000, 1)} s including model load).
  Documents are titled by number: XQuAD's article titles are English and would hand English
  questions matches that no Arabic text gives.
- Questions: 1,190 in Arabic (Arabic to Arabic) and the same 1,190 in English (English to
  Arabic). Gold: the paragraph the question was written for. Metrics on paragraphs: R@1, R@5,
  MRR@10; time per question in process, in milliseconds.
- Halves: settings were tuned on the questions of the first 24 articles only; the last 24 are
  held out and reported first.
- Embedding model: ${modelLine}
- Peers, each configured as its documentation allows: MiniSearch with its default options (what a
  user gets out of the box); Orama 3 BM25 with its Arabic tokenizer, Arabic stemmer and Arabic
  stop words, \`threshold: 1\` (the default, 0, returns only paragraphs holding every term of the
  question)${embedder ? ", and Orama's hybrid mode over the same model's vectors" : ""}.

## Arabic questions

${resultsTable(arabic)}

In counts, ours on the held-out half: ${heldOutCounts} questions.

![XQuAD Arabic held-out](benchmarks.svg)

## English questions

${resultsTable(results.filter((r) => r.language === "en"))}

Ours answers English questions over the Arabic paragraphs through the cross-lingual keyword bridge (src/bridge: a
dictionary, the corpus's own names, grouped query words), with no model; the peers match only what is written alike
(names in Latin letters, numbers)${embedder ? ". The dense and hybrid rows add the embedding model" : ""}.

## The sentence set apart

An answer quotes its passage and sets apart its best sentence (💡 in Telegram): what a reader on a phone reads.
On the questions whose gold paragraph comes first, the share whose first result's best sentence holds XQuAD's gold
answer text (both normalized as the index reads text: Arabic spellings folded, diacritics removed), and the mean
length of the sentences set apart, in characters. "Answer marked": the share of them whose answer marks likely
answer words (a question asking for a date or a number); "marked right": the share of those marks that
overlap the gold answer (one holds the other). English questions are answered from the same Arabic paragraphs, so
their gold answer is the Arabic one.

${sentenceTable(results)}

## Seed question set

Questions written as users would ask them over the seed corpus (\`test/fixtures/seed-questions.json\`:
Arabic and English, spellings without hamza or with ه for ة, names spelled the English way, short
keyword queries, and off-topic questions). hit@k: a gold passage among the first k answers
(a refusal counts as a miss). Also \`npm run eval\`.

${seedTable(seed)}

${tuningLog}
### In force

- Analyzer ${ANALYZER_VERSION}: Lucene's Arabic normalization; stop words compared before hamza
  folding (as Lucene does), also behind a proclitic; Light10 stems, a broader stem and the ISRI root
  indexed beside each other; phrase terms for adjacent content words; question-frame words left
  out of queries.
- Ranking: BM25+ k ${bm25.k}, b ${bm25.b}, d ${bm25.d}; field boosts text ${boost.text}, section ${boost.section}, title ${boost.title}; broad stem
  ${weights.broadStem}, root ${weights.root}, phrase ${weights.phrase}; the BM25 sum times the passage's coverage of the question.
- Confidence (this run's settings, as the bot uses them; see "Confidence tiers" below): a question
  gets "none" and no passage when no passage covers ${settings.floors.keyword?.none} of its IDF weight, scaled by how
  specific the matched words are in Arabic at large (MIN_KEYWORD_COVERAGE, EVIDENCE.specificity), none when a word of the
  question known to the general word list, nearly as specific as the passage's matches or more (EVIDENCE.missingRarityMargin), is
  missing from the corpus or when the corpus holds a third or less of the question's words (EVIDENCE.leastShareInCorpus), and, with
  the model, none passes the cosine the off-topic probes set (MIN_SIMILARITY at least). The rows "${OURS_AS_ASKED}" go
  through it (a refused question counts as a miss; a related list's passages are shown from a share of its best evidence);
  every other row ranks with abstention off.
- Fusion: weights ${Object.entries(DEFAULT_FUSION.weights)
    .map(([list, weight]) => `${list} ${weight}`)
    .join(", ")}, ${DEFAULT_FUSION.candidates} candidates per list. \`npm run bench:tune -- --fusion\` grids them on the tuning half
  with a model folder; with the random-weight model that only checks the plumbing (docs/retrieval-tuning.md), so
  they stay at plain RRF until the real model is measured. The dense floors follow the off-topic probes.
`;
  await mkdir(DOCS_DIR, { recursive: true });
  const confidence = await currentConfidenceSection(); // written by bench:confidence, kept here
  await writeFile(join(DOCS_DIR, "benchmarks.md"), confidence ? `${report.trimEnd()}\n\n${confidence}\n` : report);
  await writeFile(join(DOCS_DIR, "benchmarks.svg"), chart);
  console.log(`wrote ${join(DOCS_DIR, "benchmarks.md")} and benchmarks.svg`);
}

await main();
