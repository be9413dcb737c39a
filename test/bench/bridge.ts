/**
 * `npm run bench:bridge [-- --variants] [-- --lexicon FILE] [-- --failures] [-- --words]`: the cross-lingual bridge measured.
 * XQuAD (XQUAD_DIR in test/bench/xquad.ts): its Arabic paragraphs indexed with the project's own
 * code, its 1,190 English questions translated and searched keyword-only; R@1, R@5, MRR@10 on the
 * tuning half (articles 0–23) and the held-out half (24–47), with abstention off and on. The seed
 * corpus: test/fixtures/bridge-questions.json (English in-corpus and off-topic questions), gold
 * in the top 3, wrongly refused, off-topic refused, over a sweep of thresholds. And the cost: the
 * lexicon's load time and the translation's p50 per question. --variants compares translation
 * settings and lexicons (tune on the tuning half only).
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Lexicon } from "../../src/bridge/lexicon.js";
import { buildNameIndex, type NameIndex } from "../../src/bridge/names.js";
import { queryGroups, toQueryTerms } from "../../src/bridge/query.js";
import { QueryTranslator } from "../../src/bridge/translate.js";
import { PROJECT_ROOT } from "../../src/config/settings.js";
import { BRIDGE, RETRIEVERS, type TranslationSettings } from "../../src/config/tuning.js";
import { buildIndex, type CorpusIndex, passageTexts } from "../../src/indexing/corpus-index.js";
import type { KeywordIndex } from "../../src/search/keyword-index.js";
import { keywordHits } from "../../src/search/retrievers/keyword.js";
import { analyzeWord, splitWords } from "../../src/text/analyzer.js";
import { percentile, type RetrievalMetrics, retrievalMetrics } from "./metrics.js";
import { fixed, markdownTable } from "./report.js";
import { type BenchQuestion, loadXquad, writeXquadCorpus, XQUAD_DIR, type XquadSet } from "./xquad.js";

const CACHE = resolve(PROJECT_ROOT, ".cache/bench/bridge");
const CANDIDATES = 50;
const DEPTH = 10;
export const BRIDGE_QUESTIONS_FILE = resolve(PROJECT_ROOT, "test/fixtures/bridge-questions.json");

/** An index with its name index, as the bridge searches it. */
export interface BridgeCorpus {
  index: CorpusIndex;
  names: NameIndex;
}

/** Indexes a corpus folder with the project's own code and builds its name index. */
export async function indexCorpus(corpusDir: string): Promise<BridgeCorpus> {
  const index = await buildIndex(corpusDir);
  return { index, names: buildNameIndex(passageTexts(index.documents, index.passages)) };
}

/**
 * A question's ranked passages (keys made by `key`), with abstention at `threshold` (0: off) on
 * the bridge's evidence as the engine has it: coverage scaled by specificity (keywordHits).
 */
export function rankTranslated(
  translator: QueryTranslator,
  keyword: KeywordIndex,
  question: string,
  threshold: number,
  key: (passage: number) => string,
): { ranked: string[]; translateMs: number } {
  const started = performance.now();
  const terms = toQueryTerms(translator.translate(question));
  const translateMs = performance.now() - started;
  const kept = keywordHits(keyword, terms, CANDIDATES).filter((h) => h.evidence >= threshold);
  return { ranked: [...new Set(kept.map((h) => key(h.position)))].slice(0, DEPTH), translateMs };
}

interface HalfResult {
  tuning: RetrievalMetrics & { refused: number };
  heldOut: RetrievalMetrics & { refused: number };
  translateMs: number[];
}

function evaluateXquad(translator: QueryTranslator, corpus: BridgeCorpus, questions: BenchQuestion[], articles: number, threshold: number): HalfResult {
  const key = (passage: number) => `${corpus.index.passages[passage]!.docId}:${corpus.index.passages[passage]!.paragraph}`;
  const rows = questions.map((q) => ({ q, ...rankTranslated(translator, corpus.index.keyword, q.question, threshold, key) }));
  const half = (tuning: boolean) => {
    const part = rows.filter((r) => r.q.article < articles / 2 === tuning);
    return {
      ...retrievalMetrics(part.map((r) => ({ ranked: r.ranked, gold: `${r.q.docId}:${r.q.paragraph}` }))),
      refused: part.filter((r) => r.ranked.length === 0).length / part.length,
    };
  };
  return { tuning: half(true), heldOut: half(false), translateMs: rows.map((r) => r.translateMs) };
}

interface BridgeQuestionSet {
  questions: { question: string; gold: string[] }[];
  offTopic: string[];
}

export async function loadBridgeQuestions(): Promise<BridgeQuestionSet> {
  return JSON.parse(await readFile(BRIDGE_QUESTIONS_FILE, "utf8")) as BridgeQuestionSet;
}

/** Seed-corpus figures at one threshold: gold in the top 3, in-corpus refused, off-topic refused. */
export function evaluateBridgeQuestions(translator: QueryTranslator, corpus: BridgeCorpus, set: BridgeQuestionSet, threshold: number) {
  const key = (passage: number) => corpus.index.passages[passage]!.id;
  const inCorpus = set.questions.map((q) => ({ q, ...rankTranslated(translator, corpus.index.keyword, q.question, threshold, key) }));
  const offTopic = set.offTopic.map((q) => rankTranslated(translator, corpus.index.keyword, q, threshold, key));
  return {
    top3: inCorpus.filter((r) => r.ranked.slice(0, 3).some((id) => r.q.gold.includes(id))).length / inCorpus.length,
    wronglyRefused: inCorpus.filter((r) => r.ranked.length === 0).length / inCorpus.length,
    offTopicRefused: offTopic.filter((r) => r.ranked.length === 0).length / offTopic.length,
    misses: inCorpus.filter((r) => !r.ranked.slice(0, 3).some((id) => r.q.gold.includes(id))).map((r) => r.q.question),
    answeredOffTopic: set.offTopic.filter((_, i) => offTopic[i]!.ranked.length > 0),
  };
}

/**
 * Study aids for the TUNING half only (articles before the middle): the questions whose gold is not
 * first, with their translations (`--failures`), and each English word's share of questions whose
 * gold passage has none of its translations' terms (`--words`). The held-out half is never shown.
 */
function printTuningDiagnostics(translator: QueryTranslator, corpus: BridgeCorpus, set: XquadSet, argv: string[]): void {
  const texts = passageTexts(corpus.index.documents, corpus.index.passages);
  const passageOf = new Map(corpus.index.passages.map((p, i) => [`${p.docId}:${p.paragraph}`, i]));
  const termsOf = (text: string) => new Set(splitWords(text).flatMap((w) => analyzeWord(w) ?? []));
  const passageTerms = texts.map(termsOf);
  const key = (passage: number) => `${corpus.index.passages[passage]!.docId}:${corpus.index.passages[passage]!.paragraph}`;
  const tuning = set.english.filter((q) => q.article < set.articles / 2);
  const words = new Map<string, { ar: string; asked: number; missed: number }>();
  for (const q of tuning) {
    const translation = translator.translate(q.question);
    const gold = `${q.docId}:${q.paragraph}`;
    const goldTerms = passageTerms[passageOf.get(gold)!]!;
    for (const word of translation) {
      const terms = queryGroups(word).flatMap((group) => group.flatMap((alternative) => [...termsOf(alternative)]));
      const entry = words.get(word.en.toLowerCase()) ?? { ar: word.ar.join("/"), asked: 0, missed: 0 };
      entry.asked++;
      if (!terms.some((t) => goldTerms.has(t))) entry.missed++;
      words.set(word.en.toLowerCase(), entry);
    }
    if (!argv.includes("--failures")) continue;
    const { ranked } = rankTranslated(translator, corpus.index.keyword, q.question, 0, key);
    if (ranked[0] === gold) continue;
    console.log(`\n${q.question}\n  ${translation.map((w) => `${w.en} → ${w.ar.join("/") || "?"}`).join(" · ")}`);
    console.log(`  gold ${gold} at ${ranked.indexOf(gold) + 1 || "-"}: ${texts[passageOf.get(gold)!]!.slice(0, 160)}`);
    if (ranked[0]) console.log(`  first ${ranked[0]}: ${texts[passageOf.get(ranked[0])!]!.slice(0, 160)}`);
  }
  if (!argv.includes("--words")) return;
  console.log("\nTuning-half words whose translation the gold passage lacks (asked ≥ 2), most missed first:\n");
  const rows = [...words].filter(([, w]) => w.asked >= 2 && w.missed > 0).sort((a, b) => b[1].missed - a[1].missed || b[1].asked - a[1].asked);
  for (const [en, w] of rows) console.log(`${w.missed}/${w.asked}\t${en} → ${w.ar || "?"}`);
}

function argument(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  let started = performance.now();
  const lexicon = Lexicon.load(argument(argv, "--lexicon"));
  const loadMs = performance.now() - started;
  console.log(`lexicon: ${lexicon.size} headwords, loaded in ${loadMs.toFixed(0)} ms`);

  const set = await loadXquad().catch((error: Error) => {
    throw new Error(`XQuAD is not in ${XQUAD_DIR}: ${error.message}`);
  });
  const corpusDir = join(CACHE, "corpus");
  await writeXquadCorpus(set, corpusDir);
  started = performance.now();
  const xquad = await indexCorpus(corpusDir);
  console.log(
    `XQuAD: ${xquad.index.passages.length} passages indexed, ${xquad.names.size} words in the name index, in ${(performance.now() - started).toFixed(0)} ms`,
  );
  const seed = await indexCorpus(resolve(PROJECT_ROOT, "corpus"));
  const calibration = await loadBridgeQuestions();

  if (argv.includes("--failures") || argv.includes("--words")) {
    printTuningDiagnostics(new QueryTranslator(lexicon, xquad.names), xquad, set, argv);
    return;
  }
  const threshold = Number(argument(argv, "--threshold") ?? RETRIEVERS.bridge.none);
  const variants: [string, Partial<TranslationSettings>][] = argv.includes("--variants")
    ? [
        ["default", {}],
        ["no preferred translations", { preferredTranslations: false }],
        ["absent translations matched as names for lower-case words too", { lowerCaseAbsentAsNames: true }],
        ["no stop word as a name", { nameStopWords: false }],
        ["known words' names after their translations", { knownNamesAfter: true }],
        ["known words' names within 0.2", { knownNameMaxDistance: 0.2 }],
        ["known words' names within 0.1", { knownNameMaxDistance: 0.1 }],
        ["absent translations' names within 0.2", { absentNameMaxDistance: 0.2 }],
        ["absent translations' names within 0.1", { absentNameMaxDistance: 0.1 }],
        ["known words' names within 0.2, no stop words, after", { knownNameMaxDistance: 0.2, knownNamesAfter: true, nameStopWords: false }],
        ["3 senses", { senses: 3 }],
        ["all senses", { senses: 99 }],
        ["2 alternatives", { maxAlternatives: 2 }],
        ["8 alternatives", { maxAlternatives: 8 }],
        ["no name match for known capitalized words", { namesForKnownCapitalized: false }],
        ["names from 3 classes", { nameMinClasses: 3 }],
        ["no name match for words the lexicon lacks", { nameMinClasses: 99 }],
        ["1 name match", { nameLimit: 1 }],
        ["no name match for absent translations", { namesForAbsentTranslations: false }],
        ["imperatives kept as they are", { imperatives: false }],
        ["name distance up to 0.2 of the word", { nameMaxDistance: 0.2 }],
        ["name distance up to 0.5 of the word", { nameMaxDistance: 0.5 }],
        ["3 name matches", { nameLimit: 3 }],
        ["base form's translation too", { baseFormToo: true }],
        ["known capitalized words matched as names from 2 classes", { knownNameMinClasses: 2 }],
        ["known capitalized words matched as names from 4 classes", { knownNameMinClasses: 4 }],
        ["year, years, time left out", { moreStopWords: ["year", "years", "time"] }],
        ["first, last, new, old left out", { moreStopWords: ["first", "last", "new", "old"] }],
        [
          "light verbs left out",
          {
            moreStopWords: "take took taken make made give gave given get got put go went gone come came become became happen happened occur occurred".split(
              " ",
            ),
          },
        ],
      ]
    : [["default", {}]];
  const rows: string[][] = [];
  let cost: number[] = [];
  for (const [name, settings] of variants) {
    const seedTranslator = new QueryTranslator(lexicon, seed.names, { ...BRIDGE.translation, ...settings });
    const translator = new QueryTranslator(lexicon, xquad.names, { ...BRIDGE.translation, ...settings });
    const off = evaluateXquad(translator, xquad, set.english, set.articles, 0);
    const on = evaluateXquad(translator, xquad, set.english, set.articles, threshold);
    const seedFigures = evaluateBridgeQuestions(seedTranslator, seed, calibration, threshold);
    if (name === "default") cost = on.translateMs;
    const m = (r: RetrievalMetrics) => [fixed(r.r1, 3), fixed(r.r5, 3), fixed(r.mrr10, 3)];
    rows.push([
      name,
      ...m(off.tuning),
      ...m(off.heldOut),
      ...m(on.tuning),
      fixed(on.tuning.refused, 3),
      ...m(on.heldOut),
      fixed(on.heldOut.refused, 3),
      fixed(seedFigures.top3, 2),
      fixed(seedFigures.wronglyRefused, 2),
      fixed(seedFigures.offTopicRefused, 2),
    ]);
  }
  console.log(`\nXQuAD English→Arabic, keyword-only; "on": abstention at evidence ${threshold}\n`);
  console.log(
    markdownTable(
      [
        "variant",
        "tune R@1",
        "R@5",
        "MRR",
        "held R@1",
        "R@5",
        "MRR",
        "on: tune R@1",
        "R@5",
        "MRR",
        "refused",
        "on: held R@1",
        "R@5",
        "MRR",
        "refused",
        "seed top3",
        "seed wrongly refused",
        "seed off-topic refused",
      ],
      rows,
    ),
  );

  console.log(`\nSeed corpus, ${calibration.questions.length} in-corpus + ${calibration.offTopic.length} off-topic English questions, by threshold:\n`);
  const seedTranslator = new QueryTranslator(lexicon, seed.names);
  const sweep = [0, 0.2, 0.25, 0.28, 0.3, 0.31, 0.32, 0.34, 0.36, 0.38, 0.4, 0.45, 0.5].map((t) => {
    const figures = evaluateBridgeQuestions(seedTranslator, seed, calibration, t);
    return [fixed(t, 2), fixed(figures.top3, 2), fixed(figures.wronglyRefused, 2), fixed(figures.offTopicRefused, 2)];
  });
  console.log(markdownTable(["threshold", "gold in top 3", "in-corpus refused", "off-topic refused"], sweep));
  const chosen = evaluateBridgeQuestions(seedTranslator, seed, calibration, threshold);
  if (chosen.misses.length) console.log(`\nNot in the top 3 at ${threshold}: ${chosen.misses.join(" | ")}`);
  if (chosen.answeredOffTopic.length) console.log(`Off-topic answered at ${threshold}: ${chosen.answeredOffTopic.join(" | ")}`);
  console.log(
    `\nTranslation cost (translate + query terms), ${cost.length} questions: ` +
      `p50 ${percentile(cost, 0.5).toFixed(3)} ms, p95 ${percentile(cost, 0.95).toFixed(3)} ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
