/**
 * The preferred translations (preferred-translations.tsv): common English question words with the
 * Arabic forms texts use for them, consulted before the lexicon. The file's header says why.
 */
import { readFileSync } from "node:fs";

export const PREFERRED_TRANSLATIONS_FILE = new URL("./preferred-translations.tsv", import.meta.url);

/** Parses the file: `english<TAB>arabic<TAB>…` lines, `#` lines and blank lines left out. */
export function parsePreferredTranslations(text: string): Map<string, string[]> {
  const translations = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [english, ...arabic] = line.split("\t").map((field) => field.trim());
    if (english && arabic.length > 0) translations.set(english, arabic);
  }
  return translations;
}

/** English word or phrase (lower case) → its Arabic alternatives, best first. */
export const PREFERRED_TRANSLATIONS: ReadonlyMap<string, string[]> = parsePreferredTranslations(readFileSync(PREFERRED_TRANSLATIONS_FILE, "utf8"));
