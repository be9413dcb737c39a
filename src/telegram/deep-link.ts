/**
 * A question carried by a /start parameter, as the "open the bot" button of inline mode sends it:
 * "q" and the question's UTF-8 in base64url, within Telegram's 1 to 64 characters of A–Z, a–z,
 * 0–9, "_" and "-". A question too long for that (about 45 bytes: 20-odd Arabic letters, 45 Latin)
 * opens the bot at its welcome instead.
 */

const MAX_START_PARAMETER = 64;
const QUESTION = /^q([A-Za-z0-9_-]+)$/;

/** The /start parameter that asks `question`, or one that opens the welcome when it does not fit. */
export function startParameterOf(question: string): string {
  const parameter = `q${Buffer.from(question, "utf8").toString("base64url")}`;
  return parameter.length <= MAX_START_PARAMETER ? parameter : "welcome";
}

/** The question a /start parameter asks, or undefined when it asks none. */
export function questionOfStartParameter(parameter: string): string | undefined {
  const encoded = QUESTION.exec(parameter)?.[1];
  if (!encoded || parameter.length > MAX_START_PARAMETER) return undefined;
  return Buffer.from(encoded, "base64url").toString("utf8").trim() || undefined;
}
