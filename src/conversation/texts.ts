/**
 * Every word the bot says to a user, in Arabic and English, in one table: notices, citation labels,
 * buttons, the welcome, help, status and error texts, and the command menu. Front ends never
 * hold strings of their own; they take them from here (or from the replies built from here).
 */
import type { LibraryFailure } from "../answer/library.js";
import { counted } from "../log/logger.js";
import type { Language } from "../text/language.js";

export type UiLanguage = "ar" | "en";

/** Arabic for Arabic questions, English otherwise. */
export function uiLanguage(language: Language): UiLanguage {
  return language === "ar" ? "ar" : "en";
}

/** One text in both languages; a function when it takes a value. */
type Bilingual<T = string> = Record<UiLanguage, T>;

/** The table: one entry per text, each in Arabic and English. */
export const TEXTS = {
  // Why an answer has no passages, or what the user should know about it (AnswerNotice codes).
  // No example question here: the documents are the deployer's (EXAMPLE_QUESTIONS gives the welcome's).
  "empty-question": {
    ar: "اكتب سؤالك عن الوثائق نصًّا، بالعربية أو بالإنجليزية.",
    en: "Please type your question about the documents, in Arabic or English.",
  },
  "no-words": {
    ar: "لم أجد كلمات في رسالتك. اكتب سؤالك بالكلمات.",
    en: "Your message has no words I can search for. Please ask in words.",
  },
  // Both languages in each: the question's own language is neither.
  "unsupported-language": {
    ar: "أجيب عن الأسئلة بالعربية أو بالإنجليزية. I answer questions in Arabic or English.",
    en: "I answer questions in Arabic or English. أجيب عن الأسئلة بالعربية أو بالإنجليزية.",
  },
  "help-request": { ar: "هذه طريقة استخدامي: /help", en: "Here is how I work: /help" },
  courtesy: {
    ar: "في الخدمة. اسألني عن الوثائق، بالعربية أو بالإنجليزية.",
    en: "At your service. Ask me anything about the documents, in Arabic or English.",
  },
  "question-truncated": {
    ar: "سؤالك طويل جدًّا، فبحثت بأوله فقط.",
    en: "Your question is very long; I searched with its beginning only.",
  },
  "no-answer": {
    ar: "لم أجد في المصادر المتاحة ما يجيب عن هذا السؤال.",
    en: "I found nothing in the documents that answers this question.",
  },
  inlineUnsure: { ar: "⚠️ قد لا يجيب هذا المقطع عن السؤال.", en: "⚠️ This passage may not answer the question." },
  openChat: { ar: "💬 اسألني في محادثة خاصة", en: "💬 Ask me in a private chat" },
  closestPassages: {
    ar: "⚠️ لم أجد جوابًا صريحًا؛ هذه أقرب المقاطع، وقد لا تجيب عن سؤالك.",
    en: "⚠️ I found no clear answer: these are the closest passages, and they may not answer your question.",
  },
  // Said of the search, not of the documents: a translated word may be missing where the text uses a synonym.
  missingWords: {
    ar: (words: readonly string[]) => `لم أجد في الوثائق: ${words.map((word) => `«${word}»`).join("، ")}.`,
    en: (words: readonly string[]) => `No match in the documents for: ${words.map((word) => `“${word}”`).join(", ")}.`,
  },
  nearestTopics: {
    ar: (topics: readonly string[]) => `أقرب الموضوعات التي تتناولها الوثائق: ${topics.join("، ")}`,
    en: (topics: readonly string[]) => `The nearest topics the documents cover: ${topics.join("; ")}`,
  },
  "needs-model-for-english": {
    ar: "البحث بين اللغتين يحتاج نموذج التضمين، وهو غير محمّل الآن؛ جرّب السؤال بالعربية.",
    en: "Searching Arabic documents with an English question needs the embedding model, which is not loaded now: try asking in Arabic.",
  },

  // Citation labels.
  source: { ar: "المصدر", en: "Source" },
  section: { ar: "القسم", en: "Section" },
  lead: { ar: "المقدمة", en: "Introduction" },
  paragraph: { ar: "الفقرة", en: "paragraph" },
  page: { ar: "ص", en: "p." },
  pages: { ar: "ص", en: "pp." },
  cites: { ar: "يستشهد بـ", en: "Cites" },
  author: { ar: "الكاتب", en: "Author" },
  basedOn: { ar: "استنادًا إلى", en: "Based on" },
  moreReferences: { ar: (n: number) => `… و${n} مراجع أخرى`, en: (n: number) => `… and ${n} more` },

  // Buttons.
  more: { ar: "المزيد ⬅️", en: "More ➡️" },
  back: { ar: "➡️ السابق", en: "⬅️ Back" },
  wholeSection: { ar: "📖 القسم كاملًا", en: "📖 Whole section" },

  // Welcome and help.
  welcome: {
    ar: "👋 أهلًا بك! اسألني عن الوثائق المتاحة بالعربية أو بالإنجليزية، وسأجيبك بمقاطع منها مع مصادرها. لا أؤلّف نصًّا من عندي.",
    en: "👋 Welcome! Ask me about the documents, in Arabic or English, and I answer with passages quoted from them, with their sources. I never make text up.",
  },
  /** The words of `welcome` shown in bold. */
  welcomeGreeting: { ar: "أهلًا بك!", en: "Welcome!" },
  tryExamples: { ar: "جرّب أحد هذه الأسئلة", en: "Try one of these:" },
  helpTitle: { ar: "كيف تستخدمني", en: "How to use me" },
  helpAsk: {
    ar: "اكتب سؤالك وسأرد بأفضل المقاطع من الوثائق، والكلمات المطابقة بخط عريض، وتحتها المصدر: الوثيقة والقسم والفقرة والرابط والمراجع.",
    en:
      "Type a question and I reply with the best passages from the documents, matched words in bold, " +
      "and under each its source: document, section, paragraph, link and references.",
  },
  helpGroups: { ar: "في المجموعات: اذكرني (@) أو رُدّ على رسالتي أو استخدم /ask.", en: "In groups: mention me, reply to me, or use /ask." },
  helpCommands: { ar: "/sources الوثائق · /status حالة البحث · /help هذه المساعدة", en: "/sources the documents · /status search status · /help this help" },
  helpQuit: { ar: "/quit للخروج", en: "/quit leaves" },

  // /sources and /status.
  sourcesTitle: { ar: "المصادر", en: "Sources" },
  statusTitle: { ar: "الحالة", en: "Status" },
  modeHybrid: { ar: "هجين", en: "hybrid (keyword + embeddings)" },
  modeKeyword: { ar: "كلمات مفتاحية فقط", en: "keyword only" },
  modeDense: { ar: "تضمين فقط", en: "embeddings only" },
  statusMode: { ar: "الوضع", en: "Mode" },
  statusModel: { ar: "النموذج", en: "Model" },
  statusBridge: { ar: "الأسئلة الإنجليزية", en: "English questions" },
  bridgeOn: { ar: "تُترجم كلماتها للبحث في الوثائق العربية", en: "translated word by word to search the Arabic documents" },
  bridgeOff: { ar: "تحتاج نموذج التضمين (CROSS_LINGUAL=off)", en: "need the embedding model (CROSS_LINGUAL=off)" },
  statusNoModel: { ar: (why: string) => `لا يوجد (${why})`, en: (why: string) => `none (${why})` },
  statusDocuments: { ar: "الوثائق", en: "Documents" },
  statusPassages: { ar: "المقاطع", en: "Passages" },
  statusBuilt: { ar: "بُني الفهرس", en: "Index built" },
  statusAge: { ar: (age: string) => `منذ ${age}`, en: (age: string) => `${age} ago` },
  statusSkipped: { ar: "ملفات لم تُفهرس", en: "Corpus files not indexed" },

  // Errors and refusals.
  nonText: { ar: "📝 أقرأ النصوص فقط: اكتب سؤالك، أو ضعه تعليقًا على الصورة.", en: "I read text only: please type your question, or put it in the caption." },
  unknownCommand: { ar: "لا أعرف هذا الأمر.", en: "I don't know that command. /help" },
  notAdmin: { ar: "⛔ هذا الأمر لمشرفي البوت فقط.", en: "This command is for the bot's administrators only." },
  reindexing: { ar: "⏳ أعيد بناء الفهرس…", en: "Rebuilding the index…" },
  reindexFailed: { ar: "❌ تعذّرت إعادة بناء الفهرس؛ بقي الفهرس السابق.", en: "The rebuild failed; the previous index stays in use." },
  stale: { ar: "انتهت صلاحية هذا الزر؛ اسأل من جديد.", en: "This button has expired: please ask again." },
  noMorePassages: { ar: "لا مزيد من المقاطع لهذا السؤال.", en: "There are no more passages for this question." },
  failed: { ar: "⚠️ حدث خطأ أثناء الإجابة؛ حاول مرة أخرى.", en: "Something went wrong while answering: please try again." },
  askUsage: {
    ar: "اكتب السؤال بعد الأمر، مثل: /ask متى زار خالد مشعل موسكو؟",
    en: "Write the question after the command, e.g. /ask When did Meshaal visit Moscow?",
  },

  // Documents added, listed and removed by admins (/add, /documents, /remove).
  addOnlyAdmins: {
    ar: "📄 شكرًا! إضافة الوثائق لمشرفي البوت فقط. ما زال بإمكانك أن تسألني عن الوثائق الموجودة.",
    en: "Thanks! Only the bot's administrators can add documents. You can still ask me about the documents I have.",
  },
  addOffer: {
    ar: "أضيف هذه الوثيقة إلى المصادر؟ اضغط الزر، أو أرسل /add ردًّا عليها.",
    en: "Add this to the documents? Press the button, or reply /add to it.",
  },
  addButton: { ar: "➕ أضف إلى الوثائق", en: "➕ Add to the documents" },
  addUsage: {
    ar: "أرسل ملفًّا (PDF أو Word أو صفحة ويب أو كتاب EPUB أو نص) مع التعليق /add، أو /add ثم رابطًا.",
    en: "Send a file (PDF, Word, web page, EPUB or text) with the caption /add, or /add followed by a link.",
  },
  addQueued: { ar: (ahead: number) => `🕒 في الانتظار: ${ahead} قبلها.`, en: (ahead: number) => `🕒 Queued: ${ahead} ahead of it.` },
  addReading: { ar: (name: string) => `📥 أقرأ «${name}»…`, en: (name: string) => `📥 Reading “${name}”…` },
  addStillReading: {
    ar: (seconds: number) => `⏳ ما زلت أقرأ وأفهرس (${seconds} ث)…`,
    en: (seconds: number) => `⏳ Still reading and indexing (${seconds} s)…`,
  },
  addWaiting: { ar: "⏳ أنتظر نسخة أخرى من البوت تعدّل الفهرس…", en: "⏳ Waiting for another instance that is changing the index…" },
  added: {
    ar: (title: string, id: string) => `✅ أضيفت «${title}» (${id}).`,
    en: (title: string, id: string) => `✅ Added “${title}” (${id}).`,
  },
  addedCounts: {
    ar: (pages: number | undefined, sections: number, passages: number) =>
      `${pages ? `${pages} صفحة · ` : ""}${sections} قسم · ${passages} مقطع. يمكن السؤال عنها الآن.`,
    en: (pages: number | undefined, sections: number, passages: number) =>
      `${pages ? `${counted(pages, "page")} · ` : ""}${counted(sections, "section")} · ${counted(passages, "passage")}. It answers questions now.`,
  },
  notAdded: { ar: "❌ لم تُضف الوثيقة:", en: "❌ Not added:" },
  documentsTitle: { ar: (n: number) => `📚 الوثائق (${n})`, en: (n: number) => `📚 Documents (${n})` },
  documentsMore: { ar: (n: number) => `… و${n} وثائق أخرى`, en: (n: number) => `… and ${n} more` },
  documentsHint: { ar: "/remove المعرّف لحذف وثيقة", en: "/remove ID takes a document out" },
  removeUsage: {
    ar: "اكتب معرّف الوثيقة بعد الأمر: /remove المعرّف (انظر /documents).",
    en: "Write the document's id after the command: /remove ID (see /documents).",
  },
  removeConfirm: {
    ar: (title: string, id: string) => `أحذف «${title}» (${id}) من الوثائق؟`,
    en: (title: string, id: string) => `Remove “${title}” (${id}) from the documents?`,
  },
  removeButton: { ar: "🗑 احذف", en: "🗑 Remove" },
  removed: { ar: (title: string) => `🗑 حُذفت «${title}»؛ أعيد بناء الفهرس.`, en: (title: string) => `🗑 Removed “${title}”; the index is rebuilt.` },
  notRemoved: { ar: "❌ لم تُحذف:", en: "❌ Not removed:" },
  slowDown: {
    ar: (seconds: number) => `🐢 أسئلة كثيرة في وقت قصير؛ انتظر ${seconds} ثانية.`,
    en: (seconds: number) => `Too many questions at once: please wait ${seconds} s.`,
  },
} as const satisfies Record<string, Bilingual<string | ((...values: never[]) => string)>>;

/**
 * Why a document was not added or removed, in the admin's language; the technical detail (which
 * limit, which address) follows in English, as the log has it.
 */
export const LIBRARY_FAILURES: Record<LibraryFailure | "download-failed", Bilingual> = {
  unsupported: {
    ar: "نوع ملف لا أقرؤه (أقرأ PDF وWord وصفحات الويب وEPUB والنصوص)",
    en: "a file type I do not read (I read PDF, Word, web pages, EPUB and text)",
  },
  corrupt: { ar: "الملف تالف أو ناقص", en: "the file is damaged or incomplete" },
  encrypted: { ar: "الملف محمي بكلمة مرور؛ أزلها ثم أرسله ثانية", en: "the file is password-protected: remove the password and send it again" },
  scanned: {
    ar: "ملف PDF ممسوح ضوئيًّا بلا طبقة نص (صور صفحات)؛ لا أقرأ الصور",
    en: "a scanned PDF with no text layer (pictures of pages): I do not read images",
  },
  "too-big": { ar: "الملف أكبر من الحد المسموح", en: "the file is over the size limit" },
  empty: { ar: "لم أجد فيه نصًّا", en: "I found no text in it" },
  duplicate: { ar: "هذا الملف موجود في الوثائق من قبل", en: "this file is already among the documents" },
  "bad-id": { ar: "المعرّف غير صالح أو مستخدم", en: "the id is not valid, or already used" },
  "no-such-document": { ar: "لا توجد وثيقة بهذا المعرّف (انظر /documents)", en: "no document has that id (see /documents)" },
  "no-corpus": { ar: "الوثيقة ليست في مجلد الوثائق", en: "the document is not in the corpus folder" },
  "bad-url": { ar: "ليس رابط http أو https صالحًا", en: "not a valid http or https link" },
  "private-address": { ar: "الرابط يشير إلى عنوان داخلي أو خاص", en: "the link points to an internal or private address" },
  unreachable: { ar: "تعذّر الوصول إلى الرابط", en: "the link could not be reached" },
  timeout: { ar: "انتهت مهلة التنزيل", en: "the download took too long" },
  "http-status": { ar: "الموقع رفض الطلب", en: "the site refused the request" },
  "too-many-redirects": { ar: "الرابط يحيل إلى روابط كثيرة", en: "the link redirects too many times" },
  "download-failed": { ar: "تعذّر تنزيل الملف من تيليجرام؛ لم يُضف شيء", en: "the file could not be downloaded from Telegram; nothing was added" },
};

/** The keys of TEXTS whose value is plain text (no parameter). */
export type TextKey = { [K in keyof typeof TEXTS]: (typeof TEXTS)[K]["en"] extends string ? K : never }[keyof typeof TEXTS];

/** A plain text of the table in one language. */
export function text(key: TextKey, language: UiLanguage): string {
  return TEXTS[key][language];
}

/** Both languages in one line (or two), Arabic first, for messages sent before the language is known. */
export function bothLanguages(ar: string, en: string, separator = " · "): string {
  return `${ar}${separator}${en}`;
}

/** The commands shown in Telegram's menu (and understood by the terminal chat where they apply). */
export const COMMANDS: Record<UiLanguage, { command: string; description: string }[]> = {
  en: [
    { command: "start", description: "Welcome and example questions" },
    { command: "help", description: "How to ask" },
    { command: "ask", description: "Ask a question (in groups)" },
    { command: "sources", description: "The documents I answer from" },
    { command: "status", description: "Search mode and index" },
  ],
  ar: [
    { command: "start", description: "الترحيب وأمثلة للأسئلة" },
    { command: "help", description: "طريقة السؤال" },
    { command: "ask", description: "اطرح سؤالًا (في المجموعات)" },
    { command: "sources", description: "الوثائق التي أجيب منها" },
    { command: "status", description: "وضع البحث والفهرس" },
  ],
};
