/**
 * The answer engine: from a question to cited passages. It owns the index, the optional embedding
 * model and the search pipeline, and knows nothing of how answers are shown. Build it from
 * settings with openEngine (open-engine.ts).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CrossLingualBridge, Lexicon, needsBridge } from "../bridge/index.js";
import { DEFAULT_FUSION, type FloorSettings, type FusionSettings } from "../config/defaults.js";
import { EVIDENCE, RETRIEVERS, type RetrieverName, type SpecificityScale } from "../config/tuning.js";
import type { CorpusDocument } from "../corpus/document.js";
import type { CorpusFileError } from "../corpus/load.js";
import { type Embedder, loadEmbedder, type ModelSource, ModelUnavailableError } from "../embedding/embedder.js";
import { QueryBatcher } from "../embedding/query-batcher.js";
import { type CorpusIndex, passageTexts, sectionTitle } from "../indexing/corpus-index.js";
import { openIndex } from "../indexing/open-index.js";
import { IndexFileError, readManifest, writeAtomic } from "../indexing/store.js";
import { openVectors } from "../indexing/vectors.js";
import { type Logger, silentLogger } from "../log/logger.js";
import { ConfidenceStage, type EvidenceFloors, type ProbeScores } from "../search/confidence.js";
import { CALIBRATION_FILE, type Calibration, probesHash, readCalibration, scoreProbes } from "../search/confidence-calibration.js";
import type { FusedHit } from "../search/fusion.js";
import { type PipelineParts, SearchPipeline, type StageTimings, stopwatch } from "../search/pipeline.js";
import type { Retriever, SearchQuery } from "../search/retriever.js";
import { bridgeRetriever } from "../search/retrievers/bridge.js";
import { denseRetriever } from "../search/retrievers/dense.js";
import { keywordRetriever } from "../search/retrievers/keyword.js";
import { analyzeQuery, isRootTerm } from "../text/analyzer.js";
import { loadGeneralFrequency } from "../text/general-frequency.js";
import type { Answer, SearchMode } from "./answer.js";
import { missingWords } from "./missing-words.js";
import { prepareQuestion } from "./question.js";
import { type IndexedCorpus, presentResults } from "./results.js";

export type { StageTimings } from "../search/pipeline.js";

/** Topics offered with a "none" answer. */
const TOPICS = 3;

export interface EngineOptions {
  /** The corpus folder; by default the one the stored index was built from. */
  corpusDir?: string;
  indexDir: string;
  /** The embedding model, or null for keyword-only search. */
  model: ModelSource | null;
  log?: Logger;
  /** Floors in place of the fitted ones (config/tuning.ts, RETRIEVERS). */
  floors?: FloorSettings;
  /** How the keyword retrievers' evidence follows general word rarity (default EVIDENCE.specificity). */
  specificity?: SpecificityScale;
  /** Whether English words are translated into Arabic to search the Arabic keyword index (default true). */
  crossLingual?: boolean;
  /** How the retrievers' lists are fused: weights and depth (default DEFAULT_FUSION). */
  fusion?: FusionSettings;
  /** Rebuild the index even when the stored one is current (`npm run index`). */
  rebuild?: boolean;
  /**
   * What the engine is opened for, which the one warning about a missing model speaks to:
   * answering questions (default), or only building the index (`npm run index`).
   */
  task?: EngineTask;
}

/** What an engine is opened for: answering questions, or only building the index (`npm run index`). */
export type EngineTask = "answer" | "index";

/** What searching without the model means for the task at hand, said once after why the model is missing. */
const WITHOUT_MODEL: Record<EngineTask, (options: EngineOptions) => string> = {
  answer: ({ crossLingual }) =>
    `Answering with keyword search only (${crossLingual === false ? "English questions need the model" : "English questions through the dictionary bridge"})`,
  index: () => "Building the keyword index only: passage vectors are not computed (the bot or ask computes them when it first runs with the model)",
};

/** The text around a passage, with where it stands. */
export interface PassageContext {
  document: CorpusDocument;
  section: string | null;
  /** The passage's paragraph number within the section. */
  paragraph: number;
  text: string;
}

export interface AskOptions {
  /** How many passages to return (default 3). */
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
  /**
   * The question's embedding, from embedQuestion, so a question asked many ways is embedded once;
   * computed when absent and a retriever needs it.
   */
  vector?: Float32Array;
}

/** What /status and `ask` report about the engine. */
export interface EngineStatus {
  mode: SearchMode;
  modelId: string | null;
  /** Why the model is not in use, when it is not. */
  modelProblem: string | null;
  /** Whether English questions are translated to search the Arabic keyword index (the bridge). */
  crossLingual: boolean;
  documents: number;
  passages: number;
  builtAt: string;
  /** Changes whenever the passages change: positions from one version mean nothing in another. */
  version: string;
  /** What the operator must know about the index in use (not saved, its corpus folder missing, …), one sentence each. */
  caveats: string[];
  /** Corpus files the index was built without, each with why (only for an index built by this process). */
  skipped: readonly CorpusFileError[];
}

/** Everything a search needs; swapped whole when the index is rebuilt. */
interface SearchState extends IndexedCorpus {
  pipeline: SearchPipeline;
  /** What the pipeline was composed from, for a question asked with fusion settings of its own. */
  parts: PipelineParts;
  /** Translates questions with English words, with this index's names; absent when the bridge is off. */
  bridge?: CrossLingualBridge;
  /**
   * The version of the index on disk when this state was loaded: another than the one in use when
   * the index in use could not be saved. refresh() swaps only when the disk has changed since.
   */
  onDisk: string | undefined;
}

/** Which retrievers a search mode runs. */
const RETRIEVERS_OF: Record<SearchMode, (retriever: Retriever) => boolean> = {
  keyword: (r) => !r.needsEmbedding,
  dense: (r) => r.needsEmbedding,
  hybrid: () => true,
};

export class AnswerEngine {
  private state: SearchState;
  /** The load or rebuild in progress, if any. */
  private loading: Promise<void> | undefined;

  private constructor(
    private readonly options: EngineOptions,
    private readonly embedder: Embedder | undefined,
    private readonly modelProblem: string | null,
    /** Embeds a question, sharing model calls between questions asked at once. */
    private readonly embed: ((text: string) => Promise<Float32Array>) | undefined,
    /** The English–Arabic lexicon, loaded once; absent when the bridge is off. */
    private readonly lexicon: Lexicon | undefined,
    state: SearchState,
  ) {
    this.state = state;
  }

  /**
   * Loads the model (once; on failure it says why, once, and searches by keyword only), then the
   * index (rebuilt when stale or damaged) and the passage vectors (computed when missing).
   */
  static async open(options: EngineOptions): Promise<AnswerEngine> {
    const log = options.log ?? silentLogger;
    if (options.fusion) checkFusion(options.fusion);
    let embedder: Embedder | undefined;
    let modelProblem: string | null = null;
    if (options.model) {
      try {
        embedder = await loadEmbedder(options.model);
      } catch (error) {
        if (!(error instanceof ModelUnavailableError)) throw error;
        modelProblem = error.message;
        log.warn(`${error.message}. ${WITHOUT_MODEL[options.task ?? "answer"](options)}.`);
      }
    } else {
      modelProblem = "embeddings are turned off in the settings";
    }
    // Questions asked concurrently (by different chats) share model calls.
    const queries = embedder && new QueryBatcher(embedder);
    const embed = queries && (async (text: string) => (await queries.embed([text]))[0]!);
    const lexicon = options.crossLingual === false ? undefined : Lexicon.load();
    const state = await AnswerEngine.loadState(options, embedder, embed, lexicon, options.rebuild ?? false);
    return new AnswerEngine(options, embedder, modelProblem, embed, lexicon, state);
  }

  private static async loadState(
    options: EngineOptions,
    embedder: Embedder | undefined,
    embed: ((text: string) => Promise<Float32Array>) | undefined,
    lexicon: Lexicon | undefined,
    rebuild: boolean,
  ): Promise<SearchState> {
    const log = options.log ?? silentLogger;
    const index = await openIndex({ ...options, embedder, log, rebuild, mustSave: options.task === "index" });
    const vectors = embedder ? await openVectors(index, options.indexDir, embedder, log) : undefined;
    const floors = Object.fromEntries(
      Object.entries(RETRIEVERS).map(([name, { none, answer, shownShare, followProbes }]): [string, EvidenceFloors] => [
        name,
        { none, answer, shownShare, followProbes, ...options.floors?.[name as RetrieverName] },
      ]),
    );
    const texts = passageTexts(index.documents, index.passages);
    const passageText = (position: number) => texts[position]!;
    const bridge = lexicon && new CrossLingualBridge(lexicon, index.names);
    // The search pipeline: a new retriever is one more entry here (and its tuning in config/tuning.ts).
    const { weights, candidates } = options.fusion ?? DEFAULT_FUSION;
    const specificity = options.specificity ?? EVIDENCE.specificity;
    loadGeneralFrequency(); // read by the keyword retrievers' evidence: now, not on the first question
    const retrieval: Omit<PipelineParts, "confidence"> = {
      retrievers: [
        keywordRetriever(index.keyword, specificity),
        ...(bridge ? [bridgeRetriever(index.keyword, specificity)] : []),
        ...(vectors ? [denseRetriever(vectors)] : []),
      ],
      embed: vectors && embed,
      fusionWeights: weights,
      candidates,
    };
    const uncalibrated = new SearchPipeline({ ...retrieval, confidence: new ConfidenceStage({ floors, passageText }) });
    const modelId = vectors && embedder ? embedder.modelId : null;
    const probes = await AnswerEngine.calibration(options.indexDir, index, modelId, probesHash(specificity), uncalibrated, rebuild, log);
    const parts: PipelineParts = { ...retrieval, confidence: new ConfidenceStage({ floors, probes, passageText }) };
    const onDisk = (await readManifest(options.indexDir).catch(() => undefined))?.passagesHash;
    return { index, pipeline: new SearchPipeline(parts), parts, bridge, documents: new Map(index.documents.map((d) => [d.meta.id, d])), onDisk };
  }

  /**
   * The probes' scores for this index version, model and scoring (`probesHash`): read from
   * calibration.json when it is theirs, else scored and stored (a folder that cannot be written only costs scoring again).
   */
  private static async calibration(
    indexDir: string,
    index: CorpusIndex,
    modelId: string | null,
    probesHash: string,
    pipeline: SearchPipeline,
    rebuild: boolean,
    log: Logger,
  ): Promise<ProbeScores> {
    const { passagesHash } = index.manifest;
    const stored = rebuild ? undefined : await readCalibration(indexDir, passagesHash, modelId, probesHash);
    if (stored) return stored.scores;
    const scores = await scoreProbes(pipeline);
    const calibration: Calibration = { format: 1, passagesHash, modelId, probesHash, scores: { ...scores } as Record<string, number[]> };
    try {
      await writeAtomic(join(indexDir, CALIBRATION_FILE), `${JSON.stringify(calibration)}\n`);
    } catch (error) {
      log.warn(`could not store the confidence calibration in ${indexDir}: ${(error as Error).message}`);
    }
    return scores;
  }

  get mode(): SearchMode {
    return this.state.pipeline.retrievers.some((r) => r.needsEmbedding) ? "hybrid" : "keyword";
  }

  /** The names of the stages a question goes through, in order, as timings report them. */
  get stages(): string[] {
    return ["analysis", ...this.state.pipeline.stages, "formatting"];
  }

  status(): EngineStatus {
    const { manifest } = this.state.index;
    return {
      mode: this.mode,
      modelId: this.embedder?.modelId ?? null,
      modelProblem: this.modelProblem,
      crossLingual: !!this.lexicon,
      documents: manifest.documents,
      passages: manifest.passages,
      builtAt: manifest.builtAt,
      version: manifest.passagesHash.slice(0, 8),
      caveats: [...(this.state.index.report?.caveats ?? []), ...this.corpusGone()],
      skipped: this.state.index.report?.skipped ?? [],
    };
  }

  /**
   * A caveat when the corpus folder has gone since the index in use was opened (a /reindex would
   * fail): said in /status, which is where an operator looks.
   */
  private corpusGone(): string[] {
    const corpusDir = this.options.corpusDir ?? resolve(this.options.indexDir, this.state.index.manifest.corpusDir);
    const said = this.state.index.report?.caveats.some((caveat) => caveat.includes(corpusDir));
    return said || existsSync(corpusDir) ? [] : [`the corpus folder ${corpusDir} is gone: answering from the index loaded before, which cannot be rebuilt`];
  }

  /** The documents of the corpus, in index order. */
  documents(): CorpusDocument[] {
    return this.state.index.documents;
  }

  /**
   * Rebuilds the index from the corpus folder and swaps it in; questions asked meanwhile are
   * answered from the old index. Concurrent calls share one rebuild.
   */
  async reindex(): Promise<EngineStatus> {
    await this.swapState(true);
    return this.status();
  }

  /** Loads the index (rebuilt first with `rebuild`) and swaps it in; calls made meanwhile share the one load. */
  private swapState(rebuild: boolean): Promise<void> {
    this.loading ??= AnswerEngine.loadState(this.options, this.embedder, this.embed, this.lexicon, rebuild)
      .then((state) => {
        this.state = state;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /**
   * Swaps in the index on disk when another process (a /reindex on another instance of the bot,
   * or `npm run index`) has replaced the one in use; true when it did. An index being written, or
   * damaged, is left alone until a later call finds it whole. Questions asked meanwhile are
   * answered from the index in use.
   */
  async refresh(): Promise<boolean> {
    if (this.loading) return false;
    let onDisk: string | undefined;
    try {
      onDisk = (await readManifest(this.options.indexDir))?.passagesHash;
    } catch (error) {
      if (error instanceof IndexFileError) return false;
      throw error;
    }
    if (!onDisk || onDisk === this.state.onDisk) return false;
    try {
      await this.swapState(false);
    } catch (error) {
      if (error instanceof IndexFileError) return false;
      throw error;
    }
    return true;
  }

  /**
   * The whole paragraph (or section, with `scope`) around a passage, given by id or by position,
   * for "show more context".
   */
  context(idOrPosition: string | number, scope: "paragraph" | "section"): PassageContext | undefined {
    const { index, documents } = this.state;
    const found = typeof idOrPosition === "number" ? index.passages[idOrPosition] : index.passages.find((p) => p.id === idOrPosition);
    const document = found && documents.get(found.docId);
    if (!found || !document) return undefined;
    const section = document.sections[found.section]!;
    const span =
      scope === "paragraph" ? section.paragraphs[found.paragraph - 1]! : { start: section.paragraphs[0]!.start, end: section.paragraphs.at(-1)!.end };
    return { document, section: sectionTitle(document, found) || null, paragraph: found.paragraph, text: document.text.slice(span.start, span.end) };
  }

  /**
   * The question's embedding as `ask` would compute it (undefined without a model, or for a
   * question with nothing to search), to pass back as AskOptions.vector.
   */
  async embedQuestion(question: string): Promise<Float32Array | undefined> {
    const { searchText } = prepareQuestion(question);
    return this.mode === "hybrid" && searchText !== undefined ? this.embed!(searchText) : undefined;
  }

  /** Answers one question. */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const state = this.state;
    if (options.fusion) checkFusion(options.fusion);
    const retrieval = options.retrieval ?? this.mode;
    if (retrieval !== "keyword" && this.mode === "keyword") throw new Error(`${retrieval} search needs the embedding model, which is not loaded`);
    const { query: asked, language, searchText, notices } = prepareQuestion(question);
    const answer: Answer = { query: asked, language, mode: retrieval, abstained: true, confidence: "none", topics: [], notices, results: [] };
    if (searchText === undefined) return answer;

    const lap = stopwatch(options.timings);
    const query: SearchQuery = { text: searchText, language, terms: analyzeQuery(searchText), vector: options.vector };
    const bridged = state.bridge && needsBridge(searchText) ? state.bridge.query(searchText) : undefined;
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
      const missing = missingWords(query.text, bridged?.translation, (term) => state.index.keyword.holds(term));
      if (missing.length > 0) answer.missing = missing;
    }
    if (chosen.length === 0) {
      notices.push("no-answer");
      if (language === "en" && this.mode === "keyword" && !state.bridge) notices.push("needs-model-for-english");
      answer.topics = nearestTopics(state, ranked);
      lap("formatting");
      return answer;
    }
    // Roots are too loose a match to mark in the text: the highlights show the words that match.
    const queried = [...query.terms.words.flat(), ...(query.translatedTerms?.words.flat() ?? [])];
    const shown = new Set(queried.filter((term) => !isRootTerm(term)));
    answer.abstained = false;
    answer.results = presentResults(state, chosen, options.limit ?? 3, shown, bridged?.translation);
    lap("formatting");
    return answer;
  }

  /** Answers several questions; concurrent questions share model calls. */
  askMany(questions: string[], options: AskOptions = {}): Promise<Answer[]> {
    return Promise.all(questions.map((question) => this.ask(question, options)));
  }
}

/** Throws, saying what is wrong, unless every weight is a number from 0 up, one above 0, and the depth a whole number from 1. */
function checkFusion({ weights, candidates }: FusionSettings): void {
  const problems = Object.entries(weights)
    .filter(([, weight]) => !(Number.isFinite(weight) && weight >= 0))
    .map(([name, weight]) => `${name} weight ${weight}: expected a number from 0 up`);
  if (problems.length === 0 && !Object.values(weights).some((weight) => weight > 0)) problems.push("every weight is 0: nothing would be searched");
  if (!(Number.isInteger(candidates) && candidates >= 1)) problems.push(`candidates ${candidates}: expected a whole number from 1 up`);
  if (problems.length) throw new RangeError(`invalid fusion settings: ${problems.join("; ")}`);
}

/**
 * The titles (section, else document) of the passages nearest to an unanswered question, nearest
 * first; when nothing matched at all, the documents' titles, so the user still learns what the
 * documents are about.
 */
function nearestTopics({ index, documents }: SearchState, ranked: FusedHit[]): string[] {
  const topics = new Set<string>();
  for (const { position } of ranked) {
    const passage = index.passages[position]!;
    const document = documents.get(passage.docId)!;
    topics.add(sectionTitle(document, passage) || document.meta.title);
    if (topics.size === TOPICS) return [...topics];
  }
  for (const document of index.documents) {
    if (topics.size === TOPICS) break;
    topics.add(document.meta.title);
  }
  return [...topics];
}
