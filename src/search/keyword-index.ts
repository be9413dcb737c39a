/**
 * Keyword search: BM25+ over passages with the project's Arabic/English analyzer, on the project's
 * own postings (postings.ts), scored exactly as MiniSearch, which the project was built on, scored
 * them. Each hit also says how much of the question it covers, weighted by how rare each word is:
 * that share ranks the hits (see KeywordIndex.query) and is what the confidence stage reads (BM25
 * scores are not comparable across questions).
 */
import { KEYWORD_SEARCH, type KeywordSearchSettings } from "../config/tuning.js";
import { analyzeQuery, indexTerms, isRootTerm, type QueryTerms } from "../text/analyzer.js";
import { withoutReferenceMarkers } from "../text/reference-markers.js";
import { Coverage } from "./coverage.js";
import { searchExact } from "./exact-search.js";
import { searchCandidates } from "./large-corpus.js";
import { bm25Idf, Postings } from "./postings.js";
import { PostingsBuilder } from "./postings-builder.js";

/** What the keyword index holds of one passage. */
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

export { INDEX_FIELDS } from "./postings.js";

/** Best first; equal scores (such as passages matching roots only) in passage order, so that both searches agree. */
export const byScore = (a: { position: number; score: number }, b: { position: number; score: number }) => b.score - a.score || a.position - b.position;

/** The text as indexed: reference markers like [12] say nothing about the topic. */
export function indexableText(text: string): string {
  return withoutReferenceMarkers(text);
}

/** Builds a keyword index passage by passage, holding only the postings (postings-builder.ts). */
export class KeywordIndexBuilder {
  private readonly builder = new PostingsBuilder();

  /** Adds the next passage; its position is the number added before it. */
  add(document: Omit<KeywordDocument, "id">): void {
    this.builder.add([indexTerms(indexableText(document.text)), indexTerms(document.section), indexTerms(document.title)]);
  }

  finish(): KeywordIndex {
    return KeywordIndex.of(this.builder.finish());
  }
}

export class KeywordIndex {
  private constructor(
    private readonly postings: Postings,
    private readonly settings: KeywordSearchSettings = KEYWORD_SEARCH,
  ) {}

  static of(postings: Postings): KeywordIndex {
    return new KeywordIndex(postings);
  }

  /** The same index ranking with other settings (for tuning). */
  withSettings(settings: KeywordSearchSettings): KeywordIndex {
    return new KeywordIndex(this.postings, settings);
  }

  /** The index of `documents`, whose ids must be their positions 0, 1, 2, … */
  static build(documents: KeywordDocument[]): KeywordIndex {
    const builder = new KeywordIndexBuilder();
    for (const [position, document] of documents.entries()) {
      if (document.id !== position) throw new Error(`keyword document ${document.id} is at position ${position}`);
      builder.add(document);
    }
    return builder.finish();
  }

  /** Views over a file toBytes() wrote. Throws on malformed data. */
  static fromBytes(bytes: Uint8Array): KeywordIndex {
    return new KeywordIndex(Postings.fromBytes(bytes));
  }

  /** The index as the pieces of one binary file. */
  toBytes(): Generator<Uint8Array> {
    return this.postings.toBytes();
  }

  get size(): number {
    return this.postings.documentCount;
  }

  /** How many passages hold `term` (in the field where it is most common). */
  documentFrequency(term: string): number {
    const id = this.postings.termId(term);
    return id < 0 ? 0 : Math.max(...this.postings.counts(id));
  }

  /** Whether some passage holds `term` (an analyzed term: stem, root or phrase). */
  holds(term: string): boolean {
    return this.postings.termId(term) >= 0;
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
    const { weights } = this.settings;
    const count = this.postings.documentCount;
    const df = new Map<string, number>();
    for (const term of [...words.flat(), ...bigrams]) df.set(term, this.documentFrequency(term));

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
    const search = count >= this.settings.largeCorpus.minPassages ? searchCandidates : searchExact;
    return search(this.postings, this.settings, { terms, df, termBoost, coverage }, limit);
  }
}
