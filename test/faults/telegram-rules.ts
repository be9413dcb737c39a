/**
 * What Telegram would refuse in a Bot API call, checked on the calls the emulator recorded (the
 * emulator itself accepts anything). Each rule is from the Bot API documentation: text at most
 * 4096 UTF-16 units after parsing and not empty, entities inside the text, HTML with only
 * Telegram's tags, callback data 1–64 bytes, callback answers at most 200 characters, inline
 * results with unique ids of at most 64 bytes. Strings must be valid UTF-16 (no lone surrogate)
 * and carry no NUL or other control character besides tab and line breaks.
 */
import type { MessageEntity } from "grammy/types";
import { checkEntities } from "../helpers/telegram-entities.js";

const MAX_TEXT = 4096;
const MAX_CALLBACK_ANSWER = 200;
const MAX_CALLBACK_DATA = 64;
const ENTITY_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LINK = /^(https?|tg):\/\//i;

/** Problems of one string anywhere in a call. */
function stringProblems(where: string, value: string): string[] {
  const problems: string[] = [];
  if (LONE_SURROGATE.test(value)) problems.push(`${where}: lone surrogate`);
  const control = CONTROL.exec(value);
  if (control) problems.push(`${where}: control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")}`);
  return problems;
}

/** Every string in `value`, with where it is. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* strings(item, `${path}.${key}`);
}

interface Formatted {
  text?: unknown;
  message_text?: unknown;
  parse_mode?: unknown;
  entities?: unknown;
}

/** Problems of a message text with its parse mode or entities, as sendMessage or an inline result carries it. */
export function messageTextProblems(where: string, body: Formatted, textKey: "text" | "message_text" = "text"): string[] {
  const text = body[textKey];
  if (typeof text !== "string") return [`${where}: no text`];
  const visible = text;
  const problems: string[] = [];
  // The bot formats with entities (@grammyjs/parse-mode); a parse mode is never sent.
  if (body.parse_mode !== undefined) return [`${where}: parse mode ${String(body.parse_mode)} where entities were expected`];
  if (body.entities !== undefined) {
    if (body.parse_mode !== undefined) problems.push(`${where}: both parse_mode and entities`);
    if (!Array.isArray(body.entities)) return [...problems, `${where}: entities is not a list`];
    try {
      checkEntities(text, body.entities as MessageEntity[]);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
    for (const entity of body.entities as Record<string, unknown>[]) {
      const { type, offset, length, url } = entity;
      if (!ENTITY_TYPES.has(type as string)) problems.push(`${where}: unknown entity type ${String(type)}`);
      if (
        !Number.isInteger(offset) ||
        !Number.isInteger(length) ||
        (offset as number) < 0 ||
        (length as number) < 1 ||
        (offset as number) + (length as number) > text.length
      ) {
        problems.push(`${where}: entity ${String(type)} at ${String(offset)}+${String(length)} outside a text of ${text.length}`);
      }
      if (type === "text_link" && !(typeof url === "string" && LINK.test(url))) problems.push(`${where}: text_link to ${String(url).slice(0, 40)}`);
    }
  }
  if (visible.length > MAX_TEXT) problems.push(`${where}: ${visible.length} UTF-16 units after parsing (limit ${MAX_TEXT})`);
  if (!visible.trim()) problems.push(`${where}: empty text`);
  return problems;
}

function keyboardProblems(where: string, markup: unknown): string[] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (rows === undefined) return [];
  if (!Array.isArray(rows)) return [`${where}: inline_keyboard is not a list`];
  const problems: string[] = [];
  for (const button of rows.flat() as Record<string, unknown>[]) {
    if (typeof button.text !== "string" || !button.text.trim()) problems.push(`${where}: button without text`);
    if (button.callback_data !== undefined) {
      const bytes = Buffer.byteLength(String(button.callback_data));
      if (bytes < 1 || bytes > MAX_CALLBACK_DATA) problems.push(`${where}: callback data of ${bytes} bytes`);
    }
    if (button.url !== undefined && !LINK.test(String(button.url))) problems.push(`${where}: button url ${String(button.url).slice(0, 40)}`);
  }
  return problems;
}

function inlineResultProblems(body: Record<string, unknown>): string[] {
  const results = body.results;
  if (!Array.isArray(results)) return ["answerInlineQuery: results is not a list"];
  const problems: string[] = [];
  if (results.length > 50) problems.push(`answerInlineQuery: ${results.length} results (limit 50)`);
  const ids = new Set<string>();
  for (const [i, result] of (results as Record<string, unknown>[]).entries()) {
    const where = `answerInlineQuery result ${i}`;
    const id = String(result.id ?? "");
    if (!id || Buffer.byteLength(id) > 64) problems.push(`${where}: id of ${Buffer.byteLength(id)} bytes`);
    if (ids.has(id)) problems.push(`${where}: duplicate id ${id}`);
    ids.add(id);
    if (result.type === "article") {
      if (typeof result.title !== "string" || !result.title.trim()) problems.push(`${where}: article without a title`);
      const content = result.input_message_content as Formatted | undefined;
      if (!content) problems.push(`${where}: article without content`);
      else problems.push(...messageTextProblems(where, content, "message_text"));
    }
    problems.push(...keyboardProblems(where, result.reply_markup));
  }
  return problems;
}

/** What Telegram would refuse in a call of `method` with `body`; empty when it would accept it. */
export function callProblems(method: string, body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [path, value] of strings(body, method)) problems.push(...stringProblems(path, value));
  if (method === "sendMessage" || method === "editMessageText") problems.push(...messageTextProblems(method, body));
  if (method === "sendMessage" || method === "editMessageText" || method === "editMessageReplyMarkup")
    problems.push(...keyboardProblems(method, body.reply_markup));
  if (method === "answerCallbackQuery" && typeof body.text === "string" && body.text.length > MAX_CALLBACK_ANSWER) {
    problems.push(`answerCallbackQuery: text of ${body.text.length} characters (limit ${MAX_CALLBACK_ANSWER})`);
  }
  if (method === "answerInlineQuery") problems.push(...inlineResultProblems(body));
  return problems;
}

/** The methods whose calls carry what a user sees. */
export const REPLY_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery", "answerInlineQuery"]);
