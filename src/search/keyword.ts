/**
 * Keyword search: BM25 over passages with MiniSearch and the project's Arabic/English analyzer.
 * Each hit also says how much of the question it covers, weighted by how rare each word is,
 * which is what the abstention rule needs (BM25 scores are not comparable across questions).
 */
import MiniSearch, { type Options } from "minisearch";
import { analyzeQuery, indexTerms } from "../text/analyzer.js";
import { REFERENCE_MARKER } from "../corpus/document.js";

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
  passage: number;
  score: number;
  /** Share of the question's weight (IDF) that this passage matches, from 0 to 1. */
  coverage: number;
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

/** Ranking settings; the defaults are the ones tuned on XQuAD's first 24 articles (docs/benchmarks.md). */
export interface KeywordSearchSettings {
  /** Weight of a match in each field. */
  boost: { text: number; section: number; title: number };
  /** BM25+ parameters: term-frequency saturation k, length normalization b, lower bound d. */
  bm25: { k: number; b: number; d: number };
  /**
   * Weight of a word's broad stem when it differs from its light stem (a looser match), and of a
   * phrase term (two adjacent words) relative to a word's light stem.
   */
  weights: { broadStem: number; phrase: number };
}

export const DEFAULT_KEYWORD_SETTINGS: KeywordSearchSettings = {
  boost: { text: 1, section: 0.6, title: 0.3 },
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  weights: { broadStem: 0.5, phrase: 0.3 },
};

/** MiniSearch's posting lists: term → field id → passage id → term frequency (a protected member). */
interface PostingLists {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
}

/** How many passages hold `term` (in the field where it is most common). */
function documentFrequency(search: MiniSearch<KeywordDocument>, term: string): number {
  const fields = (search as unknown as PostingLists)._index.get(term);
  let most = 0;
  for (const postings of fields?.values() ?? []) most = Math.max(most, postings.size);
  return most;
}

/** The text as indexed: reference markers like [12] say nothing about the topic. */
export function indexableText(text: string): string {
  return text.replace(REFERENCE_MARKER, " ");
}

export class KeywordIndex {
  private constructor(
    private readonly search: MiniSearch<KeywordDocument>,
    private readonly settings: KeywordSearchSettings = DEFAULT_KEYWORD_SETTINGS,
  ) {}

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

  get size(): number {
    return this.search.documentCount;
  }

  /** The `limit` best passages for `question`, best first. */
  query(question: string, limit: number): KeywordHit[] {
    const { words, bigrams } = analyzeQuery(question);
    if (words.length === 0) return [];
    const { boost, bm25, weights } = this.settings;
    const count = this.search.documentCount;
    const df = new Map<string, number>();
    for (const term of [...words.flat(), ...bigrams]) df.set(term, documentFrequency(this.search, term));

    // A word weighs as much as its broadest term is rare; a word the corpus never uses weighs most.
    const weight = words.map((forms) => Math.log(1 + (count - df.get(forms.at(-1)!)! + 0.5) / (df.get(forms.at(-1)!)! + 0.5)));
    const totalWeight = weight.reduce((a, b) => a + b, 0);

    const terms = [...df.keys()];
    const mainTerms = new Set(words.map((forms) => forms[0]!));
    const phrases = new Set(bigrams);
    const results = this.search.search(terms.join(" "), {
      boost,
      bm25,
      combineWith: "OR",
      tokenize: (query) => query.split(" "),
      processTerm: (term) => term,
      boostTerm: (term) => (mainTerms.has(term) ? 1 : phrases.has(term) ? weights.phrase : weights.broadStem),
    });
    return results.slice(0, limit).map((result) => {
      const matched = new Set(result.queryTerms);
      const covered = words.reduce((sum, forms, i) => sum + (forms.some((f) => matched.has(f)) ? weight[i]! : 0), 0);
      return { passage: result.id as number, score: result.score, coverage: covered / totalWeight, matchedTerms: result.queryTerms };
    });
  }
}
