/**
 * Keyword search over a large corpus (KeywordSearchSettings.largeCorpus): only the passages that
 * hold one of the question's rarer terms are scored, with MiniSearch's own BM25+ read from its
 * postings, so that a common term's long posting list is never walked for every passage.
 */
import type { KeywordSearchSettings } from "../config/tuning.js";
import type { Coverage } from "./coverage.js";
import { byScore, type KeywordHit } from "./keyword-index.js";
import { bm25Idf, type MiniSearchIndex } from "./minisearch-internals.js";

/**
 * The large-corpus search (see KeywordSearchSettings.largeCorpus): candidates from the rarest
 * terms' posting lists, each scored with MiniSearch's BM25+ over every term and field, then
 * ranked as KeywordIndex.query ranks them.
 */
export function searchCandidates(
  index: MiniSearchIndex,
  { boost, bm25, largeCorpus }: KeywordSearchSettings,
  query: { terms: string[]; df: Map<string, number>; termBoost: (term: string) => number; coverage: Coverage },
  limit: number,
): KeywordHit[] {
  const { terms, df, termBoost, coverage } = query;
  const rarestFirst = [...terms].filter((t) => df.get(t)! > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  const candidates = new Map<number, number>(); // short id → slot
  let postings = 0;
  for (const [taken, term] of rarestFirst.entries()) {
    if (taken >= 2 && postings + df.get(term)! > largeCorpus.candidatePostings) break;
    postings += df.get(term)!;
    for (const fieldPostings of index._index.get(term)!.values())
      for (const id of fieldPostings.keys()) if (!candidates.has(id)) candidates.set(id, candidates.size);
  }
  const sums = new Float64Array(candidates.size);
  // The share of each of the question's words that each candidate covers.
  const stride = coverage.wordCount;
  const found = new Float64Array(candidates.size * stride);
  for (const term of rarestFirst) {
    const fields = index._index.get(term)!;
    const boostOfTerm = termBoost(term);
    const coveredWords = coverage.wordsOf(term);
    for (const [field, fieldBoost] of Object.entries(boost)) {
      const fieldId = index._fieldIds[field]!;
      const fieldPostings = fields.get(fieldId);
      if (!fieldPostings) continue;
      const idf = bm25Idf(index._documentCount, fieldPostings.size);
      const average = index._avgFieldLength[fieldId]!;
      const add = (id: number, slot: number, frequency: number) => {
        const length = index._fieldLength.get(id)![fieldId]!;
        sums[slot]! +=
          boostOfTerm * fieldBoost * idf * (bm25.d + (frequency * (bm25.k + 1)) / (frequency + bm25.k * (1 - bm25.b + (bm25.b * length) / average)));
        for (const word of coveredWords.words) found[slot * stride + word] = Math.max(found[slot * stride + word]!, coveredWords.share);
      };
      // Walk whichever is shorter: the term's postings, or the candidates.
      if (fieldPostings.size <= candidates.size) {
        for (const [id, frequency] of fieldPostings) {
          const slot = candidates.get(id);
          if (slot !== undefined) add(id, slot, frequency);
        }
      } else {
        for (const [id, slot] of candidates) {
          const frequency = fieldPostings.get(id);
          if (frequency !== undefined) add(id, slot, frequency);
        }
      }
    }
  }
  // Ranked without the matched terms and the rarest match, which are then found for the `limit` best only.
  const ranked = [...candidates.keys()]
    .map((id, slot) => {
      const share = coverage.ofWords((word) => found[slot * stride + word]!);
      return { id, slot, position: index._documentIds.get(id) as number, score: sums[slot]! * share, coverage: share };
    })
    .sort(byScore)
    .slice(0, limit);
  const holds = (term: string, id: number) => [...index._index.get(term)!.values()].some((fieldPostings) => fieldPostings.has(id));
  return ranked.map(({ id, slot, ...hit }) => ({
    ...hit,
    rarestMatch: coverage.rarestOf((word) => found[slot * stride + word]!),
    coversAllButIncidental: coverage.coversAllButIncidental((word) => found[slot * stride + word]!),
    rarestMissing: coverage.rarestMissing,
    shareInCorpus: coverage.shareInCorpus,
    matchedTerms: rarestFirst.filter((term) => holds(term, id)),
  }));
}
