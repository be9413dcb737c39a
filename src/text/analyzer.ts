/**
 * The analyzer shared by indexing and querying: it splits text into words and turns each word into
 * the term that is indexed (or null for a stop word). Arabic words are normalized and light-stemmed,
 * Latin-script words are lower-cased and Porter-stemmed, anything else is lower-cased.
 */
import { isArabicStopWord, normalizeArabic, stemArabic, stemArabicBroad, stripDiacritics } from "./arabic.js";
import { ENGLISH_STOP_WORDS, stemEnglish } from "./english.js";

/** Bump when the analysis changes: a stored index made with another version is rebuilt. */
export const ANALYZER_VERSION = "ar-light10+broad/en-porter/3";

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

/** The searchable words of a text, each with its terms; words with the same terms are kept once. */
export function analyzeQuery(text: string): string[][] {
  const words = new Map<string, string[]>();
  for (const word of splitWords(text)) {
    const terms = analyzeWord(word);
    if (terms) words.set(terms.join(" "), terms);
  }
  return [...words.values()];
}
