/**
 * Which updates the bot acts on. In a private chat, every message (a question, a command, or
 * something it cannot read and says so). In a group, only what is for it: its commands (bare, or
 * naming it), messages that mention it or reply to it; other chatter, anonymous admins' and a
 * linked channel's posts included, is left alone. Edits: of questions as above, and of /ask. Any
 * button press, and any inline query.
 *
 * bot.ts lets only these updates reach the rate limit and the handlers, so that chatter the bot
 * ignores never counts against anyone's limit (nor earns a "slow down" in a group); the handlers
 * act on what they get.
 */
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { parseCommand } from "../conversation/command.js";
import { addressedToBot, forThisBot, textOf } from "./message-text.js";

/** Whether the bot acts on `message`, new or (`edited`) edited; `knownCommand` tells the bot's commands. */
function actsOnMessage(message: Message, me: Context["me"], edited: boolean, knownCommand: (name: string) => boolean): boolean {
  const privateChat = message.chat.type === "private";
  const text = textOf(message);
  if (text === undefined) return !edited && (privateChat || addressedToBot(message, me));
  const command = parseCommand(text);
  if (!command) return privateChat || addressedToBot(message, me);
  if (!forThisBot(command, message, me.username)) return false;
  // Of commands, only /ask is asked again when edited.
  if (edited) return command.name === "ask";
  // A bare unknown /command in a group is for whichever bot knows it.
  return privateChat || command.target !== undefined || knownCommand(command.name);
}

/** Whether the bot acts on the update of `ctx` (see the module's comment). */
export function actsOn(ctx: Context, knownCommand: (name: string) => boolean): boolean {
  if (ctx.callbackQuery?.data !== undefined || ctx.inlineQuery) return true;
  if (ctx.message) return actsOnMessage(ctx.message, ctx.me, false, knownCommand);
  if (ctx.editedMessage) return actsOnMessage(ctx.editedMessage, ctx.me, true, knownCommand);
  return false;
}
