/**
 * A command as Telegram reads one, for every front end: "/name" at the start of the text (Latin
 * letters, digits and "_", as Telegram's bot_command entity), optionally "@bot" naming its
 * addressee, then arguments. Names are matched whatever their case, as people type them on phones.
 */

export interface CommandText {
  /** The command's name in lower case, without the slash. */
  name: string;
  /** The bot it is addressed to ("/help@SomeBot"), when one is named. */
  target?: string;
  /** The text after the command, trimmed ("" when there is none). */
  args: string;
}

// Telegram's limits: command names up to 32 characters, bot usernames 3 to 32.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,32}))?(?![A-Za-z0-9_@])/;

/** The command `text` starts with, or undefined when it starts with none. */
export function parseCommand(text: string): CommandText | undefined {
  const match = COMMAND.exec(text);
  if (!match) return undefined;
  const [whole, name, target] = match as unknown as [string, string, string | undefined];
  return { name: name.toLowerCase(), ...(target ? { target } : {}), args: text.slice(whole.length).trim() };
}
