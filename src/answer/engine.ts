/**
 * The answer engine: from a question to cited passages. It owns the index, the optional embedding
 * model and the search pipeline, and knows nothing of how answers are shown. Build it from
 * settings with openEngine (open-engine.ts).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Lexicon } from "../bridge/index.js";
import { checkFusion } from "../config/defaults.js";
import { type CorpusDocument, pagesOf } from "../corpus/document.js";
import type { CorpusFileError } from "../corpus/load.js";
import { type Embedder, loadEmbedder, ModelUnavailableError } from "../embedding/embedder.js";
import { QueryBatcher } from "../embedding/query-batcher.js";
import { sectionTitle } from "../indexing/corpus-index.js";
import { IndexFileError, readManifest } from "../indexing/store.js";
import { type WriteLockOptions, withWriteLock } from "../indexing/write-lock.js";
import { silentLogger } from "../log/logger.js";
import type { Answer, SearchMode } from "./answer.js";
import { type AskOptions, askQuestion } from "./ask.js";
import type { EngineOptions, EngineTask } from "./engine-options.js";
import { prepareQuestion } from "./question.js";
import { loadSearchState, type SearchState } from "./search-state.js";

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
  /** The pages the text stands on, in a paginated document. */
  pages?: number[];
  text: string;
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
    const state = await loadSearchState(options, embedder, embed, lexicon, options.rebuild ?? false);
    return new AnswerEngine(options, embedder, modelProblem, embed, lexicon, state);
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
    const corpusDir = this.corpusFolder();
    const said = this.state.index.report?.caveats.some((caveat) => caveat.includes(corpusDir));
    return said || existsSync(corpusDir) ? [] : [`the corpus folder ${corpusDir} is gone: answering from the index loaded before, which cannot be rebuilt`];
  }

  /** The corpus folder: the one given, else the one the index in use was built from. */
  corpusFolder(): string {
    return this.options.corpusDir ?? resolve(this.options.indexDir, this.state.index.manifest.corpusDir);
  }

  /** The documents of the corpus, in index order. */
  documents(): CorpusDocument[] {
    return this.state.index.documents;
  }

  /** How many passages document `id` was cut into. */
  passageCount(id: string): number {
    return this.state.index.passages.filter((p) => p.docId === id).length;
  }

  /**
   * Rebuilds the index from the corpus folder and swaps it in; questions asked meanwhile are
   * answered from the old index.
   */
  async reindex(options?: WriteLockOptions): Promise<EngineStatus> {
    await this.changeCorpus(async () => undefined, options);
    return this.status();
  }

  /**
   * Makes `change` to the corpus folder (adding or removing a document), then rebuilds the index
   * and swaps it in, all holding the write lock that instances sharing the index take: changes
   * queue one after the other, here and across instances, and none sees a half-made one.
   */
  changeCorpus<T>(change: () => Promise<T>, options?: WriteLockOptions): Promise<T> {
    return withWriteLock(
      this.options.indexDir,
      async () => {
        // Another instance may have changed the corpus just before: the change starts from its index.
        await this.refresh();
        const result = await change();
        // A load begun before the change (a refresh) read the corpus as it was: this one must not share it.
        await this.loading?.catch(() => undefined);
        await this.swapState(true);
        return result;
      },
      options,
    );
  }

  /** Loads the index (rebuilt first with `rebuild`) and swaps it in; calls made meanwhile share the one load. */
  private swapState(rebuild: boolean): Promise<void> {
    this.loading ??= loadSearchState(this.options, this.embedder, this.embed, this.lexicon, rebuild)
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
    const paragraphs = scope === "paragraph" ? [section.paragraphs[found.paragraph - 1]!] : section.paragraphs;
    const [start, end] = [paragraphs[0]!.start, paragraphs.at(-1)!.end];
    const pages = pagesOf(paragraphs);
    return {
      document,
      section: sectionTitle(document, found) || null,
      paragraph: found.paragraph,
      ...(pages ? { pages } : {}),
      text: document.text.slice(start, end),
    };
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
  ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return askQuestion(this.state, this.mode, question, options);
  }

  /** Answers several questions; concurrent questions share model calls. */
  askMany(questions: string[], options: AskOptions = {}): Promise<Answer[]> {
    return Promise.all(questions.map((question) => this.ask(question, options)));
  }
}
