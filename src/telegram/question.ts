/**
 * The question a message asks. One function reads it both when the message arrives and when a
 * button under its answer is pressed (from callback_query.message.reply_to_message), so "More"
 * and "Back" re-run exactly the question that was answered, however long or multi-line.
 */
import type { Message } from "grammy/types";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The text of `message` without an /ask command at its start and without mentions of the bot. */
export function questionOf(message: Pick<Message, "text">, botUsername: string): string | undefined {
  const text = message.text;
  if (text === undefined) return undefined;
  const command = new RegExp(`^/ask(?:@${escapeRegExp(botUsername)})?(?=\\s|$)`, "i");
  const mention = new RegExp(`@${escapeRegExp(botUsername)}\\b`, "ig");
  return text.replace(command, "").split(mention).join(" ").trim();
}

/** Whether a group message is for this bot: it mentions the bot or replies to one of its messages. */
export function addressedToBot(message: Message, bot: { id: number; username: string }): boolean {
  const text = message.text ?? "";
  const mention = `@${bot.username}`.toLowerCase();
  const mentioned = (message.entities ?? []).some((e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention);
  return mentioned || message.reply_to_message?.from?.id === bot.id;
}
