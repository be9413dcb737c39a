/**
 * The answer engine: from a question to cited passages. It owns the index, the optional embedding
 * model and the search settings, and knows nothing of how answers are shown.
 */
import type { Passage } from "../chunking/passages.js";
import type { CorpusDocument } from "../corpus/document.js";
import { citedReferenceNumbers } from "../corpus/document.js";
import { loadEmbedder, ModelUnavailableError, type Embedder, type ModelSource } from "../embedding/embedder.js";
import { QueryBatcher } from "../embedding/query-batcher.js";
import { openIndex, sectionTitle, type CorpusIndex } from "../indexing/corpus-index.js";
import { openVectors } from "../indexing/vectors.js";
import { silentLogger, type Logger } from "../log/logger.js";
import type { DenseHit, VectorIndex } from "../search/dense.js";
import { reciprocalRankFusion } from "../search/fusion.js";
import type { KeywordHit } from "../search/keyword.js";
import { analyzeQuery, isRootTerm } from "../text/analyzer.js";
import { detectLanguage } from "../text/language.js";
import type { Answer, AnswerNotice, AnswerPassage, SearchMode } from "./answer.js";
import { highlight } from "./highlight.js";

/** Longest question searched; longer ones are cut at a word boundary (with a notice). */
export const MAX_QUESTION_CHARS = 1000;

/** Candidates each retriever contributes to fusion. */
const CANDIDATES = 50;

export interface AbstentionThresholds {
  /**
   * Least share of the question's IDF weight that some keyword hit must cover. Unknown words
   * weigh the most, so a question about something the corpus never mentions falls below it.
   */
  keywordCoverage: number;
  /** Least cosine similarity of the best dense hit (meaningful for the real e5 model only). */
  denseSimilarity: number;
}

/**
 * keywordCoverage 0.35: on the seed question set, in-corpus Arabic questions reach at least 0.51
 * and off-topic ones at most 0.20 (`npm run eval`). denseSimilarity 0.83 is a typical relevance
 * floor for multilingual-e5 cosine scores; it could not be calibrated here without the real model.
 */
export const DEFAULT_ABSTENTION: AbstentionThresholds = { keywordCoverage: 0.35, denseSimilarity: 0.83 };

export interface EngineOptions {
  /** The corpus folder; by default the one the stored index was built from. */
  corpusDir?: string;
  indexDir: string;
  /** The embedding model, or null for keyword-only search. */
  model: ModelSource | null;
  log?: Logger;
  abstention?: AbstentionThresholds;
  /** Rebuild the index even when the stored one is current (`npm run index`). */
  rebuild?: boolean;
}

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
   * Whether to hold back answers judged irrelevant (default true). Benchmarks that measure the
   * ranking itself turn it off.
   */
  abstain?: boolean;
  /** Which retrievers to use (default: hybrid when the model is loaded, else keyword). Benchmarks compare them. */
  retrieval?: "keyword" | "dense" | "hybrid";
  /** When given, each stage's time in milliseconds is added to it (for the performance benchmark). */
  timings?: StageTimings;
}

/** Milliseconds spent in each stage of answering. */
export interface StageTimings {
  embedding: number;
  keyword: number;
  dense: number;
  fusion: number;
  formatting: number;
}

/** What /status and `ask` report about the engine. */
export interface EngineStatus {
  mode: SearchMode;
  modelId: string | null;
  /** Why the model is not in use, when it is not. */
  modelProblem: string | null;
  documents: number;
  passages: number;
  builtAt: string;
  /** Changes whenever the passages change: positions from one version mean nothing in another. */
  version: string;
}

/** Passages shown as one result: parts of one paragraph found together. */
interface Group {
  members: { passage: Passage; position: number }[];
  score: number;
}

/** Everything a search needs; swapped whole when the index is rebuilt. */
interface SearchState {
  index: CorpusIndex;
  vectors?: VectorIndex;
  documents: Map<string, CorpusDocument>;
}

/** Cleans what a user typed into searchable text: markup tags and formatting characters go. */
function searchableText(question: string): string {
  return question.replace(/<[^>]{0,200}>/g, " ").replace(/[*_`~|#>]+/g, " ");
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

export class AnswerEngine {
  private state: SearchState;
  private rebuilding: Promise<void> | undefined;
  /** Questions asked concurrently (by different chats) share model calls. */
  private readonly queries: QueryBatcher | undefined;

  private constructor(
    private readonly options: EngineOptions,
    private readonly embedder: Embedder | undefined,
    private readonly modelProblem: string | null,
    state: SearchState,
  ) {
    this.state = state;
    this.queries = embedder && new QueryBatcher(embedder);
  }

  /**
   * Loads the model (once; on failure it says why, once, and searches by keyword only), then the
   * index (rebuilt when stale or damaged) and the passage vectors (computed when missing).
   */
  static async open(options: EngineOptions): Promise<AnswerEngine> {
    const log = options.log ?? silentLogger;
    let embedder: Embedder | undefined;
    let modelProblem: string | null = null;
    if (options.model) {
      try {
        embedder = await loadEmbedder(options.model);
      } catch (error) {
        if (!(error instanceof ModelUnavailableError)) throw error;
        modelProblem = error.message;
        log.warn(`${error.message}. Answering with keyword search only (English questions need the model).`);
      }
    } else {
      modelProblem = "embeddings are turned off (EMBEDDINGS=off)";
    }
    const state = await AnswerEngine.loadState(options, embedder, options.rebuild ?? false);
    return new AnswerEngine(options, embedder, modelProblem, state);
  }

  private static async loadState(options: EngineOptions, embedder: Embedder | undefined, rebuild: boolean): Promise<SearchState> {
    const log = options.log ?? silentLogger;
    const index = await openIndex({ ...options, embedder, log, rebuild });
    const vectors = embedder ? await openVectors(index, options.indexDir, embedder, log) : undefined;
    return { index, vectors, documents: new Map(index.documents.map((d) => [d.meta.id, d])) };
  }

  get mode(): SearchMode {
    return this.state.vectors ? "hybrid" : "keyword";
  }

  status(): EngineStatus {
    const { manifest } = this.state.index;
    return {
      mode: this.mode,
      modelId: this.embedder?.modelId ?? null,
      modelProblem: this.modelProblem,
      documents: manifest.documents,
      passages: manifest.passages,
      builtAt: manifest.builtAt,
      version: manifest.passagesHash.slice(0, 8),
    };
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
    this.rebuilding ??= AnswerEngine.loadState(this.options, this.embedder, true)
      .then((state) => {
        this.state = state;
      })
      .finally(() => {
        this.rebuilding = undefined;
      });
    await this.rebuilding;
    return this.status();
  }

  /**
   * The whole paragraph (or section, with `scope`) around a passage, given by id or by position,
   * for "show more context".
   */
  context(passage: string | number, scope: "paragraph" | "section"): PassageContext | undefined {
    const { passages } = this.state.index;
    const found = typeof passage === "number" ? passages[passage] : passages.find((p) => p.id === passage);
    return found && this.contextOf(found, scope);
  }

  private contextOf(passage: Passage, scope: "paragraph" | "section"): PassageContext | undefined {
    const document = this.state.documents.get(passage.docId);
    if (!document) return undefined;
    const section = document.sections[passage.section]!;
    const span = scope === "paragraph" ? section.paragraphs[passage.paragraph - 1]! : { start: section.paragraphs[0]!.start, end: section.paragraphs.at(-1)!.end };
    return { document, section: sectionTitle(document, passage) || null, paragraph: passage.paragraph, text: document.text.slice(span.start, span.end) };
  }

  /** Answers one question. */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const [answer] = await this.askMany([question], options);
    return answer!;
  }

  /** Answers several questions, embedding them in one model call. */
  async askMany(questions: string[], options: AskOptions = {}): Promise<Answer[]> {
    const limit = options.limit ?? 3;
    const prepared = questions.map((question) => this.prepare(question));
    const toEmbed = prepared.filter((p) => p.searchText !== undefined);
    const state = this.state;
    const retrieval = options.retrieval ?? (state.vectors ? "hybrid" : "keyword");
    if (retrieval !== "keyword" && !state.vectors) throw new Error(`${retrieval} search needs the embedding model, which is not loaded`);
    const useDense = retrieval !== "keyword";
    const useKeyword = retrieval !== "dense";
    const embeddingStarted = performance.now();
    const queryVectors = useDense && toEmbed.length ? await this.queries!.embed(toEmbed.map((p) => p.searchText!)) : [];
    if (options.timings) options.timings.embedding += performance.now() - embeddingStarted;
    const vectorOf = new Map(toEmbed.map((p, i) => [p, queryVectors[i]]));
    const abstain = options.abstain ?? true;
    for (const p of prepared) p.answer.mode = retrieval;
    return prepared.map((p) => (p.searchText === undefined ? p.answer : this.search(state, p.answer, p.searchText, { useKeyword, queryVector: vectorOf.get(p) }, limit, abstain, options.timings)));
  }

  private prepare(question: string): { answer: Answer; searchText?: string } {
    const query = question.trim();
    let searchText = searchableText(query);
    const answer: Answer = { query, language: detectLanguage(searchText), mode: this.mode, abstained: true, notices: [], results: [] };
    if (!query) {
      answer.notices.push("empty-question");
      return { answer };
    }
    searchText = searchText.replace(/\s+/g, " ").trim();
    if (searchText.length > MAX_QUESTION_CHARS) {
      searchText = truncateAtWord(searchText, MAX_QUESTION_CHARS);
      answer.notices.push("question-truncated");
    }
    if (!/[\p{L}\p{N}]/u.test(searchText)) {
      answer.notices.push("no-words");
      return { answer };
    }
    return { answer, searchText };
  }

  private search(
    state: SearchState,
    answer: Answer,
    searchText: string,
    { useKeyword, queryVector }: { useKeyword: boolean; queryVector?: Float32Array },
    limit: number,
    abstain: boolean,
    timings?: StageTimings,
  ): Answer {
    const thresholds = this.options.abstention ?? DEFAULT_ABSTENTION;
    let mark = performance.now();
    const lap = (stage: keyof StageTimings) => {
      const now = performance.now();
      if (timings) timings[stage] += now - mark;
      mark = now;
    };
    const query = analyzeQuery(searchText);
    const keywordHits = useKeyword ? state.index.keyword.query(query, CANDIDATES) : [];
    lap("keyword");
    const denseHits: DenseHit[] = queryVector && state.vectors ? state.vectors.query(queryVector, CANDIDATES) : [];
    lap("dense");
    const byKeyword = new Map<number, KeywordHit>(keywordHits.map((h) => [h.passage, h]));
    const bySimilarity = new Map<number, number>(denseHits.map((h) => [h.passage, h.score]));

    const relevant = (passage: number) =>
      (byKeyword.get(passage)?.coverage ?? 0) >= thresholds.keywordCoverage || (bySimilarity.get(passage) ?? -1) >= thresholds.denseSimilarity;

    const ranked = !queryVector
      ? keywordHits.map((h) => ({ passage: h.passage, score: h.score }))
      : !useKeyword
        ? denseHits.map((h) => ({ passage: h.passage, score: h.score }))
        : reciprocalRankFusion([{ passages: keywordHits.map((h) => h.passage) }, { passages: denseHits.map((h) => h.passage) }]);
    const chosen = abstain ? ranked.filter((hit) => relevant(hit.passage)) : ranked;
    lap("fusion");

    if (chosen.length === 0) {
      answer.notices.push("no-answer");
      if (answer.language === "en" && !state.vectors) answer.notices.push("needs-model-for-english");
      return answer;
    }
    // Roots are too loose a match to mark in the text: the highlights show the words that match.
    const terms = new Set(query.words.flat().filter((term) => !isRootTerm(term)));
    answer.abstained = false;
    answer.results = this.mergeNeighbours(state, chosen, limit).map((group, i) => this.describe(state, group, i + 1, terms));
    lap("formatting");
    return answer;
  }

  /**
   * Picks the best `limit` hits, folding parts of one split paragraph that are both chosen (or
   * that overlap) into one result, so a reader never sees the same text twice.
   */
  private mergeNeighbours(state: SearchState, ranked: { passage: number; score: number }[], limit: number): Group[] {
    const groups: Group[] = [];
    for (const hit of ranked) {
      const passage = state.index.passages[hit.passage]!;
      const member = { passage, position: hit.passage };
      const group = groups.find((g) =>
        g.members.some(({ passage: p }) => p.docId === passage.docId && p.section === passage.section && p.paragraph === passage.paragraph && p.start <= passage.end && passage.start <= p.end + 2),
      );
      if (group) group.members.push(member);
      else if (groups.length < limit) groups.push({ members: [member], score: hit.score });
    }
    return groups;
  }

  private describe(state: SearchState, group: Group, rank: number, terms: Set<string>): AnswerPassage {
    const { passage: first, position } = group.members.reduce((a, b) => (a.passage.start <= b.passage.start ? a : b));
    const start = first.start;
    const end = Math.max(...group.members.map((m) => m.passage.end));
    const document = state.documents.get(first.docId)!;
    const text = document.text.slice(start, end);
    const cited = new Set(citedReferenceNumbers(text));
    const { matches, bestSentence } = highlight(text, terms);
    return {
      rank,
      id: first.id,
      position,
      text,
      score: group.score,
      doc: document.meta,
      section: sectionTitle(document, first) || null,
      paragraph: first.paragraph,
      references: document.references.filter((r) => cited.has(r.n)),
      matches,
      ...(bestSentence ? { bestSentence } : {}),
    };
  }
}
