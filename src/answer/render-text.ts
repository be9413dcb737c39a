/** Answers as plain text for a terminal, with matched words in bold where the terminal shows it. */
import type { Answer, AnswerPassage } from "./answer.js";
import { LABELS, noticeTexts, uiLanguage, type UiLanguage } from "./messages.js";

export interface TextStyle {
  /** Wraps matched words; identity for plain output. */
  strong: (text: string) => string;
}

export const PLAIN: TextStyle = { strong: (t) => t };
export const ANSI: TextStyle = { strong: (t) => `\x1b[1m${t}\x1b[22m` };

function highlighted(result: AnswerPassage, style: TextStyle): string {
  let out = "";
  let at = 0;
  for (const match of result.matches) {
    out += result.text.slice(at, match.start) + style.strong(result.text.slice(match.start, match.end));
    at = match.end;
  }
  return out + result.text.slice(at);
}

/** The citation lines of one passage. */
export function citationLines(result: AnswerPassage, language: UiLanguage): string[] {
  const where = [
    result.doc.title,
    result.section ?? LABELS.lead[language],
    `${LABELS.paragraph[language]} ${result.paragraph}`,
  ].join(" › ");
  const lines = [`${LABELS.source[language]}: ${where}`];
  if (result.doc.author) lines.push(`${LABELS.author[language]}: ${result.doc.author}`);
  if (result.doc.basedOn) lines.push(`${LABELS.basedOn[language]}: ${result.doc.basedOn}`);
  if (result.doc.url) lines.push(result.doc.url);
  for (const ref of result.references) {
    lines.push(`${LABELS.cites[language]} [${ref.n}] ${ref.title}${ref.details ? ` — ${ref.details}` : ""}${ref.url ? ` ${ref.url}` : ""}`);
  }
  return lines;
}

/** A whole answer as terminal text. */
export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  const language = uiLanguage(answer.language);
  const blocks = noticeTexts(answer);
  for (const result of answer.results) {
    blocks.push([`[${result.rank}] ${highlighted(result, style)}`, ...citationLines(result, language).map((l) => `    ${l}`)].join("\n"));
  }
  return blocks.join("\n\n");
}
