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

/** The header's closing line: `---`, with any spaces or tabs after it (editors leave them). */
const HEADER_CLOSE = /\n---[ \t]*(?:\n|$)/;

/** A value without the quotes YAML allows around it: `title: "…"` is the title, not the quotes. */
function unquoted(value: string): string {
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return quoted ? quoted[2]!.trim() : value;
}

/**
 * Splits a corpus file into its header fields and its body. A header line that cannot be read
 * is left out with a warning, never the document; a YAML list under a key (`author:` then
 * `  - …` lines) is read as its items joined with commas.
 */
export function parseHeader(content: string): ParsedFile {
  const text = content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const open = /^---[ \t]*\n/.exec(text);
  if (!open) return { meta: {}, body: text };
  const close = HEADER_CLOSE.exec(text.slice(open[0].length - 1));
  if (!close) throw new HeaderError("the header opened with --- is never closed by a --- line");
  const headerEnd = open[0].length - 1 + close.index;
  const meta: Partial<DocumentMeta> = {};
  const warnings: string[] = [];
  const lists = new Map<keyof DocumentMeta, string[]>();
  /** The items of the list being read: a known key's, or a throwaway for an unknown key's. */
  let list: string[] | undefined;
  for (const line of text.slice(open[0].length, headerEnd).split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && list) {
      list.push(unquoted(item[1]!.trim()));
      continue;
    }
    const colon = line.indexOf(":");
    if (colon === -1) {
      warnings.push(`header line left out, not "key: value": ${line.trim().slice(0, 80)}`);
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    // Own keys only: a header line "constructor: …" is an unknown key, not Object's.
    const key = Object.hasOwn(KEYS, name) ? KEYS[name] : undefined;
    const value = unquoted(line.slice(colon + 1).trim());
    list = value ? undefined : [];
    if (key && list) lists.set(key, list);
    else if (key) setValue(meta, key, value, warnings);
  }
  for (const [key, items] of lists) setValue(meta, key, items.filter(Boolean).join(", "), warnings);
  return { meta, body: text.slice(headerEnd + close[0].length), ...(warnings.length ? { warnings } : {}) };
}

/** Sets a header field, leaving out an empty value and an address that is no web link. */
function setValue(meta: Partial<DocumentMeta>, key: keyof DocumentMeta, value: string, warnings: string[]): void {
  if (key === "url" && value && !webAddress(value)) warnings.push(`header url "${value.slice(0, 80)}" left out: only http and https addresses are links`);
  else if (value) meta[key] = value;
}
