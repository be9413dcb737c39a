/**
 * `npm run ask -- "question"`: prints the best passages with their citations.
 *   -k N          passages to show (default ANSWER_PASSAGES, 3)
 *   --json        one JSON object (the stable interface for scripts)
 *   --stdin       with --json: one question per input line, one JSON object per output line
 *   --index DIR   query another index (built with `npm run index -- --out DIR`)
 *   --corpus DIR  the corpus of that index (default: the one it was built from)
 */
import { createInterface } from "node:readline";
import { answerToJson } from "../answer/answer.js";
import { noticeTexts } from "../answer/messages.js";
import { ANSI, PLAIN, renderText } from "../answer/render-text.js";
import { loadEngineSettings } from "../config/settings.js";
import { createLogger } from "../log/logger.js";
import { parseArguments, runCommand, UsageError } from "./arguments.js";
import { openEngine } from "./engine-from-settings.js";

const USAGE = `usage: npm run ask -- [-k N] [--json [--stdin]] [--index DIR] [--corpus DIR] "question"`;

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2), ["-k", "--index", "--corpus"], ["--json", "--stdin", "--help", "-h"]);
  if (args.switches.has("--help") || args.switches.has("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const settings = loadEngineSettings();
  const k = args.values.has("-k") ? Number(args.values.get("-k")) : settings.passages;
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError("-k takes a whole number from 1 to 50");
  const json = args.switches.has("--json");
  const stdin = args.switches.has("--stdin");
  if (stdin && !json) throw new UsageError("--stdin goes with --json");
  if (stdin && args.words.length) throw new UsageError("with --stdin, questions come from standard input only");
  if (!stdin && args.words.length === 0) throw new UsageError("no question given");

  const log = createLogger({ level: settings.logLevel, format: "text" });
  const engine = await openEngine(settings, log, { indexDir: args.values.get("--index"), corpusDir: args.values.get("--corpus") });

  const print = async (question: string) => {
    const answer = await engine.ask(question, { limit: k });
    const message = noticeTexts(answer).join(" ");
    process.stdout.write(json ? `${JSON.stringify(answerToJson(answer, message))}\n` : `${renderText(answer, process.stdout.isTTY ? ANSI : PLAIN)}\n`);
  };
  if (stdin) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) await print(line);
  } else {
    await print(args.words.join(" "));
  }
}

runCommand(main, USAGE);
