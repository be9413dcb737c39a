/** The words front-ends show around answers, in Arabic and English. */
import type { Language } from "../text/language.js";
import type { Answer, AnswerNotice } from "./answer.js";

export type UiLanguage = "ar" | "en";

/** Arabic for Arabic questions, English otherwise. */
export function uiLanguage(language: Language): UiLanguage {
  return language === "ar" ? "ar" : "en";
}

const NOTICES: Record<AnswerNotice, Record<UiLanguage, string>> = {
  "empty-question": {
    ar: "اكتب سؤالك نصًّا، مثل: هل صنفت روسيا حماس منظمة إرهابية؟",
    en: "Please type a question, for example: Did Russia designate Hamas a terrorist organization?",
  },
  "no-words": {
    ar: "لم أجد كلمات في رسالتك. اكتب سؤالك بالكلمات.",
    en: "Your message has no words I can search for. Please ask in words.",
  },
  "question-truncated": {
    ar: "سؤالك طويل جدًّا، فبحثت بأوله فقط.",
    en: "Your question is very long; I searched with its beginning only.",
  },
  "no-answer": {
    ar: "لم أجد في المصادر المتاحة ما يجيب عن هذا السؤال.",
    en: "I found nothing in the documents that answers this question.",
  },
  "needs-model-for-english": {
    ar: "البحث بين اللغتين يحتاج نموذج التضمين، وهو غير محمّل الآن؛ جرّب السؤال بالعربية.",
    en: "Searching Arabic documents with an English question needs the embedding model, which is not loaded now: try asking in Arabic.",
  },
};

export function noticeText(notice: AnswerNotice, language: UiLanguage): string {
  return NOTICES[notice][language];
}

/** An answer's notices in words, in the language of its question. */
export function noticeTexts(answer: Answer): string[] {
  return answer.notices.map((notice) => noticeText(notice, uiLanguage(answer.language)));
}

/** Labels of a citation. */
export const LABELS = {
  source: { ar: "المصدر", en: "Source" },
  section: { ar: "القسم", en: "Section" },
  lead: { ar: "المقدمة", en: "Introduction" },
  paragraph: { ar: "الفقرة", en: "paragraph" },
  cites: { ar: "يستشهد بـ", en: "Cites" },
  author: { ar: "الكاتب", en: "Author" },
  basedOn: { ar: "استنادًا إلى", en: "Based on" },
} as const satisfies Record<string, Record<UiLanguage, string>>;
