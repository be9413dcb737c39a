/**
 * Asking: from a question to an Answer, through the search pipeline, with the notices, the
 * question's words no document has, the nearest topics, or the passages with their citations.
 */
import { needsBridge } from "../bridge/index.js";
import { checkFusion, DEFAULT_PASSAGES, type FusionSettings } from "../config/defaults.js";
import type { BestSentenceSettings } from "../config/tuning.js";
import { SearchPipeline, type StageTimings, stopwatch } from "../search/pipeline.js";
import type { SearchQuery } from "../search/retriever.js";
import { analyzeQuery, isRootTerm } from "../text/analyzer.js";
import { readAbsentWords } from "./absent-words.js";
import type { Answer, SearchMode } from "./answer.js";
import { answerKindOf } from "./answer-kinds.js";
import { missingWords } from "./missing-words.js";
import { prepareQuestion } from "./question.js";
import { presentResults } from "./results.js";
import { RETRIEVERS_OF, type SearchState } from "./search-state.js";
import { nearestTopics } from "./topics.js";

export interface AskOptions {
  /** How many passages to return (default DEFAULT_PASSAGES, as ANSWER_PASSAGES sets it for the bot). */
  limit?: number;
  /**
   * Whether to hold back passages judged unrelated (default true); the confidence tier is given
   * either way. Benchmarks that measure the ranking itself turn it off.
   */
  abstain?: boolean;
  /** Which retrievers to use (default: hybrid when the model is loaded, else keyword). Benchmarks compare them. */
  retrieval?: SearchMode;
  /** When given, each stage's time in milliseconds is added to it, by stage name (see AnswerEngine.stages). */
  timings?: StageTimings;
  /** Fusion settings for this question only, in place of the engine's (`bench:tune -- --fusion` compares them). */
  fusion?: FusionSettings;
  /** How the best sentence is chosen, for this question only, in place of BEST_SENTENCE (`bench:tune -- --sentence` compares them). */
  bestSentence?: BestSentenceSettings;
  /**
   * The question's embedding, from embedQuestion, so a question asked many ways is embedded once;
   * computed when absent and a retriever needs it.
   */
  vector?: Float32Array;
}

/**
 * Answers one question from `state`; `mode` is what the engine can search with (keyword without a
 * model), the default of AskOptions.retrieval.
 */
export async function askQuestion(state: SearchState, mode: SearchMode, question: string, options: AskOptions = {}): Promise<Answer> {
  if (options.fusion) checkFusion(options.fusion);
  const retrieval = options.retrieval ?? mode;
  if (retrieval !== "keyword" && mode === "keyword") throw new Error(`${retrieval} search needs the embedding model, which is not loaded`);
  const { query: asked, language, searchText, notices } = prepareQuestion(question);
  const answer: Answer = { query: asked, language, mode: retrieval, abstained: true, confidence: "none", topics: [], notices, results: [] };
  if (searchText === undefined) return answer;

  const lap = stopwatch(options.timings);
  // Its words as the documents write them, for every reading by words; the model embeds the question as asked (embedQuestion).
  const readText = readAbsentWords(searchText, (term) => state.index.keyword.holds(term));
  const query: SearchQuery = { text: searchText, language, terms: analyzeQuery(readText), vector: options.vector };
  const bridged = state.bridge && needsBridge(readText) ? state.bridge.query(readText) : undefined;
  if (bridged) {
    query.translatedTerms = bridged.terms;
    answer.translation = bridged.translation;
  }
  lap("analysis");
  const pipeline = options.fusion
    ? new SearchPipeline({ ...state.parts, fusionWeights: options.fusion.weights, candidates: options.fusion.candidates })
    : state.pipeline;
  const { ranked, chosen, tier, signals } = await pipeline.search(query, {
    use: RETRIEVERS_OF[retrieval],
    abstain: options.abstain,
    timings: options.timings,
  });
  lap(); // the pipeline timed its own stages
  answer.confidence = tier;
  answer.signals = signals;
  // The question's words no document has: said with no answer, and with the closest passages
  // (Zakharova, بايدن), where they are often why the passages are not an answer.
  if (chosen.length === 0 || tier === "closest") {
    // A word of a citation (Reuters, Meduza) is shown in the reply: never named missing.
    const held = (term: string) => state.index.keyword.holds(term) || state.citationTerms.has(term);
    const missing = missingWords(readText, bridged?.translation, held);
    if (missing.length > 0) answer.missing = missing;
  }
  if (chosen.length === 0) {
    notices.push("no-answer");
    if (language === "en" && mode === "keyword" && !state.bridge) notices.push("needs-model-for-english");
    answer.topics = nearestTopics(state, ranked);
    lap("formatting");
    return answer;
  }
  // Roots are too loose a match to mark in the text: the highlights show the words that match.
  const queried = [...query.terms.words.flat(), ...(query.translatedTerms?.words.flat() ?? [])];
  const shown = new Set(queried.filter((term) => !isRootTerm(term)));
  const focus = {
    words: [...query.terms.words, ...(query.translatedTerms?.words ?? [])],
    kind: answerKindOf(readText),
    settings: options.bestSentence,
  };
  answer.abstained = false;
  answer.results = presentResults(state, chosen, options.limit ?? DEFAULT_PASSAGES, shown, focus, bridged?.translation);
  lap("formatting");
  return answer;
}
