/**
 * The terminal front end's renderer: replies as plain text, matched words in bold where the
 * terminal shows it (ANSI), links as "title <address>". Buttons and the echoed question are left
 * out: the question is on screen already, and a terminal has nothing to press. Example questions
 * (the welcome's buttons) are listed instead, for the user to type.
 */
import type { Answer } from "../answer/answer.js";
import { answerPage } from "./replies.js";
import type { Block, CitationLine, Reply, Rich } from "./reply.js";
import { TEXTS, type UiLanguage } from "./texts.js";

export interface TextStyle {
  /** Wraps strong text (matched words, titles); identity for plain output. */
  strong: (text: string) => string;
  /** Wraps the likely answer words, beyond strong; identity for plain output. */
  answer: (text: string) => string;
}

export const PLAIN: TextStyle = { strong: (t) => t, answer: (t) => t };
export const ANSI: TextStyle = { strong: (t) => `\x1b[1m${t}\x1b[22m`, answer: (t) => `\x1b[1;4m${t}\x1b[22;24m` };

function rich(line: Rich, style: TextStyle): string {
  return line
    .map((span) => {
      const text = span.style === "strong" ? style.strong(span.text) : span.style === "answer" ? style.answer(span.text) : span.text;
      return span.url && span.url !== span.text ? `${text} <${span.url}>` : text;
    })
    .join("");
}

function citationLine(line: CitationLine, language: UiLanguage, style: TextStyle): string {
  const prefix = line.role === "where" ? `${TEXTS.source[language]}: ` : line.role === "reference" ? `${TEXTS.cites[language]} ` : "";
  return prefix + rich(line.content, style);
}

function block(b: Block, language: UiLanguage, style: TextStyle): string | undefined {
  switch (b.kind) {
    case "question":
      return undefined;
    case "text":
      return b.lines.map((l) => rich(l, style)).join("\n");
    case "quote":
      return rich(b.content, style);
    case "citation":
      return b.citation.lines.map((l) => citationLine(l, language, style)).join("\n");
    case "passage":
      return [
        `[${b.rank}] ${rich(b.quote, style)}`,
        ...(b.matchedBy ? [`    ${b.matchedBy}`] : []),
        ...b.citation.lines.map((l) => `    ${citationLine(l, language, style)}`),
      ].join("\n");
  }
}

/** The labels of the buttons that ask an example question, one line each. */
function examples(reply: Reply): string | undefined {
  const labels = reply.buttons.flat().flatMap((button) => (button.action.kind === "example" ? [`• ${button.label}`] : []));
  return labels.length ? labels.join("\n") : undefined;
}

/** A reply as terminal text. */
export function renderTerminal(reply: Reply, style: TextStyle = PLAIN): string {
  const language = reply.language === "both" ? "en" : reply.language;
  return [...reply.blocks.map((b) => block(b, language, style)), examples(reply)].filter((text) => text !== undefined).join("\n\n");
}

/** Every passage of `answer` with its citation, after the answer's notices: `ask`'s output. */
export function renderAnswer(answer: Answer, style: TextStyle = PLAIN): string {
  return renderTerminal(answerPage(answer, { offset: 0, pageSize: answer.results.length, version: "" }), style);
}
