/**
 * Checks a message's text and entities as the Bot API would take them: every entity inside the
 * UTF-16 text and not cutting a surrogate pair, of a known type, links to http(s) only, entities
 * nested or apart (never half-overlapping), no blockquote inside another. Returns the length
 * Telegram counts (UTF-16 units), or throws saying what is wrong.
 */
import type { MessageEntity } from "grammy/types";

const TYPES = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "code",
  "pre",
  "text_link",
  "blockquote",
  "expandable_blockquote",
  "mention",
]);

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function checkEntities(text: string, entities: readonly MessageEntity[] = []): number {
  if (text.length === 0) throw new Error("empty text");
  for (const e of entities) {
    if (!TYPES.has(e.type)) throw new Error(`unknown entity type ${e.type}`);
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length <= 0) throw new Error(`bad span ${e.offset}+${e.length}`);
    if (e.offset + e.length > text.length) throw new Error(`${e.type} at ${e.offset}+${e.length} runs past the text (${text.length})`);
    const [before, last] = [text.charCodeAt(e.offset - 1), text.charCodeAt(e.offset + e.length - 1)];
    if (isHighSurrogate(before) || isHighSurrogate(last)) throw new Error(`${e.type} cuts a surrogate pair`);
    if (e.type === "text_link" && !/^https?:\/\//.test(e.url)) throw new Error(`link to ${e.url}`);
  }
  for (const [i, a] of entities.entries()) {
    for (const b of entities.slice(i + 1)) {
      const [aEnd, bEnd] = [a.offset + a.length, b.offset + b.length];
      const apart = aEnd <= b.offset || bEnd <= a.offset;
      const nested = (a.offset <= b.offset && bEnd <= aEnd) || (b.offset <= a.offset && aEnd <= bEnd);
      if (!apart && !nested) throw new Error(`${a.type} and ${b.type} overlap without nesting`);
      if (!apart && a.type.endsWith("blockquote") && b.type.endsWith("blockquote")) throw new Error("a blockquote inside a blockquote");
    }
  }
  return text.length;
}

const TAGS: Partial<Record<MessageEntity["type"], [string, string]>> = {
  bold: ["<b>", "</b>"],
  italic: ["<i>", "</i>"],
  underline: ["<u>", "</u>"],
  blockquote: ["<blockquote>", "</blockquote>"],
  expandable_blockquote: ["<blockquote expandable>", "</blockquote>"],
};

/**
 * The text with its formatting entities shown as HTML-like tags (<b>, <i>, <u>, <a href>, <blockquote>),
 * for readable assertions in tests. Text is not escaped: this is for reading, never for sending.
 */
export function withTags(text: string, entities: readonly MessageEntity[] = []): string {
  // Longer entities open first and close last, so nested ones come out properly nested.
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  for (const e of sorted) {
    const [open, close] = e.type === "text_link" ? [`<a href="${e.url}">`, "</a>"] : (TAGS[e.type] ?? ["", ""]);
    opens.set(e.offset, [...(opens.get(e.offset) ?? []), open]);
    closes.set(e.offset + e.length, [close, ...(closes.get(e.offset + e.length) ?? [])]);
  }
  let out = "";
  for (let i = 0; i <= text.length; i++) {
    out += (closes.get(i) ?? []).join("") + (opens.get(i) ?? []).join("");
    if (i < text.length) out += text[i];
  }
  return out;
}
