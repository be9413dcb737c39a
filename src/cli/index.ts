/**
 * `npm run index`: builds the index of the corpus folder (and the passage vectors, when the
 * embedding model can be loaded). Options: USAGE below.
 */
import { openEngine } from "../answer/open-engine.js";
import { loadEngineSettings } from "../config/settings.js";
import { withWriteLock } from "../indexing/write-lock.js";
import { counted, createLogger } from "../log/logger.js";
import { parseCommandLine, runCommand, UsageError } from "./arguments.js";
import { existingFolder, indexDirFor, indexFolder } from "./folders.js";

const USAGE = `usage: npm run index -- [--corpus DIR] [--out DIR]
  --corpus DIR  the corpus to index (default CORPUS_DIR, ./corpus)
  --out DIR     where to write the index (default INDEX_DIR, ./index; for another corpus given
                with --corpus, a folder of its own in .cache/indexes/, where ask --corpus finds it)`;

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
  const corpusDir = values.corpus === undefined ? undefined : existingFolder("--corpus", values.corpus);
  const indexDir = values.out !== undefined ? indexFolder("--out", values.out) : corpusDir ? indexDirFor(corpusDir, base) : base.indexDir;
  const settings = { ...base, corpusDir: corpusDir ?? base.corpusDir, indexDir };
  // The lock the bot's instances take to change the index: a build waits for theirs, and theirs for it.
  const onWait = () => log.info(`Waiting for another process that is changing the index in ${indexDir}…`);
  const engine = await withWriteLock(indexDir, () => openEngine(settings, { log, rebuild: true, task: "index" }), { onWait });
  const { documents, passages, mode, modelId } = engine.status();
  const vectors = mode === "hybrid" ? `with passage vectors of ${modelId}` : "keyword index only (no passage vectors)";
  log.info(`Index ready in ${indexDir}: ${counted(documents, "document")}, ${counted(passages, "passage")}, ${vectors}.`);
  // A document left out is a mistake to fix, not a file to skip quietly: the index is saved, and the command fails.
  const skipped = engine.status().skipped;
  if (skipped.length) throw new Error(`${counted(skipped.length, "corpus file")} not indexed: ${skipped.map((problem) => problem.message).join("; ")}`);
}

runCommand(main, USAGE);
