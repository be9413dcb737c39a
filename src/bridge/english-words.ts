/**
 * English words as the bridge reads them: which words only frame a question (left out of the
 * search), and the forms an inflected word may have in the lexicon.
 */
import { stemmer } from "stemmer";
import { ENGLISH_STOP_WORDS } from "../text/english.js";
import { readWordList } from "../text/word-list.js";

/** Words that frame an English question rather than say what it is about (question-words.txt). */
const QUESTION_WORDS = new Set(readWordList(new URL("./question-words.txt", import.meta.url)));

/**
 * Words left out when they stand alone, though a phrase may start with them (two-party → حزبين):
 * Arabic writes two of a thing as the noun's dual (two teams: فريقين), seldom with the number
 * word, so searching اثنين only favoured passages that happen to count something else (on XQuAD's
 * English tuning half the gold passage lacked it for 10 of 11 questions).
 */
export const LEFT_OUT_ALONE: ReadonlySet<string> = new Set(["two"]);

/** Whether an English word (lower case) is left out of the search. */
export function isEnglishStopWord(word: string): boolean {
  return ENGLISH_STOP_WORDS.has(word) || QUESTION_WORDS.has(word);
}

/**
 * The forms an inflected English word may have in the lexicon, most likely first (hosting → host,
 * hoste); with `porter` false, only those of the suffix rules, not the Porter stem (national → nation).
 */
export function baseForms(word: string, porter = true): string[] {
  const forms: string[] = [];
  const add = (form: string) => {
    if (form.length >= 2 && form !== word && !forms.includes(form)) forms.push(form);
  };
  const w = word.replace(/['’]s$/, "");
  if (w !== word) add(w);
  const undouble = (stem: string) => (/([bdfgklmnprtvz])\1$/.test(stem) ? stem.slice(0, -1) : undefined);
  /** What is left of the word before `suffix` (with the pattern `before` for that part), or undefined. */
  const base = (suffix: string, before = ".+") => new RegExp(`^(${before})${suffix}$`).exec(w)?.[1];
  const ies = base("ies");
  if (ies) add(`${ies}y`);
  const es = base("es", ".+(?:s|x|z|ch|sh)");
  if (es) add(es);
  const plural = base("s", ".+[^s]");
  if (plural) add(plural);
  const ied = base("ied");
  if (ied) add(`${ied}y`);
  // A past or a gerund: the bare stem, with a doubled final consonant undone, or with an e restored.
  for (const bare of [base("ed"), base("ing")]) {
    if (!bare) continue;
    const single = undouble(bare);
    if (single) add(single);
    add(bare);
    add(`${bare}e`);
  }
  const ly = base("ly");
  if (ly) add(ly);
  if (!porter) return forms;
  const stem = stemmer(w);
  add(stem);
  add(`${stem}e`);
  return forms;
}
