/** From what a user typed to the text that is searched, with the notices the user should see. */

import { splitWords } from "../text/analyzer.js";
import { foldedWord } from "../text/arabic.js";
import { detectLanguage, type Language } from "../text/language.js";
import { normalizeText } from "../text/normalize.js";
import { readWordList } from "../text/word-list.js";
import type { AnswerNotice } from "./answer.js";

/** Longest question searched; longer ones are cut at a word boundary (with a notice). */
export const MAX_QUESTION_CHARS = 1000;

export interface PreparedQuestion {
  /** The question as asked, trimmed. */
  query: string;
  language: Language;
  /** The text to search, or undefined when there is nothing to search (the notices say why). */
  searchText?: string;
  notices: AnswerNotice[];
}

/**
 * Terminal escape sequences pasted from a terminal: CSI (colours, cursor moves: ESC [ 31 m), OSC
 * (a window title, ended by BEL or ESC \\), character-set choices (ESC ( B), and the two-character
 * ones. An OSC without its end is left to the control-character rule, which removes ESC alone:
 * removing up to the end of the line would take the question with it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it removes
const TERMINAL_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)|[ -/]+[0-~]|[@-_])/g;
/** A closed script or style element: its content is code, not words of the question. An unclosed one loses its tag only. */
const CODE_ELEMENT = /<(script|style)\b[^>]{0,200}>[\s\S]{0,2000}?<\/\1\s*>/gi;

/**
 * Cleans what a user typed into searchable text: terminal escapes, script and style elements,
 * markup tags, control characters and formatting characters go.
 */
export function searchableText(question: string): string {
  return question
    .replace(TERMINAL_ESCAPE, " ")
    .replace(CODE_ELEMENT, " ")
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(/\p{Cc}/gu, " ")
    .replace(/[*_`~|#>]+/g, " ");
}

/**
 * Greetings and thanks, as people send them on their own (courtesy-words.txt; compared folded and
 * in lower case): a message of these words only is no question. Searched, «شكرا» found the passage
 * where Hamas thanks Putin, and gave it as an answer.
 */
const COURTESY_WORDS = new Set(readWordList(new URL("./courtesy-words.txt", import.meta.url)).map((word) => foldedWord(word).toLowerCase()));

/** Words of a message asking for help with the bot itself (help-words.txt), compared as COURTESY_WORDS are. */
const HELP_WORDS = new Set(readWordList(new URL("./help-words.txt", import.meta.url)).map((word) => foldedWord(word).toLowerCase()));

/** Whether a message is made of `words` only. */
function onlyWordsOf(text: string, words: ReadonlySet<string>): boolean {
  const written = splitWords(text);
  return written.length > 0 && written.every((word) => words.has(foldedWord(word).toLowerCase()));
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

export function prepareQuestion(question: string): PreparedQuestion {
  const query = question.trim();
  // Normalized before anything reads it: "ｔｈａｎｋｓ" is thanks, and «ﺷﻜﺮﺍ» (copied from a PDF) is «شكرا».
  const cleaned = normalizeText(searchableText(query));
  const language = detectLanguage(cleaned);
  const notices: AnswerNotice[] = [];
  if (!query) return { query, language, notices: ["empty-question"] };
  let searchText = cleaned.replace(/\s+/g, " ").trim();
  if (searchText.length > MAX_QUESTION_CHARS) {
    searchText = truncateAtWord(searchText, MAX_QUESTION_CHARS);
    notices.push("question-truncated");
  }
  if (!/[\p{L}\p{N}]/u.test(searchText)) return { query, language, notices: [...notices, "no-words"] };
  // Words in neither Arabic nor Latin letters (Россия, 中国): no document language to search them in.
  if (language === "other" && /\p{L}/u.test(searchText)) return { query, language, notices: [...notices, "unsupported-language"] };
  if (onlyWordsOf(searchText, COURTESY_WORDS)) return { query, language, notices: [...notices, "courtesy"] };
  if (onlyWordsOf(searchText, HELP_WORDS)) return { query, language, notices: [...notices, "help-request"] };
  return { query, language, searchText, notices };
}
