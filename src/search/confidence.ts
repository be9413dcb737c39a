/**
 * The confidence stage, after fusion: it gives every answer a tier, "answer" (the passages answer
 * the question), "closest" (related passages that may not answer it) or "none" (nothing related),
 * from signals the pipeline already holds. The rule is hand-set and small enough to explain in a
 * sentence per tier (fitted and measured by `npm run bench:confidence`):
 *
 * - each retriever's list votes on its own evidence scale: "answer" when the first passage's
 *   evidence reaches the list's answer floor, "closest" when some passage's reaches its none
 *   floor, else "none"; the answer takes the best vote, so a new retriever is one more voter;
 * - an "answer" whose first passage lacks a number of the question (a year, a date, a count)
 *   becomes "closest": a question about 2019 answered with 2006 is a near miss, not an answer.
 *
 * The floors follow the corpus and the model: when off-topic probe questions were scored against
 * the index (answer/calibration.ts), the none floor of a list that follows the probes is
 * raised to the probes' high quantile and its answer floor to at least that plus a gap scaled by
 * the probes' spread.
 */
import { CONFIDENCE, type RetrieverTuning } from "../config/tuning.js";
import { numbersIn } from "../text/numbers.js";
import { withoutReferenceMarkers } from "../text/reference-markers.js";
import type { FusedHit } from "./fusion.js";
import type { RankedList, SearchQuery } from "./retriever.js";

/** How sure an answer is: the three kinds of reply. */
export type ConfidenceTier = "answer" | "closest" | "none";

const TIER_ORDER: readonly ConfidenceTier[] = ["none", "closest", "answer"];

/**
 * A retriever's floors: the least evidence, on its own scale, for each tier, and which passages are
 * shown (config/tuning.ts, RetrieverTuning, says what each means).
 */
export type EvidenceFloors = Pick<RetrieverTuning, "none" | "answer"> & Partial<Pick<RetrieverTuning, "shownShare" | "followProbes">>;

/** The best evidence each off-topic probe question got, per retriever, ascending. */
export type ProbeScores = Readonly<Record<string, readonly number[]>>;

export interface ConfidenceOptions {
  /** Floors per retriever name; a retriever without floors never votes (its passages are still ranked). */
  floors: Readonly<Record<string, EvidenceFloors>>;
  /** The probes' scores against this corpus with this model, when calibrated. */
  probes?: ProbeScores;
  /** Text of a passage by position, for the numbers check; without it numbers are not checked. */
  passageText?: (position: number) => string;
  /** The probe quantile a list's evidence must pass to be related at all (default CONFIDENCE.probeQuantile). */
  probeQuantile?: number;
  /** How far above the none floor the answer floor stands at least, in probe spreads (default CONFIDENCE.answerGap). */
  answerGap?: number;
}

/** What the tier was decided from, per list and overall: what `npm run bench:confidence` fits and a reader checks. */
export interface ConfidenceSignals {
  /** Per retriever: the evidence of the answer's first passage, the list's best, and the floors in force. */
  lists: Record<string, { first: number; best: number; floors: EvidenceFloors; vote: ConfidenceTier }>;
  /** Numbers of the question that the first passage does not contain. */
  missingNumbers: string[];
}

export interface ConfidenceResult {
  tier: ConfidenceTier;
  /** The passages shown, best first: empty for "none". */
  chosen: FusedHit[];
  signals: ConfidenceSignals;
}

/** The value below which a share `q` of the ascending `values` lie (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))]!;
}

export class ConfidenceStage {
  /** The floors in force per retriever, the probes taken into account. */
  readonly floors: Readonly<Record<string, EvidenceFloors>>;

  constructor(private readonly options: ConfidenceOptions) {
    const { probes = {}, probeQuantile = CONFIDENCE.probeQuantile, answerGap = CONFIDENCE.answerGap } = options;
    const floors: Record<string, EvidenceFloors> = {};
    for (const [retriever, set] of Object.entries(options.floors)) {
      const scores = (set.followProbes && probes[retriever]) || [];
      const high = quantile(scores, probeQuantile);
      const none = Math.max(set.none, high);
      floors[retriever] = { ...set, none, answer: Math.max(set.answer, none + answerGap * (high - quantile(scores, 0.5))) };
    }
    this.floors = floors;
  }

  /**
   * Whether `list` found anything related to the question: some passage at its retriever's none
   * floor. Retrievers without floors always count.
   */
  isRelated(list: RankedList): boolean {
    const floors = this.floors[list.retriever];
    return !floors || list.hits.some((hit) => hit.evidence >= floors.none);
  }

  /**
   * The hits of `ranked`, in order, that some list's evidence marks relevant: the list's best
   * reaches its none floor, and the hit reaches the list's share of that best (the none floor
   * itself when the share is 0). The floor says whether the question is related at all; once it
   * is, a passage below the floor but near the best is shown too.
   */
  private shown(ranked: FusedHit[], lists: RankedList[]): FusedHit[] {
    const relevant = new Set<number>();
    for (const list of lists) {
      const floors = this.floors[list.retriever];
      if (!floors) continue;
      const best = list.hits.reduce((most, hit) => Math.max(most, hit.evidence), 0);
      if (best < floors.none) continue;
      const share = floors.shownShare ?? CONFIDENCE.shownShare;
      const least = share > 0 ? share * best : floors.none;
      for (const hit of list.hits) if (hit.evidence >= least) relevant.add(hit.position);
    }
    return ranked.filter((hit) => relevant.has(hit.position));
  }

  /** The tier of an answer and the passages it shows; with `abstain` false every ranked passage is shown whatever the tier. */
  assess(query: SearchQuery, ranked: FusedHit[], lists: RankedList[], abstain = true): ConfidenceResult {
    const related = this.shown(ranked, lists);
    const first = related[0]?.position;
    const signals: ConfidenceSignals = { lists: {}, missingNumbers: [] };
    let tier: ConfidenceTier = "none";
    for (const list of lists) {
      const floors = this.floors[list.retriever];
      if (!floors) continue;
      let best = 0;
      let atFirst = 0;
      for (const hit of list.hits) {
        best = Math.max(best, hit.evidence);
        if (hit.position === first) atFirst = hit.evidence;
      }
      const vote: ConfidenceTier = first !== undefined && atFirst >= floors.answer ? "answer" : best >= floors.none ? "closest" : "none";
      signals.lists[list.retriever] = { first: atFirst, best, floors, vote };
      if (TIER_ORDER.indexOf(vote) > TIER_ORDER.indexOf(tier)) tier = vote;
    }
    if (first !== undefined && this.options.passageText) {
      const asked = numbersIn(query.text);
      if (asked.length > 0) {
        // A citation marker ([12]) is no figure of the text.
        const present = new Set(numbersIn(withoutReferenceMarkers(this.options.passageText(first))));
        signals.missingNumbers = asked.filter((n) => !present.has(n));
      }
    }
    if (tier === "answer" && signals.missingNumbers.length > 0) tier = "closest";
    return { tier, chosen: abstain ? related : ranked, signals };
  }
}
