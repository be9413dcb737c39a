/**
 * `npm run index`: builds the index of the corpus folder (and the passage vectors, when the
 * embedding model can be loaded).
 *   --corpus DIR  the corpus to index (default CORPUS_DIR, ./corpus)
 *   --out DIR     where to write the index (default INDEX_DIR, ./index)
 */
import { openEngine } from "../answer/open-engine.js";
import { loadEngineSettings } from "../config/settings.js";
import { createLogger } from "../log/logger.js";
import { parseCommandLine, runCommand, UsageError } from "./arguments.js";
import { existingFolder } from "./folders.js";

const USAGE = "usage: npm run index -- [--corpus DIR] [--out DIR]";

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    corpus: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const base = loadEngineSettings();
  const log = createLogger({ level: base.logLevel, format: "text" });
  const corpusDir = values.corpus === undefined ? base.corpusDir : existingFolder("--corpus", values.corpus);
  const settings = { ...base, corpusDir, indexDir: values.out ?? base.indexDir };
  const engine = await openEngine(settings, { log, rebuild: true });
  const status = engine.status();
  log.info(`Index ready: ${status.documents} documents, ${status.passages} passages, ${status.mode} search.`);
}

runCommand(main, USAGE);
