/**
 * The terminal chat: the bot's answers without Telegram, for trying the bot before creating one
 * (and for scripts: it reads questions line by line from any input).
 */
import { createInterface } from "node:readline";
import type { AnswerEngine } from "../answer/engine.js";
import { ANSI, PLAIN, renderText } from "../answer/render-text.js";

const HELP = "Type a question (Arabic or English). /sources lists the documents, /status the search mode, /quit leaves.";

export async function runTerminalChat(engine: AnswerEngine, passages: number): Promise<void> {
  const interactive = !!process.stdin.isTTY;
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const input = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  const prompt = () => interactive && input.prompt();
  input.setPrompt("? ");
  process.stdout.write(`${HELP}\n`);
  prompt();
  for await (const line of input) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text === "/help") process.stdout.write(`${HELP}\n`);
    else if (text === "/sources") process.stdout.write(engine.documents().map((d) => `- ${d.meta.title}${d.meta.url ? ` <${d.meta.url}>` : ""}`).join("\n") + "\n");
    else if (text === "/status") process.stdout.write(`${JSON.stringify(engine.status(), null, 2)}\n`);
    else if (text) process.stdout.write(`${renderText(await engine.ask(text, { limit: passages }), style)}\n`);
    prompt();
  }
  input.close();
}
