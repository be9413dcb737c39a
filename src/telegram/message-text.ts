/**
 * The question a message asks. One function reads it both when the message arrives and when a
 * button under its answer is pressed (from callback_query.message.reply_to_message), so "More"
 * and "Back" re-run exactly the question that was answered, however long or multi-line. A photo or
 * a document asks with its caption.
 */
import type { Message, MessageEntity } from "grammy/types";
import { type CommandText, isForBot, parseCommand } from "../conversation/command.js";
import { questionOfStartParameter } from "./deep-link.js";

type Written = Pick<Message, "text" | "caption" | "chat">;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What `message` says: its text, or its caption. */
export function textOf(message: Pick<Message, "text" | "caption">): string | undefined {
  return message.text ?? message.caption;
}

/** The entities of what `message` says (those of its text, or of its caption). */
function entitiesOf(message: Pick<Message, "text" | "entities" | "caption_entities">): MessageEntity[] {
  return (message.text !== undefined ? message.entities : message.caption_entities) ?? [];
}

/** Whether `command`, sent in `message`'s chat, is for this bot (see isForBot). */
export function forThisBot(command: CommandText, message: Pick<Message, "chat">, botUsername: string): boolean {
  return isForBot(command, botUsername, { privateChat: message.chat.type === "private" });
}

/**
 * What `message` asks: its words without an /ask command of this bot at their start and without
 * mentions of the bot; for /start, the question its parameter carries ("" when none).
 */
export function questionOf(message: Written, botUsername: string): string | undefined {
  const text = textOf(message);
  if (text === undefined) return undefined;
  const command = parseCommand(text);
  const ours = command && forThisBot(command, message, botUsername);
  if (ours && command.name === "start") return questionOfStartParameter(command.args) ?? "";
  const asked = ours && command.name === "ask" ? command.args : text;
  const mention = new RegExp(`@${escapeRegExp(botUsername)}\\b`, "ig");
  return asked.split(mention).join(" ").trim();
}

/** Whether a group message is for this bot: it mentions the bot or replies to one of its messages. */
export function addressedToBot(message: Message, bot: { id: number; username: string }): boolean {
  const text = textOf(message) ?? "";
  const mention = `@${bot.username}`.toLowerCase();
  const mentioned = entitiesOf(message).some((e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention);
  return mentioned || message.reply_to_message?.from?.id === bot.id;
}
