/**
 * The corpus's name index (names.ts), kept beside the index it was made from: built from the
 * passages' words the first time an index version is opened, read back after that.
 */
import { join } from "node:path";
import { type CorpusIndex, passageTexts } from "../indexing/corpus-index.js";
import { readIndexJson, writeAtomic } from "../indexing/store.js";
import { buildNameIndex, NameIndex, type NameIndexJSON } from "./names.js";

const NAMES_FILE = "names.json";

interface StoredNames {
  /** The index version (its passages' hash) the names were read from. */
  passagesHash: string;
  names: NameIndexJSON;
}

/** The name index of `index`, read from `indexDir` when it belongs to that index, else built and saved. */
export async function openNameIndex(index: CorpusIndex, indexDir: string): Promise<NameIndex> {
  try {
    const stored = await readIndexJson<StoredNames>(indexDir, NAMES_FILE);
    if (stored.passagesHash === index.manifest.passagesHash) return NameIndex.fromJSON(stored.names);
  } catch {
    // Missing or damaged: made again below.
  }
  const names = buildNameIndex(passageTexts(index.documents, index.passages));
  const stored: StoredNames = { passagesHash: index.manifest.passagesHash, names: names.toJSON() };
  // A folder that cannot be written (read-only, full) only costs reading the names again next time.
  await writeAtomic(join(indexDir, NAMES_FILE), JSON.stringify(stored)).catch(() => {});
  return names;
}
