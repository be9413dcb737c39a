/**
 * The analyzer shared by indexing and querying: it splits text into words and turns each word into
 * the term that is indexed (or null for a stop word). Arabic words are normalized and light-stemmed,
 * Latin-script words are lower-cased and Porter-stemmed, anything else is lower-cased.
 */
import { isArabicStopWord, normalizeArabic, stemArabic, stemArabicBroad, stripDiacritics } from "./arabic.js";
import { ENGLISH_STOP_WORDS, stemEnglish } from "./english.js";

/** Bump when the analysis changes: a stored index made with another version is rebuilt. */
export const ANALYZER_VERSION = "ar-light10+broad/en-porter/bigrams/4";

/** Letters with their combining marks, and digits: what a word is made of. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /\p{Script=Latin}/u;

/** A word of a text with its place in that text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** The words of a text with their character offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Splits text into words, as MiniSearch's `tokenize` option expects. */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * The indexed terms of one word, or null for a stop word. An Arabic word gives its Light10 stem
 * and, when different, its broad stem (see stemArabicBroad): the first is the word's main term.
 */
export function analyzeWord(word: string): string[] | null {
  if (ARABIC.test(word)) {
    if (isArabicStopWord(stripDiacritics(word))) return null;
    const normalized = normalizeArabic(word);
    if (normalized.length === 0) return null;
    const light = stemArabic(normalized);
    const broad = stemArabicBroad(normalized);
    return broad === light ? [light] : [light, broad];
  }
  const lower = word.toLowerCase();
  if (LATIN.test(word)) {
    if (ENGLISH_STOP_WORDS.has(lower)) return null;
    return [stemEnglish(lower)];
  }
  return [lower];
}

/** Joins the main terms of two adjacent words into one phrase term. */
export const BIGRAM_JOINER = "_";

/** Each word's terms in order, null for stop words (which also break phrases). */
function analyzedWords(text: string): (string[] | null)[] {
  return splitWords(text).map(analyzeWord);
}

function bigrams(words: (string[] | null)[]): string[] {
  const phrases: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [first, second] = [words[i], words[i + 1]];
    if (first && second) phrases.push(`${first[0]}${BIGRAM_JOINER}${second[0]}`);
  }
  return phrases;
}

/**
 * Every term a text is indexed under: each word's terms, and a phrase term for each pair of
 * adjacent content words, so that names and set phrases rank the passages that keep them together.
 */
export function indexTerms(text: string): string[] {
  const words = analyzedWords(text);
  return [...words.flatMap((terms) => terms ?? []), ...bigrams(words)];
}

/** What a question is searched with. */
export interface QueryTerms {
  /** The searchable words, each with its terms; words with the same terms are kept once. */
  words: string[][];
  /** Phrase terms of adjacent content words. */
  bigrams: string[];
}

export function analyzeQuery(text: string): QueryTerms {
  const analyzed = analyzedWords(text);
  const words = new Map<string, string[]>();
  for (const terms of analyzed) if (terms) words.set(terms.join(" "), terms);
  return { words: [...words.values()], bigrams: [...new Set(bigrams(analyzed))] };
}
