/** `npm run ask -- "question"`: prints the best passages with their citations (options: USAGE below). */
import { createInterface } from "node:readline";
import { answerToJson } from "../answer/answer.js";
import { openEngine } from "../answer/open-engine.js";
import { loadEngineSettings } from "../config/settings.js";
import { noticeTexts } from "../conversation/replies.js";
import { ANSI, PLAIN, renderAnswer } from "../conversation/terminal.js";
import { createLogger } from "../log/logger.js";
import { parseCommandLine, runCommand, UsageError } from "./arguments.js";
import { existingFolder, indexDirFor, indexFolder } from "./folders.js";

const USAGE = `usage: npm run ask -- [-k N] [--json [--stdin]] [--index DIR] [--corpus DIR] "question"
  -k N          at most N passages (default ANSWER_PASSAGES, 3)
  --json        one JSON object (the stable interface for scripts)
  --stdin       with --json: one question per input line, one JSON object per output line
  --index DIR   the index to query (default INDEX_DIR, ./index)
  --corpus DIR  the corpus to answer from (default CORPUS_DIR, ./corpus; with --index, the one that
                index was built from). Without --index, the index of another corpus is built and
                kept in .cache/indexes/, never in ./index`;

async function main(): Promise<void> {
  const { values, positionals: words } = parseCommandLine(process.argv.slice(2), {
    k: { type: "string", short: "k" },
    json: { type: "boolean" },
    stdin: { type: "boolean" },
    index: { type: "string" },
    corpus: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const base = loadEngineSettings();
  const k = values.k !== undefined ? Number(values.k) : base.passages;
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new UsageError("-k takes a whole number from 1 to 50");
  if (values.stdin && !values.json) throw new UsageError("--stdin goes with --json");
  if (values.stdin && words.length) throw new UsageError("with --stdin, questions come from standard input only");
  if (!values.stdin && words.length === 0) throw new UsageError("no question given");
  const corpusDir = values.corpus === undefined ? undefined : existingFolder("--corpus", values.corpus);

  const log = createLogger({ level: base.logLevel, format: "text" });
  // An index folder given alone is checked against the corpus it was built from; a corpus given
  // alone gets an index folder of its own.
  const settings = values.index
    ? { ...base, indexDir: indexFolder("--index", values.index), corpusDir }
    : { ...base, indexDir: corpusDir ? indexDirFor(corpusDir, base) : base.indexDir, corpusDir: corpusDir ?? base.corpusDir };
  const engine = await openEngine(settings, { log });

  const print = async (question: string) => {
    const answer = await engine.ask(question, { limit: k });
    const message = noticeTexts(answer).join(" ");
    process.stdout.write(values.json ? `${JSON.stringify(answerToJson(answer, message))}\n` : `${renderAnswer(answer, process.stdout.isTTY ? ANSI : PLAIN)}\n`);
  };
  if (values.stdin) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) await print(line);
  } else {
    await print(words.join(" "));
  }
}

runCommand(main, USAGE);
