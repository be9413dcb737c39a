/** Which language a question is in, from the letters it uses. */
export type Language = "ar" | "en" | "other";

const ARABIC_LETTER = /\p{Script=Arabic}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
const HAS_ARABIC = /\p{Script=Arabic}/u;

/** Whether `text` has a letter (or mark) of the Arabic script. */
export function hasArabic(text: string): boolean {
  return HAS_ARABIC.test(text);
}

/**
 * "ar" when Arabic letters are at least as many as Latin ones, "en" when Latin letters dominate,
 * "other" when the text has neither (emoji, punctuation, another script).
 */
export function detectLanguage(text: string): Language {
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (arabic === 0 && latin === 0) return "other";
  return arabic >= latin ? "ar" : "en";
}
