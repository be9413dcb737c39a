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
  /** Header values that were left out, each with the reason; absent when there are none. */
  warnings?: string[];
}

/**
 * `text` when it is an absolute http or https address with a host, else undefined. Every address
 * that can become a link (a document's url, a reference's) goes through here, so that no renderer
 * ever gets javascript:, data: or any other scheme. The address is kept as written (an Arabic
 * Wikipedia path stays readable); URL only checks it.
 */
export function webAddress(text: string): string | undefined {
  if (!/^https?:\/\/[^\s"<>\\^`{|}\p{Cc}]+$/iu.test(text)) return undefined;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? text : undefined;
  } catch {
    return undefined;
  }
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
  const warnings: string[] = [];
  for (const line of text.slice(4, close).split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon === -1) throw new HeaderError(`header line without "key: value": ${line}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    // Own keys only: a header line "constructor: …" is an unknown key, not Object's.
    const key = Object.hasOwn(KEYS, name) ? KEYS[name] : undefined;
    const value = line.slice(colon + 1).trim();
    if (key === "url" && value && !webAddress(value)) warnings.push(`header url "${value.slice(0, 80)}" left out: only http and https addresses are links`);
    else if (key && value) meta[key] = value;
  }
  return { meta, body: text.slice(close + 5), ...(warnings.length ? { warnings } : {}) };
}
