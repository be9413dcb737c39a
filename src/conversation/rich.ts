/** Building blocks of reply text: matched words highlighted, safe links, cut texts, a safe echo of user text. */
import { normalizeText } from "../text/normalize.js";
import { type Span, splitSentences } from "../text/sentences.js";
import type { Rich } from "./reply.js";

/**
 * `text` as spans with the `matches` (offsets into the text `text` was cut from, starting at
 * `offset`) marked strong and the likely `answers` marked as the answer. Spans that fall outside
 * `text` or overlap an earlier one are left plain.
 */
export function highlighted(text: string, matches: readonly Span[], offset = 0, answers: readonly Span[] = []): Rich {
  const marked = [...matches.map((span) => ({ span, style: "strong" as const })), ...answers.map((span) => ({ span, style: "answer" as const }))];
  if (answers.length) marked.sort((a, b) => a.span.start - b.span.start);
  const rich: Rich = [];
  let at = 0;
  for (const { span, style } of marked) {
    const start = span.start - offset;
    const end = span.end - offset;
    if (start < at || end > text.length) continue;
    if (start > at) rich.push({ text: text.slice(at, start) });
    rich.push({ text: text.slice(start, end), style });
    at = end;
  }
  if (at < text.length) rich.push({ text: text.slice(at) });
  return rich;
}

/** `url` when it is an http or https address (the only ones made into links), else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A span linking `label` to `url` when the address is safe, plain otherwise. */
export function linked(label: string, url: string | undefined, style?: "strong"): Rich[number] {
  const safe = safeUrl(url);
  return { text: label, ...(style ? { style } : {}), ...(safe ? { url: safe } : {}) };
}

/** The longest run of whole sentences of `text` that fits in `budget` UTF-16 units, with " …". */
export function trimToSentences(text: string, budget: number): string {
  if (text.length <= budget) return text;
  let end = 0;
  for (const sentence of splitSentences(text)) {
    if (sentence.end + 2 > budget) break;
    end = sentence.end;
  }
  if (end === 0) end = Math.max(0, text.lastIndexOf(" ", budget - 2));
  return `${cutAt(text, end || budget - 2)} …`;
}

/** `text` cut to at most `length` UTF-16 units, never between the two halves of a surrogate pair. */
export function cutAt(text: string, length: number): string {
  if (text.length <= length) return text;
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** Longest echo of a question, in UTF-16 units. */
export const MAX_ECHOED_QUESTION = 300;

/**
 * A user's text made safe to show back, whatever brought it (a message, a deep link): normalized as
 * questions are read (normalizeText: no direction marks, bidi embeddings, overrides or isolates,
 * nor other invisible characters), then without the control and format characters left (NUL and
 * the like, tag characters, interlinear annotation marks) and lone surrogates, line and paragraph
 * breaks and tabs as single spaces, at most MAX_ECHOED_QUESTION units, cut between characters. So
 * an echo is one line that shows only what the user wrote, and cannot reorder what follows it.
 */
export function echoable(question: string): string {
  const clean = normalizeText(question)
    .replace(/[\t\n\r\v\f\u2028\u2029]+/g, " ")
    .replace(/[\p{Cc}\p{Cf}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, "")
    .replace(/ {2,}/g, " ")
    .trim();
  return clean.length > MAX_ECHOED_QUESTION ? `${cutAt(clean, MAX_ECHOED_QUESTION - 2)} …` : clean;
}
