/**
 * Keyword search over a corpus of ordinary size: every passage that holds a question term is
 * scored, with BM25+ computed and summed in exactly MiniSearch's order of operations (its search
 * with combineWith "OR", on which the project was built), so that answers stay the same to the last
 * bit. A test holds the two to the same scores.
 */
import type { KeywordSearchSettings } from "../config/tuning.js";
import type { Coverage } from "./coverage.js";
import { byScore, type KeywordHit } from "./keyword-index.js";
import { bm25Idf, INDEX_FIELDS, type Postings } from "./postings.js";

/** A question as both searches take it: its terms, their document frequencies, their boosts and its coverage. */
export interface KeywordQuery {
  terms: string[];
  df: Map<string, number>;
  termBoost: (term: string) => number;
  coverage: Coverage;
}

/** MiniSearch's BM25+ (calcBM25Score), operation for operation. */
function bm25Score(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number, k: number, b: number, d: number) {
  return bm25Idf(totalCount, matchingCount) * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

export function searchExact(index: Postings, { boost, bm25 }: KeywordSearchSettings, query: KeywordQuery, limit: number): KeywordHit[] {
  const { coverage, termBoost } = query;
  // The query text MiniSearch was given, split as it was: the terms joined by spaces.
  const tokens = query.terms
    .join(" ")
    .split(" ")
    .filter((token) => !!token);
  const total = index.documentCount;
  const scores = new Float64Array(total);
  const matched: (string[] | undefined)[] = new Array(total);
  for (const token of tokens) {
    const id = index.termId(token);
    if (id < 0) continue;
    const boostOfTerm = termBoost(token);
    const fields = index.fields(id);
    // One term's scores first, field by field, then added to the sums: MiniSearch's order.
    const own = new Map<number, number>();
    for (const [field, name] of INDEX_FIELDS.entries()) {
      const fieldBoost = boost[name] || 1;
      const { passages, frequencies } = fields[field]!;
      const average = index.averageLength(field);
      for (let i = 0; i < passages.length; i++) {
        const passage = passages[i]!;
        const raw = bm25Score(frequencies[i]!, passages.length, total, index.fieldLength(passage, field), average, bm25.k, bm25.b, bm25.d);
        const weighted = boostOfTerm * fieldBoost * raw;
        const before = own.get(passage);
        own.set(passage, before === undefined ? weighted : before + weighted);
      }
    }
    for (const [passage, score] of own) {
      const terms = matched[passage];
      if (!terms) {
        scores[passage] = score;
        matched[passage] = [token];
        continue;
      }
      scores[passage] = scores[passage]! + score;
      if (!terms.includes(token)) terms.push(token);
    }
  }
  const hits: { position: number; score: number; coverage: number; matchedTerms: string[] }[] = [];
  for (const [position, terms] of matched.entries()) {
    if (!terms) continue;
    // MiniSearch multiplied the sum by the number of terms matched; undone here, as before (same rounding).
    const share = coverage.ofTerms(terms);
    hits.push({ position, score: ((scores[position]! * terms.length) / terms.length) * share, coverage: share, matchedTerms: terms });
  }
  return hits
    .sort(byScore)
    .slice(0, limit)
    .map((hit) => ({ ...hit, ...coverage.ofMatchedTerms(hit.matchedTerms), rarestMissing: coverage.rarestMissing, shareInCorpus: coverage.shareInCorpus }));
}
