/**
 * `npm run add -- FILE|URL [--id ID]` and `npm run remove -- ID`: the admins' /add and /remove from
 * the shell. The index is rebuilt under the lock the bot's instances share; they swap to it when
 * they next look (INDEX_REFRESH_SECONDS).
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { DocumentLibrary } from "../answer/library.js";
import { openEngine } from "../answer/open-engine.js";
import { loadEngineSettings } from "../config/settings.js";
import type { DocumentMeta } from "../corpus/document.js";
import { sidecarPaths } from "../corpus/files.js";
import { parseSidecar } from "../corpus/header.js";
import { createLogger, sizeLabel } from "../log/logger.js";
import { parseCommandLine, runCommand, UsageError } from "./arguments.js";

const USAGE = {
  add: `usage: npm run add -- FILE|URL [--id ID]
  FILE|URL  a document (.pdf, .docx, .html, .epub, .txt, .md) or an http(s) link to one
  --id ID   its document id (letters, digits, _ . -); by default made from its file name or title`,
  remove: `usage: npm run remove -- ID
  ID  the id of the document to take out of the corpus (npm run ask -- --json shows ids; so does /documents)`,
};

async function main(command: "add" | "remove"): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(3), { id: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(`${USAGE[command]}\n`);
    return;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "one at a time" : command === "add" ? "which file or link?" : "which document id?");
  if (command === "remove" && values.id !== undefined) throw new UsageError("--id goes with add");
  const settings = loadEngineSettings();
  const log = createLogger({ level: settings.logLevel, format: "text" });
  const engine = await openEngine(settings, { log });
  const library = new DocumentLibrary(engine, settings.documents, { allowPrivate: settings.allowPrivateUrls });
  const onWait = () => log.info("Waiting for another process that is changing the index…");
  const [target] = positionals as [string];
  if (command === "remove") {
    const removed = await library.remove(target, { onWait });
    process.stdout.write(`Removed ${removed.id} (${removed.title}, ${removed.file}); the index is rebuilt.\n`);
    return;
  }
  const who = { addedBy: "shell", ...(values.id !== undefined ? { id: values.id } : {}) };
  const report = /^https?:\/\//i.test(target)
    ? await library.addLink(target, who, { onWait })
    : await library.add(
        { ...who, bytes: await readDocument(target, settings.documents.maxBytes), fileName: basename(target), meta: await sidecarBeside(target) },
        { onWait },
      );
  const pages = report.pages ? `${report.pages} pages, ` : "";
  process.stdout.write(
    `Added ${report.id}: «${report.title}» as ${report.file} (${pages}${report.sections} sections, ${report.passages} passages).\n${report.opening}…\n`,
  );
}

/** The bytes of the file at `path`, refused by name when it is missing or over the size limit (before reading it). */
async function readDocument(path: string, maxBytes: number): Promise<Buffer> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${path}: ${error.code === "ENOENT" ? "no such file" : `cannot be read (${error.code})`}`);
  });
  if (!info.isFile()) throw new Error(`${path}: not a file`);
  if (info.size > maxBytes) throw new Error(`${path}: ${sizeLabel(info.size)}, over the limit of ${sizeLabel(maxBytes)} (MAX_DOCUMENT_MB)`);
  return readFile(path);
}

/** The header fields of a sidecar beside `path` (FILE.meta, or NAME.meta), as `extract` and the index read them. */
async function sidecarBeside(path: string): Promise<Partial<DocumentMeta>> {
  for (const sidecar of sidecarPaths(path)) {
    const text = await readFile(sidecar, "utf8").catch(() => undefined);
    if (text !== undefined) return parseSidecar(text).meta;
  }
  return {};
}

const command = process.argv[2] === "remove" ? "remove" : "add";
runCommand(() => main(command), USAGE[command]);
