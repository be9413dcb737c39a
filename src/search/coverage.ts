/**
 * How much of a question a passage covers, word by word: the share of the question's weight it
 * matches, and what keyword evidence (retrievers/keyword.ts) reads besides: the rarest word it
 * matches, the rarest the corpus lacks, and whether it matches all but incidental words.
 */
import { EVIDENCE } from "../config/tuning.js";
import { isRootTerm, loosestStem } from "../text/analyzer.js";
import { generalRarity } from "../text/general-frequency.js";
import { hasArabic } from "../text/language.js";
import { isNumberAboveWords } from "../text/numbers.js";

/**
 * The rarity a number of the question above ten (text/numbers.ts: smaller ones are often written
 * out) counts with when no passage holds it: above every word's, names' included, so that no
 * passage answers a question about a year, a date or a figure the documents never write ("Why did
 * the Soviet Union invade Afghanistan in 1979?" matches the corpus's «الاتحاد السوفيتي», but the
 * corpus has no 1979).
 */
const MISSING_NUMBER_RARITY = EVIDENCE.unlistedRarity + 1;

/**
 * How much of a question a passage covers: the share of the question's words it matches, each
 * word weighted by how rare it is. A word is matched by its stems, not by its root alone (unless
 * `rootCoverage` gives a root match a share); it weighs as much as its broadest stem is rare, so
 * a word the corpus never uses weighs most.
 */
export class Coverage {
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
    const arabic = words.filter((forms) => forms.some((term) => hasArabic(term)));
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
