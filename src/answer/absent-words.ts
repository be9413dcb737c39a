/**
 * A question's words that no document holds, read as the documents write them, when the index
 * vouches for the reading:
 * - words run together, as text copied from a PDF often has them («تشتهرالبلد», «الجامعةمعروفة»):
 *   split only where Arabic writing marks a word's end or start, when the index lacks the whole and
 *   every part is a word (one of them the corpus's);
 * - a word the index holds in no form (its root included), read without the proclitic Light10
 *   leaves on it (text/arabic.ts looserReadings: «بغابة» as «غابة», «لناسا» as «ناسا»), when the
 *   index holds that reading.
 * A word of Arabic at large (text/general-frequency.ts: «لديك», «رونالدو») is never read otherwise:
 * the corpus lacks it, and the answer names it as missing. So is any word no reading finds.
 */
import { analyzeWordCached, isRootTerm, tokenize } from "../text/analyzer.js";
import { isArabicStopWord, looserReadings, normalizeArabic, stripDiacritics } from "../text/arabic.js";
import { isListedWord } from "../text/general-frequency.js";

/** Fewest letters of a part: a stop word of two («في», «عن»: «فيالمدينة») or a word of three; one letter is a proclitic. */
const MIN_PART = 2;

/** Fewest letters of the stem by which the index vouches for a word: shorter stems («دو» of «الدو») meet by chance. */
const MIN_STEM = 3;

/** Shortest run-together word looked at. */
const MIN_JOINED = MIN_PART + MIN_STEM;

/** Longest looked at: a few words run together; a longer run of letters is no text to take apart (and would cost). */
const MAX_JOINED = 40;

/** Letters written only at a word's end (ة ى): one inside a word closes the word before it. */
const WORD_FINAL = /[ةى]/;

const ARABIC_WORD = /^\p{Script=Arabic}+$/u;

/** Whether the index holds `word` by a stem of MIN_STEM letters or more (its root alone is too loose to vouch for a word). */
function known(word: string, held: (term: string) => boolean): boolean {
  return analyzeWordCached(word)?.some((term) => !isRootTerm(term) && term.length >= MIN_STEM && held(term)) ?? false;
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

/** `word` as words (each a word by isWord) at split points, the first way found; undefined when there is none. */
function wordsOf(word: string, held: (term: string) => boolean): string[] | undefined {
  for (const at of splitPoints(word)) {
    const [left, right] = [word.slice(0, at), word.slice(at)];
    if (!isWord(left, held)) continue;
    // Three words run together («العلاقةبينالمدينة»): the rest is split the same way.
    const rest = isWord(right, held) ? [right] : wordsOf(right, held);
    if (rest) return [left, ...rest];
  }
  return undefined;
}

/** The words of a run-together `word`, if it is one: one of them at least the corpus's (stop words alone make no question word). */
function splitJoined(word: string, held: (term: string) => boolean): string[] | undefined {
  if (word.length < MIN_JOINED || word.length > MAX_JOINED || known(word, held)) return undefined;
  const words = wordsOf(word, held);
  return words?.some((part) => known(part, held)) ? words : undefined;
}

/** The reading of a word the index holds in no form, if the index holds one, in the letters the question wrote. */
function respelled(word: string, held: (term: string) => boolean): string[] | undefined {
  const terms = analyzeWordCached(word);
  if (!terms || terms.some(held)) return undefined;
  const reading = looserReadings(normalizeArabic(word)).find((form) => known(form, held));
  if (reading === undefined) return undefined;
  // A reading drops letters from the front: the rest of the word as written (غابة, not the folded غابه), unless it is another word (أبي as أبو).
  const written = word.slice(word.length - reading.length);
  return [normalizeArabic(written) === reading ? written : reading];
}

/** `text` with each word the index lacks written as the words it holds, where it can tell them (see the module's comment). */
export function readAbsentWords(text: string, held: (term: string) => boolean): string {
  let result = "";
  let from = 0;
  for (const token of tokenize(text)) {
    // Short vowels and tanween are no letters of the word («تشتهرُالبلد», «بغابةٍ»).
    const word = stripDiacritics(token.word);
    if (!ARABIC_WORD.test(word) || isListedWord(word)) continue;
    const words = splitJoined(word, held) ?? respelled(word, held);
    if (words === undefined) continue;
    result += `${text.slice(from, token.start)}${words.join(" ")}`;
    from = token.end;
  }
  return result + text.slice(from);
}
