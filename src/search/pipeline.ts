/**
 * The search pipeline: a question goes through named stages, each timed under its name:
 * embedding (when a retriever needs it), each retriever, fusion, confidence. Retrievers, fusion
 * weights and the confidence floors are given when the pipeline is composed (answer/search-state.ts).
 */
import type { ConfidenceSignals, ConfidenceStage, ConfidenceTier } from "./confidence.js";
import { type FusedHit, fuseLists } from "./fusion.js";
import type { RankedList, Retriever, SearchQuery } from "./retriever.js";

/** Milliseconds spent in each stage, by stage name; a caller passes one in to have times added to it. */
export type StageTimings = Record<string, number>;

/** A lap clock: `lap(stage)` adds the time since the last lap to `timings[stage]`; `lap()` only restarts it. */
export function stopwatch(timings?: StageTimings): (stage?: string) => void {
  let mark = performance.now();
  return (stage) => {
    const now = performance.now();
    if (timings && stage) timings[stage] = (timings[stage] ?? 0) + now - mark;
    mark = now;
  };
}

export interface PipelineParts {
  retrievers: Retriever[];
  /** Embeds a question (for retrievers that need it); absent when no model is loaded. */
  embed?: (text: string) => Promise<Float32Array>;
  /** Weight of each retriever's list in fusion (1 when absent). */
  fusionWeights?: Readonly<Record<string, number>>;
  /** The last stage: the answer's tier and the passages it shows. */
  confidence: ConfidenceStage;
  /** Candidates each retriever contributes to fusion. */
  candidates: number;
}

export interface PipelineSearch {
  /** Which retrievers run (default: every one whose needs are met). */
  use?: (retriever: Retriever) => boolean;
  /** Whether to hold back passages the confidence stage judges unrelated (default true); the tier is given either way. */
  abstain?: boolean;
  timings?: StageTimings;
}

export interface PipelineResult {
  /** Every retriever's list, with its evidence. */
  lists: RankedList[];
  /** The fused ranking, before the confidence stage. */
  ranked: FusedHit[];
  /** The passages shown, best first: none for the "none" tier (all of `ranked` when `abstain` is false). */
  chosen: FusedHit[];
  tier: ConfidenceTier;
  /** What the tier was decided from. */
  signals: ConfidenceSignals;
}

export class SearchPipeline {
  constructor(private readonly parts: PipelineParts) {}

  /** The stage names, in order, as they appear in timings and reports. */
  get stages(): string[] {
    return ["embedding", ...this.parts.retrievers.map((r) => r.name), "fusion", "confidence"];
  }

  /** The retrievers that can run: those needing an embedding only with a model. */
  get retrievers(): readonly Retriever[] {
    return this.parts.retrievers.filter((r) => !r.needsEmbedding || this.parts.embed);
  }

  async search(query: SearchQuery, { use = () => true, abstain = true, timings }: PipelineSearch = {}): Promise<PipelineResult> {
    // A retriever weighted 0 is switched off: it neither ranks nor votes on the tier.
    const active = this.retrievers.filter((retriever) => use(retriever) && (this.parts.fusionWeights?.[retriever.name] ?? 1) > 0);
    const lap = stopwatch(timings);
    if (!query.vector && active.some((r) => r.needsEmbedding)) query.vector = await this.parts.embed!(query.text);
    lap("embedding");
    const lists = active.map((retriever) => {
      const list = { retriever: retriever.name, hits: retriever.retrieve(query, this.parts.candidates) };
      lap(retriever.name);
      return list;
    });
    // Lists that found nothing related add only noise to the fusion (an English question's own
    // words against Arabic documents): they are left out whenever another list found something.
    const related = lists.filter((list) => this.parts.confidence.isRelated(list));
    const ranked = fuseLists(related.length ? related : lists, this.parts.fusionWeights);
    lap("fusion");
    const { tier, chosen, signals } = this.parts.confidence.assess(query, ranked, lists, abstain);
    lap("confidence");
    return { lists, ranked, chosen, tier, signals };
  }
}
