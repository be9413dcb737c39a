/** From what a user typed to the text that is searched, with the notices the user should see. */
import { detectLanguage, type Language } from "../text/language.js";
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

/** Cleans what a user typed into searchable text: markup tags and formatting characters go. */
export function searchableText(question: string): string {
  return question.replace(/<[^>]{0,200}>/g, " ").replace(/[*_`~|#>]+/g, " ");
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

export function prepareQuestion(question: string): PreparedQuestion {
  const query = question.trim();
  const cleaned = searchableText(query);
  const language = detectLanguage(cleaned);
  const notices: AnswerNotice[] = [];
  if (!query) return { query, language, notices: ["empty-question"] };
  let searchText = cleaned.replace(/\s+/g, " ").trim();
  if (searchText.length > MAX_QUESTION_CHARS) {
    searchText = truncateAtWord(searchText, MAX_QUESTION_CHARS);
    notices.push("question-truncated");
  }
  if (!/[\p{L}\p{N}]/u.test(searchText)) return { query, language, notices: [...notices, "no-words"] };
  return { query, language, searchText, notices };
}
