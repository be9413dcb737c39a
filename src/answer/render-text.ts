/** A whole answer as terminal text (`ask`): the conversation's answer reply, rendered for a terminal. */
import { answerPage } from "../conversation/replies.js";
import { PLAIN, renderTerminal, type TextStyle } from "../conversation/terminal.js";
import type { Answer } from "./answer.js";

export { ANSI, PLAIN, type TextStyle } from "../conversation/terminal.js";

/** Every passage of `answer` with its citation, after the answer's notices. */
export function renderText(answer: Answer, style: TextStyle = PLAIN): string {
  return renderTerminal(answerPage(answer, { offset: 0, pageSize: answer.results.length, version: "" }), style);
}
