/**
 * `npm run bench:tune -- --sentence-ranking`: whether the best sentence is evidence for ranking (the
 * third part of the answer-at-a-glance issue). Each XQuAD question's first CANDIDATES keyword hits
 * (the bridge's, for English) are reranked by score × (1 + share·S + kind·K + sentence·B), where S is
 * the share of the question's weight (IDF) that the passage's best sentence holds, K whether that
 * sentence holds a word of the kind the question asks for, and B its score (answer/highlight.ts)
 * over the best among the candidates. A grid on the first 24 articles; the best setting's held-out
 * figures are printed after, for the record.
 */
import { join } from "node:path";
import { answerKindOf } from "../../src/answer/answer-kinds.js";
import { highlight } from "../../src/answer/highlight.js";
import { prepareQuestion } from "../../src/answer/question.js";
import { CrossLingualBridge, Lexicon } from "../../src/bridge/index.js";
import { BEST_SENTENCE, type BestSentenceSettings } from "../../src/config/tuning.js";
import { type CorpusIndex, passageTexts } from "../../src/indexing/corpus-index.js";
import { bm25Idf } from "../../src/search/postings.js";
import { analyzeQuery, analyzeWordCached, isRootTerm, type QueryTerms, tokenize } from "../../src/text/analyzer.js";
import { indexCorpus } from "./bridge.js";
import { retrievalMetrics } from "./metrics.js";
import { type BenchQuestion, loadXquad, writeXquadCorpus } from "./xquad.js";
import { BENCH_DIR, goldKey, isTuning } from "./xquad-index.js";

/** The choice in force, with a likely answer marked for every kind: K reads whether the best sentence holds one. */
const EVERY_KIND_MARKED: BestSentenceSettings = { ...BEST_SENTENCE, markedKinds: ["date", "number", "name", "place"] };

/** Hits reranked per question: deeper than R@5 reads, shallow enough that the rerank only reorders near misses. */
const CANDIDATES = 20;

/** One candidate passage of a question, with what the rerank reads. */
interface Candidate {
  key: string;
  score: number;
  /** Share of the question's IDF weight in the best sentence, 0 to 1. */
  share: number;
  /** Whether the best sentence holds a likely answer of the asked kind. */
  kind: boolean;
  /** The best sentence's score over the best among the question's candidates, 0 to 1. */
  sentence: number;
}

interface Row {
  gold: string;
  language: "ar" | "en";
  tuning: boolean;
  candidates: Candidate[];
}

/** The share of the question's weight that the words of `sentence` hold (a word counts by any of its stems, not its root). */
function weightShare(sentence: string, terms: QueryTerms, weight: (term: string) => number): number {
  const forms = tokenize(sentence).map((t) => new Set(analyzeWordCached(t.word) ?? []));
  let held = 0;
  let total = 0;
  for (const word of terms.words) {
    const stems = word.filter((term) => !isRootTerm(term));
    const w = Math.max(0, ...stems.map(weight));
    total += w;
    if (forms.some((f) => stems.some((term) => f.has(term)))) held += w;
  }
  return total > 0 ? held / total : 0;
}

function candidatesOf(index: CorpusIndex, texts: readonly string[], question: string, terms: QueryTerms): Candidate[] {
  const keyword = index.keyword;
  const weight = (term: string) => {
    const df = keyword.documentFrequency(term);
    return df > 0 ? bm25Idf(keyword.size, df) : 0;
  };
  const shown = new Set(terms.words.flat().filter((term) => !isRootTerm(term)));
  const focus = { words: terms.words, kind: answerKindOf(question) };
  const found = keyword.query(terms, CANDIDATES).map((hit) => {
    const passage = index.passages[hit.position]!;
    const text = texts[hit.position]!;
    const { bestSentence, bestScore = 0, answerSpans } = highlight(text, shown, { ...focus, settings: EVERY_KIND_MARKED });
    return {
      key: `${passage.docId}:${passage.paragraph}`,
      score: hit.score,
      share: bestSentence ? weightShare(text.slice(bestSentence.start, bestSentence.end), terms, weight) : 0,
      kind: answerSpans !== undefined,
      sentence: bestScore,
    };
  });
  const top = Math.max(1e-9, ...found.map((c) => c.sentence));
  return found.map((c) => ({ ...c, sentence: c.sentence / top }));
}

interface Weights {
  share: number;
  kind: number;
  sentence: number;
}

function measure(rows: Row[], weights: Weights, language: "ar" | "en", tuning: boolean) {
  const rerank = (c: Candidate) => c.score * (1 + weights.share * c.share + weights.kind * Number(c.kind) + weights.sentence * c.sentence);
  return retrievalMetrics(
    rows
      .filter((r) => r.language === language && r.tuning === tuning)
      .map((r) => {
        // A stable sort: equal scores keep the index's order.
        const ranked = [...r.candidates].sort((a, b) => rerank(b) - rerank(a));
        return { ranked: [...new Set(ranked.map((c) => c.key))], gold: r.gold };
      }),
  );
}

const figures = (rows: Row[], weights: Weights, tuning: boolean) =>
  (["ar", "en"] as const)
    .map((language) => {
      const m = measure(rows, weights, language, tuning);
      return `${language} R@1 ${m.r1.toFixed(3)} R@5 ${m.r5.toFixed(3)}`;
    })
    .join("  ");

export async function tuneSentenceRanking(): Promise<void> {
  const set = await loadXquad();
  const corpusDir = join(BENCH_DIR, "corpus");
  await writeXquadCorpus(set, corpusDir);
  const { index, names } = await indexCorpus(corpusDir);
  const bridge = new CrossLingualBridge(Lexicon.load(), names);
  const texts = passageTexts(index.documents, index.passages);
  const rows: Row[] = [];
  const add = (question: BenchQuestion, language: "ar" | "en") => {
    const { searchText } = prepareQuestion(question.question);
    if (searchText === undefined) return;
    const terms = language === "ar" ? analyzeQuery(searchText) : bridge.query(searchText).terms;
    rows.push({ gold: goldKey(question), language, tuning: isTuning(question, set), candidates: candidatesOf(index, texts, searchText, terms) });
  };
  for (const question of set.arabic) add(question, "ar");
  for (const question of set.english) add(question, "en");

  const none: Weights = { share: 0, kind: 0, sentence: 0 };
  const grid: Weights[] = [];
  for (const share of [0, 0.1, 0.2, 0.3, 0.5, 0.8])
    for (const kind of [0, 0.05, 0.1, 0.2]) for (const sentence of [0, 0.05, 0.1, 0.2, 0.5]) grid.push({ share, kind, sentence });
  // Chosen on the mean R@1 of both languages on the tuning half; R@5 read after.
  const tuneR1 = (w: Weights) => (measure(rows, w, "ar", true).r1 + measure(rows, w, "en", true).r1) / 2;
  const scored = grid.map((weights) => ({ weights, r1: tuneR1(weights) })).sort((a, b) => b.r1 - a.r1);
  for (const { weights } of scored.slice(0, 8)) console.log(`${JSON.stringify(weights)}  tune ${figures(rows, weights, true)}`);
  console.log(`without the sentence: tune ${figures(rows, none, true)}  held-out ${figures(rows, none, false)}`);
  console.log(`best on the tuning half: tune ${figures(rows, scored[0]!.weights, true)}  held-out ${figures(rows, scored[0]!.weights, false)}`);
}
