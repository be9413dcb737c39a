/**
 * The metadata header of a corpus file: a front-matter block of `key: value` lines between two
 * `---` lines at the very top. Files without one are corpus documents too.
 */
import type { DocumentMeta } from "./document.js";

const KEYS: Record<string, keyof DocumentMeta> = {
  id: "id",
  title: "title",
  author: "author",
  publisher: "publisher",
  url: "url",
  language: "language",
  license: "license",
  based_on: "basedOn",
};

export interface ParsedFile {
  /** The header's fields; `id` and `title` may be missing here and are filled in by the loader. */
  meta: Partial<DocumentMeta>;
  body: string;
}

export class HeaderError extends Error {
  override name = "HeaderError";
}

/** Splits a corpus file into its header fields and its body. */
export function parseHeader(content: string): ParsedFile {
  const text = content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.startsWith("---\n")) return { meta: {}, body: text };
  const close = text.indexOf("\n---\n", 3);
  if (close === -1) throw new HeaderError("the header opened with --- is never closed by a --- line");
  const meta: Partial<DocumentMeta> = {};
  for (const line of text.slice(4, close).split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon === -1) throw new HeaderError(`header line without "key: value": ${line}`);
    const key = KEYS[line.slice(0, colon).trim().toLowerCase()];
    const value = line.slice(colon + 1).trim();
    if (key && value) meta[key] = value;
  }
  return { meta, body: text.slice(close + 5) };
}
