/**
 * Keyword search: BM25 over passages with MiniSearch and the project's Arabic/English analyzer.
 * Each hit also says how much of the question it covers, weighted by how rare each word is: that
 * share ranks the hits (see KeywordIndex.query) and is what the confidence stage reads (BM25 scores
 * are not comparable across questions).
 */
import MiniSearch, { type Options } from "minisearch";
import { KEYWORD_SEARCH, type KeywordSearchSettings } from "../config/tuning.js";
import { analyzeQuery, indexTerms, isRootTerm, type QueryTerms } from "../text/analyzer.js";
import { withoutReferenceMarkers } from "../text/reference-markers.js";
import { Coverage } from "./coverage.js";
import { searchCandidates } from "./large-corpus.js";
import { bm25Idf, documentFrequency, internals, jsonChunks, type MiniSearchIndex } from "./minisearch-internals.js";

/** What MiniSearch indexes for one passage. */
export interface KeywordDocument {
  /** The passage's position in the passage list. */
  id: number;
  text: string;
  /** The section's heading path. */
  section: string;
  title: string;
}

export interface KeywordHit {
  /** The passage's position in the passage list. */
  position: number;
  score: number;
  /**
   * Share of the question's weight (IDF) that this passage matches, from 0 to 1. A word counts
   * when its light or broad stem matches; a match of its root alone is too loose to count, or
   * counts in part when the query says so (QueryTerms.rootCoverage).
   */
  coverage: number;
  /**
   * How rare in Arabic at large the rarest question word the passage matches is (−log10 of its
   * share of text, text/general-frequency.ts): about 3 when it matches only words any text uses,
   * 4 and more when it matches a name, a number or a term; 0 when it matches no word.
   */
  rarestMatch: number;
  /**
   * How rare in Arabic at large the rarest question word is that no passage holds in any form (not
   * even its root), among the words the general list knows and the numbers; 0 when there is none.
   * The same for every hit of one question. A number above ten counts above every word
   * (MISSING_NUMBER_RARITY). Other unlisted words are left out: a name, a misspelt word or an
   * English word the bridge could not translate says little by its absence (counted as missing,
   * 1.9% of answerable Arabic questions and 8.9% of English ones went unanswered, against 0.5% and
   * 2.5%: `npm run bench:confidence`, held-out XQuAD and our sets). A word present by its root
   * alone is not missing: the corpus speaks of something near.
   */
  rarestMissing: number;
  /**
   * The share of the question's Arabic words (a translated question's translations; not numbers,
   * nor words left in Latin letters) that the corpus holds in some form, their root included; 1
   * when the question has none. The same for every hit of one question.
   */
  shareInCorpus: number;
  /**
   * Whether the question has words that no passage holds by any stem but that say little of what
   * it is about (EVIDENCE.incidentalRarity: general words, or words the corpus holds by their root
   * alone), and other words, every one of which the passage matches.
   */
  coversAllButIncidental: boolean;
  /** The analyzed question terms found in the passage. */
  matchedTerms: string[];
}

/** Fields, analysis and ranking; index and query must agree, so they live in one place. */
const INDEX_OPTIONS: Options<KeywordDocument> = {
  fields: ["text", "section", "title"],
  // The analyzer does all the work (words, stems, phrases); MiniSearch takes its terms as they are.
  tokenize: indexTerms,
  processTerm: (term) => term,
};

/** Best first; equal scores (such as passages matching roots only) in passage order, so that both searches agree. */
export const byScore = (a: { position: number; score: number }, b: { position: number; score: number }) => b.score - a.score || a.position - b.position;

/** The text as indexed: reference markers like [12] say nothing about the topic. */
export function indexableText(text: string): string {
  return withoutReferenceMarkers(text);
}

export class KeywordIndex {
  /** The same object as `search`, seen through its checked internals. */
  private readonly index: MiniSearchIndex;

  private constructor(
    private readonly search: MiniSearch<KeywordDocument>,
    private readonly settings: KeywordSearchSettings = KEYWORD_SEARCH,
  ) {
    this.index = internals(search);
  }

  /** The same index ranking with other settings (for tuning). */
  withSettings(settings: KeywordSearchSettings): KeywordIndex {
    return new KeywordIndex(this.search, settings);
  }

  static build(documents: KeywordDocument[]): KeywordIndex {
    const search = new MiniSearch<KeywordDocument>(INDEX_OPTIONS);
    search.addAll(documents.map((d) => ({ ...d, text: indexableText(d.text) })));
    return new KeywordIndex(search);
  }

  /** Restores an index saved with toJSON(). Throws on malformed data. */
  static fromJSON(json: string): KeywordIndex {
    return new KeywordIndex(MiniSearch.loadJSON<KeywordDocument>(json, INDEX_OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  /** The text toJSON() gives, in pieces (minisearch-internals.ts, jsonChunks), for writing a large index to a file. */
  jsonChunks(chunkChars = 1 << 20): Generator<string> {
    return jsonChunks(this.search, chunkChars);
  }

  get size(): number {
    return this.search.documentCount;
  }

  /** Whether some passage holds `term` (an analyzed term: stem, root or phrase). */
  holds(term: string): boolean {
    return documentFrequency(this.index, term) > 0;
  }

  /**
   * The `limit` best passages for `question` (text, or terms already analyzed), best first. A
   * passage's score is its BM25+ score times its coverage: the share of the question's weight it
   * matches takes the place of MiniSearch's factor, the number of query terms matched, which
   * counts a word again for each of its stems and phrases and a common word as much as a rare one
   * (on XQuAD's tuning half: R@1 0.907 → 0.915).
   */
  query(question: string | QueryTerms, limit: number): KeywordHit[] {
    const { words, bigrams, mainTerms: moreMainTerms = [], rootCoverage = 0 } = typeof question === "string" ? analyzeQuery(question) : question;
    if (words.length === 0 || limit <= 0) return [];
    const { boost, bm25, weights } = this.settings;
    const count = this.search.documentCount;
    const df = new Map<string, number>();
    for (const term of [...words.flat(), ...bigrams]) df.set(term, documentFrequency(this.index, term));

    const coverage = new Coverage(
      words,
      (term) => bm25Idf(count, df.get(term)!),
      (term) => df.get(term)! > 0,
      rootCoverage,
    );
    const terms = [...df.keys()];
    const mainTerms = new Set([...words.map((forms) => forms[0]!), ...moreMainTerms]);
    const phrases = new Set(bigrams);
    const termBoost = (term: string) => (mainTerms.has(term) ? 1 : phrases.has(term) ? weights.phrase : isRootTerm(term) ? weights.root : weights.broadStem);
    if (count >= this.settings.largeCorpus.minPassages) return searchCandidates(this.index, this.settings, { terms, df, termBoost, coverage }, limit);
    return (
      this.search
        .search(terms.join(" "), { boost, bm25, combineWith: "OR", tokenize: (query) => query.split(" "), processTerm: (term) => term, boostTerm: termBoost })
        .map((result) => {
          // MiniSearch multiplies the BM25+ sum by the number of query terms matched: undone here.
          const share = coverage.ofTerms(result.queryTerms);
          return { position: result.id as number, score: (result.score / result.queryTerms.length) * share, coverage: share, matchedTerms: result.queryTerms };
        })
        .sort(byScore)
        .slice(0, limit)
        // Found for the kept hits only: the MiniSearch search may return every passage holding a term.
        .map((hit) => ({
          ...hit,
          ...coverage.ofMatchedTerms(hit.matchedTerms),
          rarestMissing: coverage.rarestMissing,
          shareInCorpus: coverage.shareInCorpus,
        }))
    );
  }
}
