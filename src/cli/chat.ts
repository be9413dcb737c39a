/**
 * The terminal chat: the bot's conversation without Telegram, for trying the bot before creating
 * one (and for scripts: it reads questions line by line from any input). /start, /help, /sources
 * and /status give the same replies as on Telegram, commands read as Telegram reads them (any
 * case, arguments allowed, as in a private chat: whatever bot they name); Ctrl-C or /quit leaves.
 *
 * Each answer follows its own question. Lines arrive faster than answers (a paste, piped input),
 * so they are queued and answered in turn. On a terminal, readline echoes what is typed as it
 * comes; that echo is shut while an answer is due, and a question whose echo was shut is printed
 * again before its answer. Piped input is not echoed at all: each question is printed before its
 * answer, so the output reads as the conversation it was.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import type { AnswerEngine } from "../answer/engine.js";
import { parseCommand } from "../conversation/command.js";
import { Conversation } from "../conversation/conversation.js";
import { noticeReply } from "../conversation/replies.js";
import type { Reply } from "../conversation/reply.js";
import { echoable } from "../conversation/rich.js";
import { ANSI, PLAIN, renderTerminal } from "../conversation/terminal.js";

const PROMPT = "? ";

/**
 * readline's output on a terminal, passed on to the terminal while open and dropped while shut.
 * readline writes only its echo and prompt here; answers go to the terminal directly.
 */
class EchoGate extends Writable {
  shut = false;

  constructor(private readonly terminal: NodeJS.WriteStream) {
    super();
    // readline lays out long lines by the terminal's width, and redraws on resize.
    terminal.on("resize", () => this.emit("resize"));
  }

  get columns(): number {
    return this.terminal.columns;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (!this.shut) this.terminal.write(chunk);
    done();
  }
}

/** A line read, and whether the user saw it echoed (it then needs no printing again). */
interface Line {
  text: string;
  echoed: boolean;
}

/**
 * Runs the chat until the input ends, /quit, or Ctrl-C (SIGINT); resolves when it has left.
 * `examples` are the questions /start offers (EXAMPLE_QUESTIONS), as on Telegram.
 */
export async function runTerminalChat(engine: AnswerEngine, passages: number, examples: readonly string[]): Promise<void> {
  const interactive = !!process.stdin.isTTY;
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const conversation = new Conversation(engine, { pageSize: passages, examples, help: { groups: false, quit: true } });
  const help = () => conversation.help();
  const echo = interactive ? new EchoGate(process.stdout) : undefined;
  const input = createInterface({ input: process.stdin, output: echo, terminal: interactive });
  const show = (reply: Reply) => process.stdout.write(`${renderTerminal(reply, style)}\n`);

  /** The reply to one line; "quit" to leave, undefined for a blank line. */
  const replyTo = async (text: string): Promise<Reply | "quit" | undefined> => {
    const command = parseCommand(text);
    if (!command) return text ? (await conversation.answer(text)).reply : undefined;
    switch (command.name) {
      case "quit":
      case "exit":
        return "quit";
      case "start":
        return conversation.welcome();
      case "help":
        return help();
      case "sources":
        return conversation.sources();
      case "status":
        return conversation.status();
      case "ask":
        return command.args ? (await conversation.answer(command.args)).reply : noticeReply("ask-usage");
      default:
        return noticeReply("unknown-command");
    }
  };

  const queue: Line[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  input.on("line", (text) => {
    // Runs as readline reads the line, before it echoes the next ones of the same paste.
    queue.push({ text, echoed: !!echo && !echo.shut });
    if (echo) echo.shut = true;
    wake?.();
  });
  input.on("close", () => {
    ended = true;
    wake?.();
  });

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

  input.setPrompt(PROMPT);
  show(help());
  try {
    while (!interrupted) {
      const line = queue.shift();
      if (!line) {
        if (ended) break;
        if (echo) {
          // Everything typed is answered: show the prompt, with whatever is typed of the next line.
          echo.shut = false;
          input.prompt(true);
        }
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const text = line.text.trim();
      if (text && !line.echoed) process.stdout.write(`${PROMPT}${echoable(text)}\n`);
      const reply = await replyTo(text);
      if (reply === "quit") break;
      if (reply) show(reply);
    }
  } finally {
    process.off("SIGINT", leave);
    input.close();
  }
  if (interrupted) process.stdout.write("\n");
}
