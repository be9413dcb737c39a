/** English text analysis: lower case, stop words, Porter stemming. */
import { stemmer } from "stemmer";
import { readWordList } from "./word-list.js";

/** Function words that carry no topic (english-stopwords.txt). */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(readWordList(new URL("./english-stopwords.txt", import.meta.url)));

/** Porter stem of a lower-cased English word. */
export function stemEnglish(word: string): string {
  return stemmer(word);
}
