/**
 * The analyzer shared by indexing and querying: it splits text into words and turns each word into
 * the terms that are indexed (or null for a stop word). Arabic words are normalized, light-stemmed,
 * broadly stemmed and reduced to their root; Latin-script words are lower-cased and Porter-stemmed;
 * anything else is lower-cased.
 */
import { foldedWord, isArabicStopWord, normalizeArabic, rootArabic, stemArabic, stemArabicBroad, stripDiacritics } from "./arabic.js";
import { ENGLISH_STOP_WORDS, stemEnglish } from "./english.js";
import { hasArabic } from "./language.js";
import { IGNORABLE_CLASS, normalizeText } from "./normalize.js";
import { GROUPED_NUMBER, joinDigitGroups } from "./numbers.js";
import { readWordList } from "./word-list.js";

/** Bump when the analysis changes: a stored index made with another version is rebuilt. */
export const ANALYZER_VERSION = "ar-light10+broad+isri/en-porter/bigrams/nfc-shape-width-font-forms-ignorables/digit-groups/10";

/**
 * What a word is made of: Arabic letters with their marks; or digits and other letters with their
 * marks. Digits are split from Arabic letters (و9 is و and 9, 2015م is 2015 and م), as Arabic
 * writes them joined to a conjunction or an abbreviation, but not from Latin ones (mp3).
 *
 * Invisible characters (zero-width joiners, soft hyphens, tatweel, bidi marks: see IGNORABLE_CLASS)
 * belong to the word they sit in, so that they never split it; analyzeWord removes them. A number
 * written in digit groups (2,500, ٢٬٥٠٠) is one word, as the question may write it 2500.
 */
const WORD = new RegExp(`[[\\p{L}&&\\p{Script=Arabic}]\\p{M}${IGNORABLE_CLASS}]+|[\\p{N}\\p{M}[\\p{L}--\\p{Script=Arabic}]${IGNORABLE_CLASS}]+`, "gv");
/** WORD with numbers in digit groups as words: slower (tokenizing XQuAD's paragraphs took 40% longer), so used only where a text has one. */
const WORD_OR_GROUPED_NUMBER = new RegExp(`(?<!\\p{N})${GROUPED_NUMBER}(?!\\p{N})|${WORD.source}`, "gv");
/** A separator between digits (ASCII, Arabic-Indic or Persian: the digits texts use), found faster than by \p{N}. */
const HAS_DIGIT_GROUP = /[0-9\u0660-\u0669\u06F0-\u06F9][,\u066C][0-9\u0660-\u0669\u06F0-\u06F9]/;

/** The word pattern for `text`. */
function wordPattern(text: string): RegExp {
  return HAS_DIGIT_GROUP.test(text) ? WORD_OR_GROUPED_NUMBER : WORD;
}
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
  for (const match of text.matchAll(wordPattern(text))) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Splits text into words, as MiniSearch's `tokenize` option expects. */
export function splitWords(text: string): string[] {
  return text.match(wordPattern(text)) ?? [];
}

/** Marks a root term, so that a root never meets a stem spelled the same way. */
export const ROOT_MARKER = "√";

/** Whether a term is an Arabic root (the loosest match, see analyzeWord). */
export function isRootTerm(term: string): boolean {
  return term.startsWith(ROOT_MARKER);
}

/** The loosest stem of a word's terms (its broad stem, else its light stem), the root aside: the form a word is weighed by. */
export function loosestStem(terms: readonly string[]): string | undefined {
  return terms.filter((term) => !isRootTerm(term)).at(-1);
}

/**
 * The indexed terms of one word, from the strictest match to the loosest, or null for a stop word
 * (or a "word" of invisible characters only).
 * An Arabic word gives its Light10 stem (the word's main term), its broad stem when different (see
 * stemArabicBroad), and its root marked with ROOT_MARKER (see rootArabic).
 */
export function analyzeWord(written: string): string[] | null {
  // In NFC and without invisible characters, as cleaning leaves document text (see normalizeText); digit groups joined.
  const word = joinDigitGroups(normalizeText(written));
  if (!word) return null;
  if (hasArabic(word)) {
    if (isArabicStopWord(stripDiacritics(word))) return null;
    const normalized = normalizeArabic(word);
    if (normalized.length === 0) return null;
    const light = stemArabic(normalized);
    const broad = stemArabicBroad(normalized);
    const root = ROOT_MARKER + rootArabic(normalized);
    return broad === light ? [light, root] : [light, broad, root];
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

/**
 * Terms of recently analyzed words. Words follow Zipf's law: a few thousand distinct words make up
 * most of any text, so indexing a large corpus analyzes each of them once instead of every time
 * (about half the indexing time), and highlighting an answer's passages mostly finds their words
 * here. Cleared when full, which keeps it bounded.
 */
const analyzedWordCache = new Map<string, readonly string[] | null>();
const ANALYZED_WORD_CACHE_SIZE = 100_000;

/** analyzeWord through the cache above: a shared array, never to be changed. */
export function analyzeWordCached(word: string): readonly string[] | null {
  let terms = analyzedWordCache.get(word);
  if (terms === undefined) {
    if (analyzedWordCache.size >= ANALYZED_WORD_CACHE_SIZE) analyzedWordCache.clear();
    terms = analyzeWord(word);
    if (terms) Object.freeze(terms); // shared by every caller
    analyzedWordCache.set(word, terms);
  }
  return terms;
}

/** Each word's terms in order, null for stop words (which also break phrases); shared arrays, never to be changed. */
function analyzedWords(text: string): (readonly string[] | null)[] {
  return splitWords(text).map(analyzeWordCached);
}

function bigrams(words: (readonly string[] | null)[], phrases: string[] = []): string[] {
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
  // One array, filled in place: this runs for every passage of the corpus.
  const terms: string[] = [];
  for (const wordTerms of words) if (wordTerms) for (const term of wordTerms) terms.push(term);
  return bigrams(words, terms);
}

/**
 * Words that frame an Arabic question rather than say what it is about: "ما اسم", "كم عدد",
 * "أي نوع", "ما الشيء", "لأول مرة". The passage that answers gives the name, the number or the
 * thing, seldom these words, so searching for them favours passages that merely use them (on
 * XQuAD, held-out R@1 0.901 → 0.907 with them left out). They stay in the index.
 */
const QUESTION_FRAME_TERMS = new Set(["اسم", "عدد", "نوع", "شيء", "لأول", "مرة"].map((word) => analyzeWord(word)![0]!));

/** Spoken Arabic's question, vocative, negation and filler words (see the file's header for its source and groups). */
export const SPOKEN_ARABIC_FILE = new URL("./spoken-arabic.txt", import.meta.url);

/**
 * The words of spoken Arabic that people type in chats around a question (ليش why, وين where,
 * يا before a mention, مش not, طيب well, سوت did), folded: left out of questions as the frame
 * words are, since no passage of a written text answers with them, and a question that had one
 * weighed it most («ليش روسيا ما بتقطع علاقتها مع اسرائيل؟» got no answer). Compared as written,
 * not by stem (إمتى and أمته, his nation, share one), and never stop words: in a text they are
 * also parts of names (وين ستيت, Wayne State; شو, Xu) and of other words (كليه, college).
 */
const SPOKEN_QUESTION_WORDS = new Set(readWordList(SPOKEN_ARABIC_FILE).map(foldedWord));

/**
 * Whether a word of a question only frames it (QUESTION_FRAME_TERMS, by its main term) or is a
 * word of spoken Arabic around a question (SPOKEN_QUESTION_WORDS, as written). `terms` are the
 * word's, as analyzeWord gives them.
 */
export function framesQuestion(written: string, terms: readonly string[]): boolean {
  return QUESTION_FRAME_TERMS.has(terms[0]!) || SPOKEN_QUESTION_WORDS.has(foldedWord(written));
}

/** What a question is searched with. */
export interface QueryTerms {
  /** The searchable words, each with its terms; words with the same main term are kept once. */
  words: string[][];
  /** Phrase terms of adjacent content words. */
  bigrams: string[];
  /**
   * Terms ranked as main terms besides each word's first: the other Arabic alternatives of a
   * translated English word (src/bridge/query.ts), which all stand for one query word.
   */
  mainTerms?: string[];
  /**
   * The share of a word's weight that a match of its root alone covers (see KeywordHit.coverage);
   * 0 when absent. For translated words a root match must count, since a dictionary's form
   * (المضيف, host) is seldom the text's (استضاف), but only in part: roots also join unrelated
   * words (السفر, travel, and السفير, ambassador), and counted whole they made off-topic English
   * questions look answered (measured in src/bridge/query.ts).
   */
  rootCoverage?: number;
}

/**
 * The words and phrases a question is searched with. Question-frame words are left out (and break
 * phrases), unless the question has no other words.
 */
export function analyzeQuery(text: string): QueryTerms {
  const written = splitWords(text);
  const all = written.map(analyzeWordCached);
  const content = all.map((terms, at) => (terms && framesQuestion(written[at]!, terms) ? null : terms));
  const analyzed = content.some(Boolean) ? content : all;
  // Words with the same main term are one word (الغابات and غابة), with the looser terms of both.
  const words = new Map<string, string[]>();
  for (const terms of analyzed) if (terms) words.set(terms[0]!, [...new Set([...(words.get(terms[0]!) ?? []), ...terms])]);
  return { words: [...words.values()], bigrams: [...new Set(bigrams(analyzed))] };
}
