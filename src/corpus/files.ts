/**
 * Finding the corpus files: every .txt and .md file under the corpus folder, sub-folders and links
 * included, each real file once, with a warning for every link or file that is left out.
 */
import type { Stats } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { DOCUMENT_EXTENSIONS } from "./readers/formats.js";

/** A sidecar file NAME.meta beside a document holds header fields for it (load.ts). */
export const SIDECAR_EXTENSION = ".meta";

/** Where the sidecar of the document at `path` may be, in the order looked at: FILE.meta, then NAME.meta. */
export function sidecarPaths(path: string): [string, string] {
  return [path + SIDECAR_EXTENSION, path.slice(0, path.length - extname(path).length) + SIDECAR_EXTENSION];
}

const CORPUS_EXTENSIONS = new Set([...DOCUMENT_EXTENSIONS, SIDECAR_EXTENSION]);

/** Which files are read as documents, for messages about a folder where none was found. */
export const CORPUS_FILES_READ = `${DOCUMENT_EXTENSIONS.join(", ")} files, in sub-folders too, except README.md and hidden files and folders`;

/** The kernel's virtual file systems: no document is there (a /proc file changes at every read), and no index can be. */
const SYSTEM_FOLDERS = ["/proc", "/sys", "/dev"];

/** The system folder (/proc, /sys, /dev) that `realPath` is in, or undefined. */
export function systemFolderOf(realPath: string): string | undefined {
  return SYSTEM_FOLDERS.find((folder) => within(realPath, folder));
}

export interface CorpusFile {
  /** The path it was found at. */
  file: string;
  /** That path, relative to the corpus folder. */
  name: string;
  /** Its bytes; empty when it is larger than the limit it was read with (see `size`). */
  bytes: Buffer;
  size: number;
  /** When it was last modified (ms since the epoch). */
  modified: number;
}

function isCorpusFileName(name: string): boolean {
  return CORPUS_EXTENSIONS.has(extname(name).toLowerCase()) && name.toLowerCase() !== "readme.md";
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * The corpus files under `dir`, sorted by path. The real folders and files are walked first and
 * the links after them, so that a file or folder reached both ways is read once, under its own
 * name; a link is followed when it leads to a file or folder not read yet, as `ln -s` and
 * Kubernetes ConfigMap volumes lay out corpora. A link back up to the corpus folder or above it,
 * into /proc, /sys or /dev, or to something that is no regular file, is left out, named in
 * `warnings`, and so is a folder or file that cannot be read (a root-only lost+found on a mounted
 * volume): the rest of the corpus still loads. Hidden entries are left out: a ConfigMap keeps the
 * real files in a hidden `..data` folder that its visible links point into. `exclude` names
 * folders never to read (an index folder inside the corpus folder).
 */
export async function listCorpusFiles(dir: string, warnings: string[] = [], exclude: readonly string[] = []): Promise<string[]> {
  const root = await realpath(dir);
  const files = new Map<string, string>(); // real path → path as reached
  const foldersRead = new Set<string>();
  const links: string[] = [];
  const say = (path: string, why: string) => warnings.push(`${relative(dir, path)}: ${why}`);

  const readFolder = async (folder: string, real: string): Promise<void> => {
    foldersRead.add(real);
    if (exclude.includes(real)) return;
    const system = systemFolderOf(real);
    if (system) {
      say(folder, `${system} holds no documents; not read`);
      return;
    }
    const listed = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      say(folder, `a folder that cannot be read (${error.code ?? error.message}); skipped`);
      return [];
    });
    const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) links.push(path);
      else if (entry.isDirectory()) await readFolder(path, join(real, entry.name));
      else if (isCorpusFileName(entry.name)) {
        if (entry.isFile()) files.set(join(real, entry.name), path);
        else say(path, "not a regular file (a device, pipe or socket); skipped");
      }
    }
  };

  await readFolder(dir, root);
  // Links found while following links join the queue; each real folder is read once, so it ends.
  for (let next = links.shift(); next !== undefined; next = links.shift()) {
    const target = await followLink(next, say);
    if (!target) continue;
    const { real, stats } = target;
    const system = systemFolderOf(real);
    if (system) say(next, `a link into ${system}, which holds no documents; skipped`);
    else if (stats.isDirectory()) {
      if (within(root, real)) say(next, `a link back up to ${real}, which holds the corpus folder; skipped`);
      else if (!foldersRead.has(real)) await readFolder(next, real);
    } else if (isCorpusFileName(next)) {
      if (!stats.isFile()) say(next, "a link to something that is not a regular file; skipped");
      else if (!files.has(real)) files.set(real, next);
    }
  }
  return [...files.values()].sort();
}

/** Where the link at `path` leads, or undefined (said through `say`) when it leads nowhere that can be read. */
async function followLink(path: string, say: (path: string, why: string) => void): Promise<{ real: string; stats: Stats } | undefined> {
  try {
    return { stats: await stat(path), real: await realpath(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    say(
      path,
      code === "ELOOP"
        ? "a loop of links; skipped"
        : code === "ENOENT"
          ? "a link to nothing (its target is missing); skipped"
          : `a link that cannot be followed (${code}); skipped`,
    );
    return undefined;
  }
}

/**
 * The corpus files under `dir` with their bytes (see listCorpusFiles); a file that cannot be read
 * is named in `warnings`. A file over `maxBytes` is not read: its bytes are empty, its size says why.
 */
export async function readCorpusFiles(dir: string, warnings: string[] = [], exclude: readonly string[] = [], maxBytes = Infinity): Promise<CorpusFile[]> {
  const files = await listCorpusFiles(dir, warnings, exclude);
  const read = await Promise.all(
    files.map(async (file) => {
      try {
        const { size, mtimeMs: modified } = await stat(file);
        return { file, name: relative(dir, file), bytes: size > maxBytes ? Buffer.alloc(0) : await readFile(file), size, modified };
      } catch (error) {
        warnings.push(`${relative(dir, file)}: a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); skipped`);
        return undefined;
      }
    }),
  );
  return read.filter((file) => file !== undefined);
}
