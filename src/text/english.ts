/** English text analysis: lower case, stop words, Porter stemming. */
import { stemmer } from "stemmer";

const STOP_WORDS_RAW = `
a an and are as at be been but by did do does for from had has have he her his how i if in into is it its
me my no not of on or our she so than that the their them then there these they this those to was we were
what when where which who whom why will with would you your about after before did does can could should
`;

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_RAW.split(/\s+/).filter(Boolean));

/** Porter stem of a lower-cased English word. */
export function stemEnglish(word: string): string {
  return stemmer(word);
}
