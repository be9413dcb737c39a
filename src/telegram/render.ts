/**
 * Answers and bot texts as Telegram HTML. Every piece of corpus and user text is escaped; a
 * message never passes 4096 visible characters: whole passages are left for the "More" page, and
 * a text too long on its own is cut at a sentence end.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Answer, AnswerPassage } from "../answer/answer.js";
import type { EngineStatus, PassageContext } from "../answer/engine.js";
import { LABELS, noticeTexts, uiLanguage, type UiLanguage } from "../answer/messages.js";
import type { CorpusDocument, DocumentMeta, Reference } from "../corpus/document.js";
import { splitSentences, type Span } from "../text/sentences.js";
import { encodeAction } from "./callbacks.js";
import { escapeHtml, MAX_MESSAGE_LENGTH, visibleLength } from "./html.js";

export interface RenderedMessage {
  html: string;
  keyboard?: InlineKeyboardMarkup;
}

/** The question is echoed on the first line of an answer, where "More" reads it back. */
export const QUESTION_MARK = "🔎 ";
/** Longest question echo; "More" searches with this much of a longer question. */
export const MAX_ECHOED_QUESTION = 300;

const BUTTONS = {
  more: { ar: "المزيد ⬅️", en: "More ➡️" },
  back: { ar: "➡️ السابق", en: "⬅️ Back" },
  section: { ar: "📖 القسم كاملًا", en: "📖 Whole section" },
} as const;

/** `text` with the spans in `bold` wrapped in <b>, everything escaped. */
function withBold(text: string, bold: Span[], offset = 0): string {
  let html = "";
  let at = 0;
  for (const span of bold) {
    const start = span.start - offset;
    const end = span.end - offset;
    if (start < at || end > text.length) continue;
    html += escapeHtml(text.slice(at, start)) + `<b>${escapeHtml(text.slice(start, end))}</b>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** The longest run of whole sentences of `text` that fits in `budget` characters, with "…". */
export function trimToSentences(text: string, budget: number): string {
  if (text.length <= budget) return text;
  let end = 0;
  for (const sentence of splitSentences(text)) {
    if (sentence.end + 2 > budget) break;
    end = sentence.end;
  }
  if (end === 0) end = Math.max(0, text.lastIndexOf(" ", budget - 2));
  return `${text.slice(0, end || budget - 2)} …`;
}

function referenceLine(ref: Reference): string {
  const title = escapeHtml(ref.title);
  const linked = ref.url ? `<a href="${escapeHtml(ref.url)}">${title}</a>` : title;
  return `📚 [${ref.n}] ${linked}${ref.details ? ` — ${escapeHtml(ref.details)}` : ""}`;
}

/** Where a passage stands and what it cites, one fact per line. */
export function citationHtml(doc: DocumentMeta, section: string | null, paragraph: number, references: Reference[], language: UiLanguage): string {
  const where = [`<b>${escapeHtml(doc.title)}</b>`, escapeHtml(section ?? LABELS.lead[language]), `${LABELS.paragraph[language]} ${paragraph}`].join(" › ");
  const lines = [`📄 ${where}`];
  if (doc.author) lines.push(`✍️ ${escapeHtml(LABELS.author[language])}: ${escapeHtml(doc.author)}`);
  if (doc.basedOn) lines.push(`🧭 ${escapeHtml(LABELS.basedOn[language])}: ${escapeHtml(doc.basedOn)}`);
  if (doc.url) lines.push(`🔗 <a href="${escapeHtml(doc.url)}">${escapeHtml(doc.url)}</a>`);
  lines.push(...references.map(referenceLine));
  return lines.join("\n");
}

/** One passage: the best sentence set apart, the passage quoted (matches in bold), the citation. */
function passageHtml(result: AnswerPassage, language: UiLanguage, textBudget: number): string {
  const text = trimToSentences(result.text, textBudget);
  const parts: string[] = [];
  if (result.bestSentence && result.bestSentence.end - result.bestSentence.start < result.text.length) {
    const sentence = result.text.slice(result.bestSentence.start, result.bestSentence.end);
    parts.push(`💡 ${withBold(sentence, result.matches, result.bestSentence.start)}`);
  }
  parts.push(`<blockquote expandable>${withBold(text, result.matches)}</blockquote>`);
  parts.push(citationHtml(result.doc, result.section, result.paragraph, result.references, language));
  return `<b>${result.rank}.</b> ${parts.join("\n")}`;
}

export interface PageOptions {
  /** Index of the first result shown. */
  offset: number;
  /** Most results per page. */
  pageSize: number;
  /** The index version, for the buttons. */
  version: string;
}

/**
 * One page of an answer. `answer` holds the results up to this page's end and one more (to know
 * whether a "More" button is due). Results that do not fit in one message move to the next page.
 */
export function renderAnswerPage(answer: Answer, { offset, pageSize, version }: PageOptions): RenderedMessage {
  const language = uiLanguage(answer.language);
  const header = `${QUESTION_MARK}<i>${escapeHtml(answer.query.slice(0, MAX_ECHOED_QUESTION))}</i>`;
  const notices = noticeTexts(answer).map(escapeHtml);
  const candidates = answer.results.slice(offset, offset + pageSize);
  const blocks: string[] = [];
  let length = visibleLength([header, ...notices].join("\n\n"));
  for (const result of candidates) {
    const remaining = MAX_MESSAGE_LENGTH - length - 2;
    let block = passageHtml(result, language, result.text.length);
    if (visibleLength(block) > remaining) {
      if (blocks.length > 0) break; // the next page shows it whole
      const overflow = visibleLength(block) - remaining;
      block = passageHtml(result, language, Math.max(200, result.text.length - overflow - 2));
    }
    blocks.push(block);
    length += visibleLength(block) + 2;
  }
  const shown = blocks.length;
  const row: InlineKeyboardButton[] = [];
  if (offset > 0) row.push({ text: BUTTONS.back[language], callback_data: encodeAction({ kind: "page", offset: Math.max(0, offset - pageSize), version }) });
  if (answer.results.length > offset + shown) row.push({ text: BUTTONS.more[language], callback_data: encodeAction({ kind: "page", offset: offset + shown, version }) });
  const sections = candidates.slice(0, shown).map((r) => ({ text: `${BUTTONS.section[language]} ${r.rank}`, callback_data: encodeAction({ kind: "section", passage: r.position, version }) }));
  const rows = [...(sections.length ? [sections] : []), ...(row.length ? [row] : [])];
  return { html: [header, ...notices, ...blocks].join("\n\n"), keyboard: rows.length ? { inline_keyboard: rows } : undefined };
}

/** A whole section, for the "Whole section" button. */
export function renderContext(context: PassageContext, language: UiLanguage): string {
  const citation = citationHtml(context.document.meta, context.section, context.paragraph, [], language);
  const budget = MAX_MESSAGE_LENGTH - visibleLength(citation) - 4;
  return `${escapeHtml(trimToSentences(context.text, budget))}\n\n${citation}`;
}

/** The welcome of /start, in both languages, and its example buttons. */
export function renderWelcome(examples: string[]): RenderedMessage {
  const html = [
    "👋 <b>أهلًا بك!</b> اسألني عن الوثائق المتاحة بالعربية أو بالإنجليزية، وسأجيبك بمقاطع منها مع مصادرها. لا أؤلّف نصًّا من عندي.",
    "👋 <b>Welcome!</b> Ask me about the documents, in Arabic or English, and I answer with passages quoted from them, with their sources. I never make text up.",
    "جرّب أحد هذه الأسئلة · Try one of these:",
  ].join("\n\n");
  const rows = examples.map((q, i) => [{ text: q.slice(0, 60), callback_data: encodeAction({ kind: "example", example: i }) }]);
  return { html, keyboard: rows.length ? { inline_keyboard: rows } : undefined };
}

export const HELP_HTML = [
  "<b>كيف تستخدمني</b>",
  "اكتب سؤالك وسأرد بأفضل المقاطع من الوثائق، والكلمات المطابقة بخط عريض، وتحتها المصدر: الوثيقة والقسم والفقرة والرابط والمراجع.",
  "في المجموعات: اذكرني (@) أو رُدّ على رسالتي أو استخدم /ask.",
  "/sources الوثائق · /status حالة البحث · /help هذه المساعدة",
  "",
  "<b>How to use me</b>",
  "Type a question and I reply with the best passages from the documents, matched words in bold, and under each its source: document, section, paragraph, link and references.",
  "In groups: mention me, reply to me, or use /ask.",
  "/sources the documents · /status search status · /help this help",
].join("\n");

/** /sources: the documents with their links. */
export function renderSources(documents: CorpusDocument[]): string {
  const lines = documents.map((d) => {
    const title = d.meta.url ? `<a href="${escapeHtml(d.meta.url)}">${escapeHtml(d.meta.title)}</a>` : `<b>${escapeHtml(d.meta.title)}</b>`;
    const by = [d.meta.author, d.meta.publisher].filter(Boolean).map((v) => escapeHtml(v!)).join("، ");
    return `• ${title}${by ? ` — ${by}` : ""}`;
  });
  return [`📚 <b>المصادر · Sources</b> (${documents.length})`, ...lines].join("\n");
}

function age(builtAt: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(builtAt)) / 60000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

/** /status: search mode, model, corpus size and index age. */
export function renderStatus(status: EngineStatus, now = new Date()): string {
  const mode = status.mode === "hybrid" ? "hybrid (keyword + embeddings) · هجين" : "keyword only · كلمات مفتاحية فقط";
  return [
    "⚙️ <b>Status · الحالة</b>",
    `Mode: ${escapeHtml(mode)}`,
    `Model: ${escapeHtml(status.modelId ?? `none (${status.modelProblem ?? "off"})`)}`,
    `Documents: ${status.documents} · Passages: ${status.passages}`,
    `Index built: ${escapeHtml(status.builtAt)} (${age(status.builtAt, now)} ago)`,
  ].join("\n");
}
