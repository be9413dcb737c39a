/**
 * The terminal chat: the bot's conversation without Telegram, for trying the bot before creating
 * one (and for scripts: it reads questions line by line from any input). /start, /help, /sources
 * and /status give the same replies as on Telegram; Ctrl-C or /quit leaves.
 */
import { createInterface } from "node:readline";
import type { AnswerEngine } from "../answer/engine.js";
import { Conversation } from "../conversation/conversation.js";
import { noticeReply } from "../conversation/replies.js";
import type { Reply } from "../conversation/reply.js";
import { ANSI, PLAIN, renderTerminal } from "../conversation/terminal.js";

/**
 * Runs the chat until the input ends, /quit, or Ctrl-C (SIGINT); resolves when it has left.
 * `examples` are the questions /start offers (EXAMPLE_QUESTIONS), as on Telegram.
 */
export async function runTerminalChat(engine: AnswerEngine, passages: number, examples: readonly string[]): Promise<void> {
  const interactive = !!process.stdin.isTTY;
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const conversation = new Conversation(engine, { pageSize: passages, examples });
  const help = () => conversation.help({ groups: false, quit: true });
  const input = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  const show = (reply: Reply) => process.stdout.write(`${renderTerminal(reply, style)}\n`);
  const prompt = () => interactive && input.prompt();

  // Ctrl-C arrives as readline's SIGINT on a terminal, as the process signal otherwise: either
  // way, close the input, which ends the loop below (after the answer in progress, if any).
  // A second Ctrl-C leaves at once, should anything hold the first one up.
  let interrupted = false;
  const leave = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    input.close();
  };
  input.on("SIGINT", leave);
  process.on("SIGINT", leave);

  input.setPrompt("? ");
  show(help());
  prompt();
  try {
    for await (const line of input) {
      const text = line.trim();
      if (text === "/quit" || text === "/exit") break;
      if (text === "/start") show(conversation.welcome());
      else if (text === "/help") show(help());
      else if (text === "/sources") show(conversation.sources());
      else if (text === "/status") show(conversation.status());
      else if (text.startsWith("/") && !text.startsWith("/ask")) show(noticeReply("unknown-command"));
      else if (text) show((await conversation.answer(text.replace(/^\/ask\b/, "").trim())).reply);
      if (interrupted) break;
      prompt();
    }
  } finally {
    process.off("SIGINT", leave);
    input.close();
  }
  if (interrupted) process.stdout.write("\n");
}
