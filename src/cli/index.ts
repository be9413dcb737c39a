/**
 * `npm run index`: builds the index of the corpus folder (and the passage vectors, when the
 * embedding model can be loaded).
 *   --corpus DIR  the corpus to index (default CORPUS_DIR, ./corpus)
 *   --out DIR     where to write the index (default INDEX_DIR, ./index)
 */
import { AnswerEngine } from "../answer/engine.js";
import { loadEngineSettings } from "../config/settings.js";
import { createLogger } from "../log/logger.js";
import { parseArguments, runCommand, UsageError } from "./arguments.js";

const USAGE = "usage: npm run index -- [--corpus DIR] [--out DIR]";

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2), ["--corpus", "--out"], ["--help", "-h"]);
  if (args.switches.has("--help") || args.switches.has("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.words.length) throw new UsageError(`unexpected argument ${args.words[0]}`);
  const settings = loadEngineSettings();
  const log = createLogger({ level: settings.logLevel, format: "text" });
  const engine = await AnswerEngine.open({
    corpusDir: args.values.get("--corpus") ?? settings.corpusDir,
    indexDir: args.values.get("--out") ?? settings.indexDir,
    model: settings.model,
    abstention: settings.abstention,
    log,
    rebuild: true,
  });
  const status = engine.status();
  log.info(`Index ready: ${status.documents} documents, ${status.passages} passages, ${status.mode} search.`);
}

runCommand(main, USAGE);
