/**
 * Keyword search over a large corpus (KeywordSearchSettings.largeCorpus): only the passages that
 * hold one of the question's rarer terms are scored, with the same BM25+ read from the postings,
 * so that a common term's postings are only looked up for the candidates, never scored for every passage.
 */
import type { KeywordSearchSettings } from "../config/tuning.js";
import type { KeywordQuery } from "./exact-search.js";
import { byScore, type KeywordHit } from "./keyword-index.js";
import { bm25Idf, type FieldPostings, INDEX_FIELDS, type Postings } from "./postings.js";

/** Whether `passage` is among `postings`' passages (ascending). */
function holdsPassage({ passages }: FieldPostings, passage: number): boolean {
  let low = 0;
  let high = passages.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (passages[middle] === passage) return true;
    if (passages[middle]! < passage) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/**
 * The large-corpus search (see KeywordSearchSettings.largeCorpus): candidates from the rarest
 * terms' posting lists, each scored with BM25+ over every term and field, then ranked as
 * KeywordIndex.query ranks them.
 */
export function searchCandidates(index: Postings, { boost, bm25, largeCorpus }: KeywordSearchSettings, query: KeywordQuery, limit: number): KeywordHit[] {
  const { terms, df, termBoost, coverage } = query;
  const rarestFirst = [...terms].filter((t) => df.get(t)! > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  const lists = new Map(rarestFirst.map((term) => [term, index.fields(index.termId(term))]));
  const slotOf = new Int32Array(index.documentCount).fill(-1);
  const candidates: number[] = [];
  let postings = 0;
  for (const [taken, term] of rarestFirst.entries()) {
    if (taken >= 2 && postings + df.get(term)! > largeCorpus.candidatePostings) break;
    postings += df.get(term)!;
    for (const { passages } of lists.get(term)!)
      for (const passage of passages)
        if (slotOf[passage]! < 0) {
          slotOf[passage] = candidates.length;
          candidates.push(passage);
        }
  }
  const sums = new Float64Array(candidates.length);
  // The share of each of the question's words that each candidate covers.
  const stride = coverage.wordCount;
  const found = new Float64Array(candidates.length * stride);
  for (const term of rarestFirst) {
    const fields = lists.get(term)!;
    const boostOfTerm = termBoost(term);
    const coveredWords = coverage.wordsOf(term);
    for (const [name, fieldBoost] of Object.entries(boost)) {
      const field = INDEX_FIELDS.indexOf(name as (typeof INDEX_FIELDS)[number]);
      const { passages, frequencies } = fields[field]!;
      if (passages.length === 0) continue;
      const idf = bm25Idf(index.documentCount, passages.length);
      const average = index.averageLength(field);
      for (let i = 0; i < passages.length; i++) {
        const slot = slotOf[passages[i]!]!;
        if (slot < 0) continue;
        const frequency = frequencies[i]!;
        const length = index.fieldLength(passages[i]!, field);
        sums[slot]! +=
          boostOfTerm * fieldBoost * idf * (bm25.d + (frequency * (bm25.k + 1)) / (frequency + bm25.k * (1 - bm25.b + (bm25.b * length) / average)));
        for (const word of coveredWords.words) found[slot * stride + word] = Math.max(found[slot * stride + word]!, coveredWords.share);
      }
    }
  }
  // Ranked without the matched terms and the rarest match, which are then found for the `limit` best only.
  const ranked = candidates
    .map((position, slot) => {
      const share = coverage.ofWords((word) => found[slot * stride + word]!);
      return { slot, position, score: sums[slot]! * share, coverage: share };
    })
    .sort(byScore)
    .slice(0, limit);
  return ranked.map(({ slot, ...hit }) => ({
    ...hit,
    rarestMatch: coverage.rarestOf((word) => found[slot * stride + word]!),
    coversAllButIncidental: coverage.coversAllButIncidental((word) => found[slot * stride + word]!),
    rarestMissing: coverage.rarestMissing,
    shareInCorpus: coverage.shareInCorpus,
    matchedTerms: rarestFirst.filter((term) => lists.get(term)!.some((fieldPostings) => holdsPassage(fieldPostings, hit.position))),
  }));
}
