/**
 * The Telegram front end's renderer: replies as text plus message entities (through
 * @grammyjs/parse-mode, so nothing is ever escaped), within Telegram's limits as Telegram counts
 * them: at most 4096 UTF-16 units of text per message.
 */
import { blockquote, bold, type EntityTag, expandableBlockquote, FormattedString, fmt, italic, link, underline } from "@grammyjs/parse-mode";
import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import type { ReplyLimits } from "../conversation/replies.js";
import type { Block, CitationLine, Reply, Rich } from "../conversation/reply.js";
import { cutAt } from "../conversation/rich.js";
import { encodeAction } from "./callbacks.js";

/** Telegram's limit on a message's text, in UTF-16 units after entities are parsed. */
export const MAX_MESSAGE_LENGTH = 4096;

/** The question is echoed on the first line of an answer, after this mark. */
export const QUESTION_MARK = "🔎 ";

/** One message as the Bot API takes it. */
export interface TelegramMessage {
  text: string;
  entities: MessageEntity[];
  keyboard?: InlineKeyboardMarkup;
}

/**
 * A reply laid out for Telegram: text, and entities (parse-mode's entity tags) around parts of it.
 * Laid out once, it is either measured (cheaply, for fitting replies to the limit) or turned into
 * a FormattedString by one `fmt` call, the tags opening and closing around their text.
 */
type Piece = string | { tag: EntityTag; inner: Piece[] };

const CITATION_ICONS: Record<CitationLine["role"], string> = { where: "📄 ", author: "✍️ ", basedOn: "🧭 ", link: "🔗 ", reference: "📚 ", more: "📚 " };

function between(items: Piece[][], separator: string): Piece[] {
  const pieces: Piece[] = [];
  for (const [i, item] of items.entries()) {
    if (i > 0) pieces.push(separator);
    for (const piece of item) pieces.push(piece);
  }
  return pieces;
}

function rich(line: Rich): Piece[] {
  return line.map((span): Piece => {
    if (span.url) {
      const linked: Piece = { tag: link(span.url), inner: [span.text] };
      return span.style === "strong" ? { tag: bold(), inner: [linked] } : linked;
    }
    if (span.style === "strong") return { tag: bold(), inner: [span.text] };
    // The likely answer: bold and underlined, beyond the bold of the matched words around it.
    if (span.style === "answer") return { tag: bold(), inner: [{ tag: underline(), inner: [span.text] }] };
    if (span.style === "emphasis") return { tag: italic(), inner: [span.text] };
    return span.text;
  });
}

function citation(lines: CitationLine[]): Piece[] {
  return between(
    lines.map((l) => [CITATION_ICONS[l.role], ...rich(l.content)]),
    "\n",
  );
}

function block(b: Block): Piece[] {
  switch (b.kind) {
    case "question":
      return [QUESTION_MARK, { tag: italic(), inner: [b.text || "…"] }];
    case "text":
      return between(b.lines.map(rich), "\n");
    case "quote":
      return [{ tag: b.expandable ? expandableBlockquote() : blockquote(), inner: rich(b.content) }];
    case "citation":
      return citation(b.citation.lines);
    case "passage": {
      const parts = [
        ...(b.best ? [["💡 ", ...rich(b.best)]] : []),
        [{ tag: expandableBlockquote(), inner: rich(b.quote) }],
        ...(b.matchedBy ? [[`🔤 ${b.matchedBy}`]] : []),
        citation(b.citation.lines),
      ];
      return [{ tag: bold(), inner: [`${b.rank}.`] }, " ", ...between(parts, "\n")];
    }
  }
}

function layout(reply: Reply): Piece[] {
  return between(reply.blocks.map(block), "\n\n");
}

function lengthOf(pieces: Piece[]): number {
  let length = 0;
  for (const piece of pieces) length += typeof piece === "string" ? piece.length : lengthOf(piece.inner);
  return length;
}

function flattened(pieces: Piece[], into: (string | EntityTag)[] = []): (string | EntityTag)[] {
  for (const piece of pieces) {
    if (typeof piece === "string") into.push(piece);
    else {
      into.push(piece.tag);
      flattened(piece.inner, into);
      into.push(piece.tag);
    }
  }
  return into;
}

/**
 * The pieces as one FormattedString, in one `fmt` pass: a tag closes the open entity of its type,
 * and no entity here holds another of its own type. (Nesting FormattedStrings instead copies the
 * text and entities at every level, and FormattedString.join once per item.)
 */
function formatted(pieces: Piece[]): FormattedString {
  return concatenated(flattened(pieces));
}

function concatenated(items: (FormattedString | EntityTag | string)[]): FormattedString {
  return fmt(Array<string>(items.length + 1).fill(""), ...items);
}

function keyboard(reply: Reply): InlineKeyboardMarkup | undefined {
  const rows = reply.buttons.filter((row) => row.length).map((row) => row.map((b) => ({ text: b.label, callback_data: encodeAction(b.action) })));
  return rows.length ? { inline_keyboard: rows } : undefined;
}

/** The reply as one formatted text (which may pass the limit; see `toMessages`). */
export function formatReply(reply: Reply): FormattedString {
  return formatted(layout(reply));
}

/** Block lengths already measured: fitting a page measures the same blocks again as it adds passages. */
const blockLengths = new WeakMap<Block, number>();

/** How long Telegram counts the reply's text, without building it. */
export function telegramLength(reply: Reply): number {
  let length = Math.max(0, reply.blocks.length - 1) * 2; // the blank lines between blocks
  for (const b of reply.blocks) {
    let known = blockLengths.get(b);
    if (known === undefined) {
      known = lengthOf(block(b));
      blockLengths.set(b, known);
    }
    length += known;
  }
  return length;
}

/** Telegram's limits for the conversation (which cuts answers to them, knowing what to cut). */
export const TELEGRAM_LIMITS: ReplyLimits = { maxLength: MAX_MESSAGE_LENGTH, measure: telegramLength };

function message(formatted: FormattedString, markup?: InlineKeyboardMarkup): TelegramMessage {
  // Telegram refuses an empty message and entities of no length.
  const text = formatted.text.trim() ? formatted.text : "…";
  const entities = formatted.entities.filter((e) => e.length > 0);
  return { text, entities, ...(markup ? { keyboard: markup } : {}) };
}

/** `formatted` cut to `max` units, never inside a surrogate pair, entities clipped to what is left. */
function cut(formatted: FormattedString, max: number): FormattedString {
  return formatted.slice(0, cutAt(formatted.text, max - 2).length).concat(new FormattedString(" …"));
}

/**
 * The reply as Telegram messages, each within MAX_MESSAGE_LENGTH: blocks are packed into as few
 * messages as fit, a block too long on its own is cut. The buttons go with the last message.
 * Conversation replies are cut to fit already; this is the guard for everything else (/sources
 * of a large corpus, a huge title).
 */
export function toMessages(reply: Reply, max = MAX_MESSAGE_LENGTH): TelegramMessage[] {
  const markup = keyboard(reply);
  const whole = formatReply(reply);
  if (whole.text.length <= max) return [message(whole, markup)];
  // Text blocks split between lines, other blocks whole; a piece too long alone is cut.
  const pieces = reply.blocks.flatMap((b) =>
    b.kind === "text"
      ? b.lines.map((line, i) => ({ formatted: formatted(rich(line)), separator: i === 0 ? "\n\n" : "\n" }))
      : [{ formatted: formatted(block(b)), separator: "\n\n" }],
  );
  const groups: (FormattedString | string)[][] = [];
  let length = 0;
  for (const piece of pieces) {
    const text = piece.formatted.text.length > max ? cut(piece.formatted, max) : piece.formatted;
    const current = groups.at(-1);
    if (current && length + piece.separator.length + text.text.length <= max) {
      current.push(piece.separator, text);
      length += piece.separator.length + text.text.length;
    } else {
      groups.push([text]);
      length = text.text.length;
    }
  }
  const packed = groups.map(concatenated);
  return packed.map((f, i) => message(f, i === packed.length - 1 ? markup : undefined));
}

/** The reply's text alone, at most `max` units: for callback answers (200) and other plain places. */
export function plainMessage(reply: Reply, max = 200): string {
  const text = formatReply(reply).text;
  return text.length <= max ? text : `${cutAt(text, max - 2)} …`;
}
