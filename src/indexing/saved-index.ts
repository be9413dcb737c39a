/**
 * The index on disk: saved file by file, each checked against the manifest when loaded (store.ts
 * writes and checks them), and read back whole or, when stale, its documents alone.
 */
import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { NameIndex, type NameIndexJSON } from "../bridge/names.js";
import type { CorpusDocument } from "../corpus/document.js";
import { KeywordIndex } from "../search/keyword-index.js";
import {
  commitStaged,
  discardStaged,
  FolderWriteError,
  makeFolder,
  removeFolders,
  removeStaleTemporaries,
  type StagedFile,
  sha256,
  stageFile,
} from "./atomic-write.js";
import type { CorpusIndex } from "./corpus-index.js";
import { type DocumentHeader, documentHeaders, lazyDocuments, passagesFile, readPassages, readTexts, textsFile } from "./document-files.js";
import { readSections, sectionsFile } from "./section-files.js";
import { CORPUS_DIR_FILE, IndexFileError, MANIFEST_FILE, type Manifest, readIndexFile, readIndexJson, readManifest } from "./store.js";

/** Files of earlier formats that the current one replaced: removed once a new index is in place. */
const REPLACED_FILES = ["keyword.json", "passages.json"];

const DATA_FILES = {
  documents: "documents.json",
  texts: "texts.bin",
  sections: "sections.bin",
  passages: "passages.bin",
  keyword: "keyword.bin",
  names: "names.json",
} as const;

/**
 * The documents of the index in `indexDir`, whatever its version, or undefined when they cannot be
 * read: what a stale index can still be built from when its corpus folder is gone, and what the
 * corpus loader takes from the index built before (which file each document came from, and the
 * documents of files read by a reader, unchanged since).
 */
export async function storedDocuments(indexDir: string): Promise<CorpusDocument[] | undefined> {
  let documents = await readIndexJson<CorpusDocument[]>(indexDir, DATA_FILES.documents).catch(() => undefined);
  // From format 4 on the texts and sections are in texts.bin and sections.bin; before, in documents.json itself.
  if (Array.isArray(documents) && documents.some((d) => d?.text === undefined)) {
    const headers = documents;
    const files = await Promise.all([
      readIndexFile(indexDir, DATA_FILES.texts).then(readTexts),
      readIndexFile(indexDir, DATA_FILES.sections).then(readSections),
    ]).catch(() => undefined);
    documents = files?.every((file) => file.count === headers.length)
      ? lazyDocuments(headers, { text: files[0].text, sections: files[1].sections })
      : undefined;
  }
  if (!Array.isArray(documents) || documents.length === 0) return undefined;
  try {
    const wellFormed = documents.every((d) => typeof d?.meta?.id === "string" && typeof d.text === "string" && Array.isArray(d.sections));
    return wellFormed ? documents : undefined;
  } catch {
    return undefined; // sections.bin damaged: its reader throws
  }
}

/**
 * Whether the index in `indexDir`, described by `stored`, already is `manifest` with these
 * `contents`, byte for byte: its manifest agrees, and so does every file on disk (a damaged one is
 * rewritten). Checked before anything is written, so that an unchanged rebuild needs neither write
 * access nor free space.
 */
async function sameIndex(
  indexDir: string,
  stored: Manifest,
  manifest: Manifest,
  contents: Record<string, () => Iterable<string | Uint8Array>>,
): Promise<boolean> {
  if (stored.format !== manifest.format) return false;
  const keys = ["corpusHash", "corpusDir", "analyzer", "chunker", "passagesHash"] as const;
  if (keys.some((key) => stored[key] !== manifest[key])) return false;
  if (manifest.tokenBudgetChecked && !stored.tokenBudgetChecked) return false;
  for (const [name, content] of Object.entries(contents)) {
    const expected = stored.files[name]?.sha256;
    if (!expected || sha256Of(content()) !== expected) return false;
    const onDisk = await readFile(join(indexDir, name)).catch(() => undefined);
    if (!onDisk || sha256(onDisk) !== expected) return false;
  }
  return true;
}

/** The SHA-256 of content given in pieces, as stageFile would write it. */
function sha256Of(pieces: Iterable<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const piece of pieces) hash.update(piece);
  return hash.digest("hex");
}

/**
 * Writes `index` into `indexDir`. Every file is written whole beside its place first; only then
 * are they renamed into place, the manifest (with each file's size and checksum) last. A write
 * that fails leaves the index that was there unchanged and throws a FolderWriteError saying so.
 * An index identical to the one there is not written again, so rebuilding an unchanged corpus
 * changes no file (a committed index stays clean).
 */
export async function saveIndex(index: CorpusIndex, indexDir: string, corpusDir: string): Promise<void> {
  index.manifest.corpusDir = relative(resolve(indexDir), resolve(corpusDir)) || ".";
  // One file at a time, each made only when it is written: on a large corpus the JSON of the keyword
  // index alone is as large as the index in memory, so it is written in pieces (jsonChunks).
  const contents: Record<string, () => Iterable<string | Uint8Array>> = {
    [DATA_FILES.documents]: () => [JSON.stringify(documentHeaders(index.documents))],
    [DATA_FILES.texts]: () => textsFile(index.documents),
    [DATA_FILES.sections]: () => sectionsFile(index.documents),
    [DATA_FILES.passages]: () => [passagesFile(index.passages, index.documents)],
    [DATA_FILES.keyword]: () => index.keyword.toBytes(),
    [DATA_FILES.names]: () => [JSON.stringify(index.names.toJSON())],
  };
  const note = `${index.manifest.corpusDir}\n`;
  const noteChanged = (await readFile(join(indexDir, CORPUS_DIR_FILE), "utf8").catch(() => ""))?.trim() !== note.trim();
  const stored = await readManifest(indexDir).catch(() => undefined);
  if (stored && !noteChanged && (await sameIndex(indexDir, stored, index.manifest, contents))) {
    index.manifest = stored;
    return;
  }
  await removeStaleTemporaries(indexDir);
  const staged = new Map<string, StagedFile>();
  let madeFolders: string[] = [];
  try {
    madeFolders = await makeFolder(indexDir);
    if (noteChanged) staged.set(CORPUS_DIR_FILE, await stageFile(join(indexDir, CORPUS_DIR_FILE), [note]));
    for (const [name, content] of Object.entries(contents)) {
      const file = await stageFile(join(indexDir, name), content());
      staged.set(name, file);
      index.manifest.files[name] = { bytes: file.bytes, sha256: file.sha256 };
    }
    staged.set(MANIFEST_FILE, await stageFile(join(indexDir, MANIFEST_FILE), [`${JSON.stringify(index.manifest, null, 2)}\n`]));
  } catch (error) {
    await discardStaged([...staged.values()]);
    await removeFolders(madeFolders);
    if (error instanceof FolderWriteError) throw new FolderWriteError(error.folder, error.code, `${error.message}; the index in ${indexDir} is unchanged`);
    throw error;
  }
  // Without a manifest the folder holds no index: one killed while the files are renamed is rebuilt, not half read.
  await rm(join(indexDir, MANIFEST_FILE), { force: true });
  await commitStaged([...staged.values()]);
  await Promise.all(REPLACED_FILES.map((name) => rm(join(indexDir, name), { force: true }).catch(() => {})));
}

/** Loads a saved index; throws IndexFileError naming the damaged file. */
export async function loadIndex(indexDir: string): Promise<CorpusIndex | undefined> {
  const manifest = await readManifest(indexDir);
  if (!manifest) return undefined;
  const headers = await readIndexJson<DocumentHeader[]>(indexDir, DATA_FILES.documents, manifest.files[DATA_FILES.documents]);
  if (!Array.isArray(headers)) throw new IndexFileError(join(indexDir, DATA_FILES.documents), "is not a list of documents");
  /** `read` of the file `name`, checked against the manifest; what it throws names the file. */
  const readChecked = async <T>(name: string, read: (bytes: Buffer) => T): Promise<T> => {
    const bytes = await readIndexFile(indexDir, name, manifest.files[name]);
    try {
      return read(bytes);
    } catch (error) {
      throw new IndexFileError(join(indexDir, name), (error as Error).message);
    }
  };
  const texts = await readChecked(DATA_FILES.texts, readTexts);
  const sections = await readChecked(DATA_FILES.sections, readSections);
  const documents = lazyDocuments(headers, { text: texts.text, sections: sections.sections });
  const passages = await readChecked(DATA_FILES.passages, (bytes) => readPassages(bytes, headers));
  const keyword = await readChecked(DATA_FILES.keyword, (bytes) => KeywordIndex.fromBytes(bytes));
  if (texts.count !== documents.length || sections.count !== documents.length || passages.length !== manifest.passages || keyword.size !== passages.length) {
    throw new IndexFileError(join(indexDir, MANIFEST_FILE), "does not match the data files beside it");
  }
  let names: NameIndex;
  try {
    names = NameIndex.fromJSON(await readIndexJson<NameIndexJSON>(indexDir, DATA_FILES.names, manifest.files[DATA_FILES.names]));
  } catch (error) {
    if (error instanceof IndexFileError) throw error;
    throw new IndexFileError(join(indexDir, DATA_FILES.names), `is not a name index: ${(error as Error).message}`);
  }
  return { manifest, documents, passages, keyword, names };
}
