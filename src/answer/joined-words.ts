/**
 * Words a question runs together, as text copied from a PDF often has them («تشتهرالبلد»,
 * «الجامعةمعروفة»): such a word is in no document, and its two words are. Split only where Arabic
 * writing marks a word's end or start, and only when the whole is unknown to the index and both
 * parts are words (one of them the corpus's), so that a word the corpus lacks (a name, a
 * misspelling) is left alone.
 */
import { analyzeWordCached, isRootTerm, tokenize } from "../text/analyzer.js";
import { isArabicStopWord } from "../text/arabic.js";

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
    // Three words run together («العلاقةبينروسيا»): the rest is split the same way.
    const rest = isWord(right, held) ? [right] : splitJoined(right, held);
    // One part at least must be a word of the corpus: stop words alone make no question word.
    if (rest && [left, ...rest].some((part) => known(part, held))) return [left, ...rest];
  }
  return undefined;
}

/** `text` with each run-together word the index can tell apart written as its two words. */
export function splitJoinedWords(text: string, held: (term: string) => boolean): string {
  let result = "";
  let from = 0;
  for (const token of tokenize(text)) {
    const parts = splitJoined(token.word, held);
    if (!parts) continue;
    result += `${text.slice(from, token.start)}${parts.join(" ")}`;
    from = token.end;
  }
  return result + text.slice(from);
}
