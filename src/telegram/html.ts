/**
 * Telegram HTML: escaping, and the length Telegram counts (the text after its tags and entities
 * are parsed, in UTF-16 code units, at most 4096 per message).
 */

export const MAX_MESSAGE_LENGTH = 4096;

/** Escapes text for Telegram's HTML parse mode (it knows only these four entities). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The message's length as Telegram counts it: tags removed, entities as one character. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(?:lt|gt|amp|quot|#\d+|#x[\da-f]+);/gi, "x").length;
}

/** The text a reader sees, for the plain-text fallback when HTML is refused. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
