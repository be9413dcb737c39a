/**
 * A command as Telegram reads one, for every front end: "/name" at the start of the text (Latin
 * letters, digits and "_", as Telegram's bot_command entity), optionally "@bot" naming its
 * addressee, then arguments. Names are matched whatever their case, as people type them on phones.
 *
 * The text is read as normalizeText reads questions: direction marks and other invisible
 * characters that keyboards and copied text put before the slash are dropped, and a fullwidth
 * solidus or fullwidth letters ("／ｈｅｌｐ", from CJK and some Arabic keyboards) are the plain ones.
 * "/help@" with no name after the "@" (a name deleted, or autocomplete cut short) names no bot.
 */
import { normalizeText } from "../text/normalize.js";

export interface CommandText {
  /** The command's name in lower case, without the slash. */
  name: string;
  /** The bot it is addressed to ("/help@SomeBot"), when one is named. */
  target?: string;
  /** The text after the command, trimmed ("" when there is none). */
  args: string;
}

// Telegram's limit: command names up to 32 characters. The addressee is whatever name follows the
// "@"; a name no bot could have is simply not this bot's.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]*))?(?![A-Za-z0-9_])/;

/** The command `text` starts with, or undefined when it starts with none. */
export function parseCommand(text: string): CommandText | undefined {
  const normalized = normalizeText(text).trimStart();
  const match = COMMAND.exec(normalized);
  if (!match) return undefined;
  const [whole, name, target] = match as unknown as [string, string, string | undefined];
  return { name: name.toLowerCase(), ...(target ? { target } : {}), args: normalized.slice(whole.length).trim() };
}

/**
 * Whether `command` is for the bot named `botUsername`. In a group, a command naming another bot is
 * that bot's. In a private chat (and the terminal, which is one) no other bot can read it: the
 * name is a slip (a command copied from a group, a bot renamed since), and the user wants this
 * bot's answer, so it is this bot's whatever name it gives.
 */
export function isForBot(command: CommandText, botUsername: string | undefined, { privateChat }: { privateChat: boolean }): boolean {
  return privateChat || command.target === undefined || command.target.toLowerCase() === botUsername?.toLowerCase();
}
