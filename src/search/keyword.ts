/**
 * Keyword search: BM25 over passages with MiniSearch and the project's Arabic/English analyzer.
 * Each hit also says how much of the question it covers, weighted by how rare each word is: that
 * share ranks the hits (see KeywordIndex.query) and is what the abstention rule needs (BM25 scores
 * are not comparable across questions).
 */
import MiniSearch, { type Options } from "minisearch";
import { EVIDENCE, KEYWORD_SEARCH, type KeywordSearchSettings } from "../config/tuning.js";
import { REFERENCE_MARKER } from "../corpus/document.js";
import { analyzeQuery, indexTerms, isRootTerm, loosestStem, type QueryTerms } from "../text/analyzer.js";
import { generalRarity } from "../text/general-frequency.js";
import { isNumberAboveWords } from "../text/numbers.js";

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

/**
 * The rarity a number of the question above ten (text/numbers.ts: smaller ones are often written
 * out) counts with when no passage holds it: above every word's, names' included, so that no
 * passage answers a question about a year, a date or a figure the documents never write ("Why did
 * the Soviet Union invade Afghanistan in 1979?" matches the corpus's «الاتحاد السوفيتي», but the
 * corpus has no 1979).
 */
const MISSING_NUMBER_RARITY = EVIDENCE.unlistedRarity + 1;

/** A term in Arabic letters: a word the corpus could hold (KeywordHit.shareInCorpus). */
const ARABIC_LETTER = /\p{Script=Arabic}/u;

/** Fields, analysis and ranking; index and query must agree, so they live in one place. */
const INDEX_OPTIONS: Options<KeywordDocument> = {
  fields: ["text", "section", "title"],
  // The analyzer does all the work (words, stems, phrases); MiniSearch takes its terms as they are.
  tokenize: indexTerms,
  processTerm: (term) => term,
};

/**
 * MiniSearch's index, as its protected members hold it: the large-corpus search reads it directly
 * (scoring as MiniSearch does: a test holds the two to the same scores).
 */
interface MiniSearchIndex {
  /** term → field id → passage short id → term frequency */
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  /** passage short id → length of each field, in terms */
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  /** passage short id → the id it was added with */
  _documentIds: Map<number, unknown>;
  _documentCount: number;
}

/**
 * MiniSearch's protected members, checked: package.json pins MiniSearch to the exact version these
 * were read from, and an upgrade that changes them fails here, loudly, instead of ranking wrongly.
 */
function internals(search: MiniSearch<KeywordDocument>): MiniSearchIndex {
  const index = search as unknown as MiniSearchIndex;
  const fieldLengths = index._fieldLength;
  const ok =
    typeof index._index?.get === "function" &&
    typeof index._fieldIds === "object" &&
    fieldLengths instanceof Map &&
    Array.isArray(index._avgFieldLength) &&
    index._documentIds instanceof Map &&
    typeof index._documentCount === "number";
  if (!ok) throw new Error("MiniSearch's internal index is not laid out as src/search/keyword.ts expects: keep minisearch at the version package.json pins");
  return index;
}

/** How many passages hold `term` (in the field where it is most common). */
function documentFrequency(index: MiniSearchIndex, term: string): number {
  let most = 0;
  for (const postings of index._index.get(term)?.values() ?? []) most = Math.max(most, postings.size);
  return most;
}

/**
 * How much of a question a passage covers: the share of the question's words it matches, each
 * word weighted by how rare it is. A word is matched by its stems, not by its root alone (unless
 * `rootCoverage` gives a root match a share); it weighs as much as its broadest stem is rare, so
 * a word the corpus never uses weighs most.
 */
class Coverage {
  private readonly weights: number[];
  /**
   * General rarity of each word (text/general-frequency.ts): of its most general stem, so that a
   * translated word is as specific as its most general translation (causes → سبب, تسبب).
   */
  private readonly rarity: number[];
  private readonly total: number;
  /** KeywordHit.rarestMissing. */
  readonly rarestMissing: number;
  /** KeywordHit.shareInCorpus. */
  readonly shareInCorpus: number;
  /** Per word: whether it is incidental (KeywordHit.coversAllButIncidental). */
  private readonly incidental: boolean[];
  /** The words each stem or root matches, and the share of each word's weight the match covers. */
  private readonly wordsOfTerm = new Map<string, { words: number[]; share: number }>();
  /** Scratch space for ofTerms: the best share found of each word. */
  private readonly found: Float64Array;

  /** `words` as QueryTerms gives them; `idf` of a term in the index, `inCorpus` whether any passage holds it; `rootCoverage` as QueryTerms has it. */
  constructor(words: string[][], idf: (term: string) => number, inCorpus: (term: string) => boolean, rootCoverage = 0) {
    rootCoverage = Math.min(1, Math.max(0, rootCoverage));
    const stems = words.map((forms) => forms.filter((term) => !isRootTerm(term)));
    this.weights = words.map((forms) => idf(loosestStem(forms)!));
    this.rarity = stems.map((forms) => Math.min(...forms.map(generalRarity)));
    this.total = this.weights.reduce((a, b) => a + b, 0);
    this.rarestMissing = Math.max(
      0,
      ...words.map((forms, word) => {
        if (forms.some(inCorpus)) return 0;
        if (isNumberAboveWords(stems[word]![0])) return MISSING_NUMBER_RARITY;
        return this.rarity[word]! < EVIDENCE.unlistedRarity ? this.rarity[word]! : 0;
      }),
    );
    this.incidental = words.map((forms, word) => {
      if (stems[word]!.some(inCorpus) || isNumberAboveWords(stems[word]![0])) return false;
      return forms.some(inCorpus) || this.rarity[word]! < EVIDENCE.incidentalRarity;
    });
    const arabic = words.filter((forms) => forms.some((term) => ARABIC_LETTER.test(term)));
    this.shareInCorpus = arabic.length === 0 ? 1 : arabic.filter((forms) => forms.some(inCorpus)).length / arabic.length;
    this.found = new Float64Array(words.length);
    for (const [word, forms] of (rootCoverage > 0 ? words : stems).entries()) {
      for (const term of forms) {
        const entry = this.wordsOfTerm.get(term) ?? { words: [], share: isRootTerm(term) ? rootCoverage : 1 };
        entry.words.push(word);
        this.wordsOfTerm.set(term, entry);
      }
    }
  }

  get wordCount(): number {
    return this.weights.length;
  }

  /** The words (by position) that `term` matches, and the share of their weight it covers: no words for phrases, nor for roots without rootCoverage. */
  wordsOf(term: string): { readonly words: readonly number[]; readonly share: number } {
    return this.wordsOfTerm.get(term) ?? NO_WORDS;
  }

  /** The share of the question's weight covered, given the share `found(word)` of each word's weight that is covered. */
  ofWords(found: (word: number) => number): number {
    let sum = 0;
    this.weights.forEach((weight, word) => {
      sum += weight * found(word);
    });
    return sum / this.total;
  }

  /**
   * The general rarity of the rarest word covered at all (KeywordHit.rarestMatch). A word a
   * translated question matches by its root alone counts: the dictionary's form is seldom the
   * text's (a noun where the text has the verb); left out, English off-topic questions given
   * "none" fell from 0.90 to 0.80 on tuning data, the refitted floor having to fall with them.
   */
  rarestOf(found: (word: number) => number): number {
    let rarest = 0;
    this.rarity.forEach((rarity, word) => {
      if (found(word) > 0) rarest = Math.max(rarest, rarity);
    });
    return rarest;
  }

  /** KeywordHit.coversAllButIncidental, given the share `found(word)` of each word's weight that is covered. */
  coversAllButIncidental(found: (word: number) => number): boolean {
    // The rest of the question must say what it is about in two words at least: one word alone
    // ("ingredients of hummus", hummus matching حماس as a name) is no subject to stand for the whole.
    const kept = this.incidental.filter((incidental) => !incidental).length;
    if (!this.incidental.some(Boolean) || kept < EVIDENCE.incidentalKeptWords) return false;
    return this.incidental.every((incidental, word) => incidental || found(word) > 0);
  }

  /** The share of the question's weight that a passage holding `matchedTerms` covers. */
  ofTerms(matchedTerms: string[]): number {
    this.findIn(matchedTerms);
    return this.ofWords((word) => this.found[word]!);
  }

  /** rarestOf and coversAllButIncidental for a passage holding `matchedTerms`. */
  ofMatchedTerms(matchedTerms: string[]): { rarestMatch: number; coversAllButIncidental: boolean } {
    this.findIn(matchedTerms);
    const found = (word: number) => this.found[word]!;
    return { rarestMatch: this.rarestOf(found), coversAllButIncidental: this.coversAllButIncidental(found) };
  }

  /** Fills the scratch space with the share of each word that `matchedTerms` cover. */
  private findIn(matchedTerms: string[]): void {
    this.found.fill(0);
    for (const term of matchedTerms) {
      const { words, share } = this.wordsOf(term);
      for (const word of words) this.found[word] = Math.max(this.found[word]!, share);
    }
  }
}

const NO_WORDS = { words: [], share: 0 } as const;

/** Best first; equal scores (such as passages matching roots only) in passage order, so that both searches agree. */
const byScore = (a: { position: number; score: number }, b: { position: number; score: number }) => b.score - a.score || a.position - b.position;

/** The text as indexed: reference markers like [12] say nothing about the topic. */
export function indexableText(text: string): string {
  return text.replace(REFERENCE_MARKER, " ");
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

  /**
   * The text toJSON() gives, in pieces of about `chunkChars` characters, for writing a large index
   * to a file: toJSON() holds MiniSearch's whole index as objects and then as one string beside
   * the index itself, the peak of indexing memory on a large corpus.
   */
  *jsonChunks(chunkChars = 1 << 20): Generator<string> {
    // The fields and their order of MiniSearch's toJSON() (serializationVersion 2), the index streamed.
    const { index, ...head } = this.search.toJSON.call(Object.assign(Object.create(this.search) as MiniSearch<KeywordDocument>, { _index: [] }));
    void index;
    const opening = JSON.stringify(head)
      .slice(0, -1)
      .replace(/,"serializationVersion":2$/, "");
    let chunk = `${opening},"index":[`;
    let first = true;
    const postingsByTerm = internals(this.search)._index as unknown as Iterable<[string, Map<number, Map<number, number>>]>;
    for (const [term, fields] of postingsByTerm) {
      // As JSON.stringify writes objects with integer keys: in ascending order.
      const ascending = <T>(entries: Iterable<[number, T]>) => [...entries].sort((a, b) => a[0] - b[0]);
      const data = ascending(fields).map(
        ([fieldId, frequencies]) =>
          `"${fieldId}":{${ascending(frequencies)
            .map(([id, tf]) => `"${id}":${tf}`)
            .join(",")}}`,
      );
      chunk += `${first ? "" : ","}[${JSON.stringify(term)},{${data.join(",")}}]`;
      first = false;
      if (chunk.length >= chunkChars) {
        yield chunk;
        chunk = "";
      }
    }
    yield `${chunk}],"serializationVersion":2}`;
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
      (term) => Math.log(1 + (count - df.get(term)! + 0.5) / (df.get(term)! + 0.5)),
      (term) => df.get(term)! > 0,
      rootCoverage,
    );
    const terms = [...df.keys()];
    const mainTerms = new Set([...words.map((forms) => forms[0]!), ...moreMainTerms]);
    const phrases = new Set(bigrams);
    const termBoost = (term: string) => (mainTerms.has(term) ? 1 : phrases.has(term) ? weights.phrase : isRootTerm(term) ? weights.root : weights.broadStem);
    if (count >= this.settings.largeCorpus.minPassages) return this.searchCandidates(terms, df, termBoost, coverage, limit);
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

  /**
   * The large-corpus search (see KeywordSearchSettings.largeCorpus): candidates from the rarest
   * terms' posting lists, each scored with MiniSearch's BM25+ over every term and field, then
   * ranked as `query` ranks them.
   */
  private searchCandidates(terms: string[], df: Map<string, number>, termBoost: (term: string) => number, coverage: Coverage, limit: number): KeywordHit[] {
    const index = this.index;
    const { boost, bm25, largeCorpus } = this.settings;
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
        const idf = Math.log(1 + (index._documentCount - fieldPostings.size + 0.5) / (fieldPostings.size + 0.5));
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
}
