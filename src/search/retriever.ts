/**
 * The interface every retriever of the search pipeline shares: an analyzed question in, a ranked
 * list of passages with their evidence out. A new retriever is a new file in retrievers/ and one
 * line where the pipeline is composed (answer/search-state.ts), and its tuning in config/tuning.ts.
 */
import type { QueryTerms } from "../text/analyzer.js";
import type { Language } from "../text/language.js";

/** A question as the retrievers see it. */
export interface SearchQuery {
  /** The question's searchable text: markup removed, white space folded, length capped. */
  text: string;
  language: Language;
  /** Its words and phrases as the analyzer makes them (for keyword retrievers). */
  terms: QueryTerms;
  /** Its translation into Arabic query terms (bridge/), when it has English words and the bridge is on. */
  translatedTerms?: QueryTerms;
  /** Its unit embedding; set by the pipeline before retrieval when a retriever needs it. */
  vector?: Float32Array;
}

/** One passage a retriever found. */
export interface Hit {
  /** The passage's position in the index's passage list. */
  position: number;
  /** The retriever's own score: comparable only within one list. */
  score: number;
  /**
   * How strongly the passage answers the question, on the retriever's own scale: the keyword and
   * bridge retrievers' IDF coverage scaled by specificity (0 to 1, retrievers/keyword.ts), the
   * dense retriever's cosine similarity. The confidence stage compares it with that retriever's
   * floors and shows the passages that reach them.
   */
  evidence: number;
}

/** A retriever's hits for one question, best first. */
export interface RankedList {
  retriever: string;
  hits: Hit[];
}

export interface Retriever {
  /** Names the retriever in lists, settings, stage timings and reports. */
  readonly name: string;
  /** Whether it searches with the question's embedding (the pipeline embeds the question first). */
  readonly needsEmbedding: boolean;
  /** The `limit` best passages for `query`, best first. */
  retrieve(query: SearchQuery, limit: number): Hit[];
}
