/** A second corpus for the command-line tests of --corpus, with the index folder the commands give it. */
import { realpathSync } from "node:fs";
import { cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { indexDirFor } from "../../src/cli/folders.js";
import { CORPUS_DIR } from "./paths.js";

/**
 * `dir`/other-corpus holding one seed document, copied as `name`, and the index folder that `ask`
 * and `index` keep for it under .cache/indexes/ (not a scratch folder: removed after the test).
 */
export async function otherCorpus(dir: string, seedFile: string, name: string): Promise<{ corpus: string; indexDir: string }> {
  const corpus = join(dir, "other-corpus");
  await mkdir(corpus);
  await cp(join(CORPUS_DIR, seedFile), join(corpus, name));
  const indexDir = indexDirFor(realpathSync(corpus), { corpusDir: undefined, indexDir: "" });
  onTestFinished(() => rm(indexDir, { recursive: true, force: true }));
  return { corpus, indexDir };
}
