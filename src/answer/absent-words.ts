/**
 * A question's words that no document holds, read as the documents write them, when the index
 * vouches for the reading:
 * - words run together, as text copied from a PDF often has them («تشتهرالبلد», «الجامعةمعروفة»):
 *   split only where Arabic writing marks a word's end or start, when the index lacks the whole and
 *   every part is a word (one of them the corpus's);
 * - a word the index holds in no form (its root included), read without the proclitic Light10
 *   leaves on it (text/arabic.ts looserReadings: «بغابة» as «غابة», «لناسا» as «ناسا»), when the
 *   index holds that reading.
 * A word the corpus lacks and no reading finds (a name, a misspelling) is left alone: the answer
 * names it as missing.
 */
import { analyzeWordCached, isRootTerm, tokenize } from "../text/analyzer.js";
import { isArabicStopWord, looserReadings, normalizeArabic } from "../text/arabic.js";

/** Fewest letters of a part: a stop word of two («في», «عن»: «فيالمدينة») or a word of three; one letter is a proclitic. */
const MIN_PART = 2;

/** Fewest letters of a part that is a word of the corpus, not a stop word: shorter stems meet by chance. */
const MIN_WORD = 3;

/** Shortest run-together word looked at. */
const MIN_JOINED = MIN_PART + MIN_WORD;

/** Longest looked at: a few words run together; a longer run of letters is no text to take apart (and would cost). */
const MAX_JOINED = 40;

/** Letters written only at a word's end (ة ى): one inside a word closes the word before it. */
const WORD_FINAL = /[ةى]/;

/** Whether the index holds `word` by a stem (its root alone is too loose to vouch for a word). */
function known(word: string, held: (term: string) => boolean): boolean {
  return word.length >= MIN_WORD && (analyzeWordCached(word)?.some((term) => !isRootTerm(term) && held(term)) ?? false);
}

/** Whether `part` is a word: one the index holds, or a stop word (which no index holds: «العلاقةبين»). */
function isWord(part: string, held: (term: string) => boolean): boolean {
  return isArabicStopWord(part) || known(part, held);
}

/**
 * Where `word` may be two words: after a letter only written last (ة ى), or before the article
 * (ال) the second word starts with. Earliest first.
 */
function splitPoints(word: string): number[] {
  const points: number[] = [];
  for (let at = MIN_PART; at <= word.length - MIN_PART; at++) {
    if (WORD_FINAL.test(word[at - 1]!) || word.startsWith("ال", at)) points.push(at);
  }
  return points;
}

/** The words of a run-together `word` (two or more), if it is one (see the module's comment). */
function splitJoined(word: string, held: (term: string) => boolean): string[] | undefined {
  if (word.length < MIN_JOINED || word.length > MAX_JOINED || !/^\p{Script=Arabic}+$/u.test(word) || known(word, held)) return undefined;
  for (const at of splitPoints(word)) {
    const [left, right] = [word.slice(0, at), word.slice(at)];
    if (!isWord(left, held)) continue;
    // Three words run together («العلاقةبينالمدينة»): the rest is split the same way.
    const rest = isWord(right, held) ? [right] : splitJoined(right, held);
    // One part at least must be a word of the corpus: stop words alone make no question word.
    if (rest && [left, ...rest].some((part) => known(part, held))) return [left, ...rest];
  }
  return undefined;
}

/** The reading of a word the index holds in no form, if the index holds one (see the module's comment). */
function respelled(word: string, held: (term: string) => boolean): string | undefined {
  const terms = analyzeWordCached(word);
  if (!terms || !/^\p{Script=Arabic}+$/u.test(word) || terms.some(held)) return undefined;
  return looserReadings(normalizeArabic(word)).find((reading) => known(reading, held));
}

/** `text` with each word the index lacks written as the words it holds, where it can tell them (see the module's comment). */
export function readAbsentWords(text: string, held: (term: string) => boolean): string {
  let result = "";
  let from = 0;
  for (const token of tokenize(text)) {
    const words = splitJoined(token.word, held) ?? respelled(token.word, held);
    if (words === undefined) continue;
    result += `${text.slice(from, token.start)}${typeof words === "string" ? words : words.join(" ")}`;
    from = token.end;
  }
  return result + text.slice(from);
}
