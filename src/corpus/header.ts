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
  added_by: "addedBy",
  added_at: "addedAt",
  source_url: "sourceUrl",
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

/** Pairs of quotes a value may stand in, whole: YAML's, and the typographic ones editors put in. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’" };

/**
 * A header value as YAML writes a single one: without its quotes (`title: "…"`, only when they
 * enclose it whole: `"أحمد"، "ليلى"` keeps them), without a comment after it (`ar # Arabic`), and a
 * flow list (`[أحمد, "ليلى"]`) as its items joined with commas.
 */
function scalar(raw: string): string {
  let value = raw.trim();
  const close = QUOTES[value[0] ?? ""];
  // A comment after a quoted value ("عنوان" # note) goes first, so that the quotes then enclose it whole.
  const end = close ? value.indexOf(close, 1) : -1;
  if (end > 0 && /^\s+#/.test(value.slice(end + 1))) value = value.slice(0, end + 1);
  if (close && value.length > 1 && value.endsWith(close) && !value.slice(1, -1).includes(close)) return value.slice(1, -1).trim();
  if (value.startsWith("[") && value.endsWith("]")) {
    return value.slice(1, -1).split(",").map(scalar).filter(Boolean).join(", ");
  }
  return value.replace(/\s+#.*$/, "");
}

/** A line that is `---` alone (opening or closing a header), or YAML's `...` end, whatever white space is around it. */
const isMarker = (line: string, markers: string[]) => markers.includes(line.trim());

/**
 * Splits a corpus file into its header fields and its body. The header is a `---` line (after any
 * blank lines) and the lines up to the next `---` or `...` line. A header line that cannot be read
 * is left out with a warning, never the document, and a header that is never closed is read as no
 * header. Beyond `key: value`, the forms of YAML people write are read: a list under a key
 * (`author:` then `  - …` lines) or in brackets, joined with commas, and a folded block (`title: >`
 * then indented lines), joined with spaces.
 */
export function parseHeader(content: string): ParsedFile {
  const text = content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const open = lines.findIndex((line) => line.trim() !== "");
  if (open === -1 || !isMarker(lines[open]!, ["---"])) return { meta: {}, body: text };
  const close = lines.findIndex((line, i) => i > open && isMarker(line, ["---", "..."]));
  if (close === -1) return { meta: {}, body: text, warnings: ["the header opened with --- is never closed by a --- line: read as text"] };
  const meta: Partial<DocumentMeta> = {};
  const warnings: string[] = [];
  /** Values given over several lines (a list, a folded block), by key; an unknown key's go to a throwaway list. */
  const continued = new Map<keyof DocumentMeta, { items: string[]; block: boolean }>();
  let pending: { items: string[]; block: boolean } | undefined;
  for (const line of lines.slice(open + 1, close)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (pending && !pending.block && item) {
      pending.items.push(scalar(item[1]!));
      continue;
    }
    if (pending?.block && /^\s/.test(line)) {
      pending.items.push(line.trim());
      continue;
    }
    const colon = line.indexOf(":");
    if (colon === -1) {
      warnings.push(`header line left out, not "key: value": ${line.trim().slice(0, 80)}`);
      pending = undefined;
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    // Own keys only: a header line "constructor: …" is an unknown key, not Object's.
    const key = Object.hasOwn(KEYS, name) ? KEYS[name] : undefined;
    const raw = line.slice(colon + 1).trim();
    const block = /^[>|][+-]?$/.test(raw);
    pending = raw === "" || block ? { items: [], block } : undefined;
    if (key && pending) continued.set(key, pending);
    else if (key) setValue(meta, key, scalar(raw), warnings);
  }
  for (const [key, { items, block }] of continued) setValue(meta, key, items.filter(Boolean).join(block ? " " : ", "), warnings);
  return { meta, body: lines.slice(close + 1).join("\n"), ...(warnings.length ? { warnings } : {}) };
}

/** Sets a header field, leaving out an empty value and an address that is no web link. */
function setValue(meta: Partial<DocumentMeta>, key: keyof DocumentMeta, value: string, warnings: string[]): void {
  const link = key === "url" || key === "sourceUrl";
  if (link && value && !webAddress(value))
    warnings.push(`header ${key === "url" ? "url" : "source_url"} "${value.slice(0, 80)}" left out: only http and https addresses are links`);
  else if (value) meta[key] = value;
}

/** The header fields of a sidecar file (NAME.meta): the header's lines, with or without their `---` lines. */
export function parseSidecar(text: string): ParsedFile {
  return parseHeader(/^\s*---/.test(text) ? text : `---\n${text.trim()}\n---\n`);
}
