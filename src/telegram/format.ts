/**
 * The Telegram front end's renderer: replies as text plus message entities (through
 * @grammyjs/parse-mode, so nothing is ever escaped), within Telegram's limits as Telegram counts
 * them: at most 4096 UTF-16 units of text per message.
 */
import { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import type { Block, CitationLine, Reply, Rich } from "../conversation/reply.js";
import type { ReplyLimits } from "../conversation/replies.js";
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

const CITATION_ICONS: Record<CitationLine["role"], string> = { where: "📄 ", author: "✍️ ", basedOn: "🧭 ", link: "🔗 ", reference: "📚 ", more: "📚 " };

function rich(line: Rich): FormattedString {
  return FormattedString.join(
    line.map((span) => {
      if (!span.text) return "";
      if (span.url) return span.style === "strong" ? FormattedString.bold(FormattedString.link(span.text, span.url)) : FormattedString.link(span.text, span.url);
      if (span.style === "strong") return FormattedString.bold(span.text);
      if (span.style === "emphasis") return FormattedString.italic(span.text);
      return span.text;
    }),
    "",
  );
}

function citation(lines: CitationLine[]): FormattedString {
  return FormattedString.join(
    lines.map((l) => FormattedString.join([CITATION_ICONS[l.role], rich(l.content)], "")),
    "\n",
  );
}

function block(b: Block): FormattedString {
  switch (b.kind) {
    case "question":
      return FormattedString.join([QUESTION_MARK, FormattedString.italic(b.text || " ")], "");
    case "text":
      return FormattedString.join(b.lines.map(rich), "\n");
    case "quote":
      return b.expandable ? FormattedString.expandableBlockquote(rich(b.content)) : FormattedString.blockquote(rich(b.content));
    case "citation":
      return citation(b.citation.lines);
    case "passage": {
      const parts = [
        ...(b.best ? [FormattedString.join(["💡 ", rich(b.best)], "")] : []),
        FormattedString.expandableBlockquote(rich(b.quote)),
        citation(b.citation.lines),
      ];
      return FormattedString.join([FormattedString.bold(`${b.rank}.`), " ", FormattedString.join(parts, "\n")], "");
    }
  }
}

function keyboard(reply: Reply): InlineKeyboardMarkup | undefined {
  const rows = reply.buttons.filter((row) => row.length).map((row) => row.map((b) => ({ text: b.label, callback_data: encodeAction(b.action) })));
  return rows.length ? { inline_keyboard: rows } : undefined;
}

/** The reply as one formatted text (which may pass the limit; see `toMessages`). */
export function formatReply(reply: Reply): FormattedString {
  return FormattedString.join(reply.blocks.map(block), "\n\n");
}

/** How long Telegram counts the reply's text. */
export function telegramLength(reply: Reply): number {
  return formatReply(reply).text.length;
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
    b.kind === "text" ? b.lines.map((line, i) => ({ formatted: rich(line), separator: i === 0 ? "\n\n" : "\n" })) : [{ formatted: block(b), separator: "\n\n" }],
  );
  const packed: FormattedString[] = [];
  let current: FormattedString | undefined;
  for (const piece of pieces) {
    const formatted = piece.formatted.text.length > max ? cut(piece.formatted, max) : piece.formatted;
    if (current && current.text.length + piece.separator.length + formatted.text.length <= max) current = FormattedString.join([current, formatted], piece.separator);
    else {
      if (current) packed.push(current);
      current = formatted;
    }
  }
  if (current) packed.push(current);
  return packed.map((f, i) => message(f, i === packed.length - 1 ? markup : undefined));
}

/** The reply's text alone, at most `max` units: for callback answers (200) and other plain places. */
export function plainMessage(reply: Reply, max = 200): string {
  const text = formatReply(reply).text;
  return text.length <= max ? text : `${cutAt(text, max - 2)} …`;
}
