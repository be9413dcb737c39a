/**
 * The bridge's own translation tables, consulted before the lexicon, each a data file beside this
 * module whose header says what it holds and why: `english<TAB>arabic<TAB>…` lines, best first;
 * `#` lines and blank lines are left out.
 */
import { readFileSync } from "node:fs";

/** Parses a table: English word or phrase → its Arabic alternatives, best first. */
export function parseTranslationTable(text: string): Map<string, string[]> {
  const translations = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [english, ...arabic] = line.split("\t").map((field) => field.trim());
    if (english && arabic.length > 0) translations.set(english, arabic);
  }
  return translations;
}

function table(file: string): ReadonlyMap<string, string[]> {
  return parseTranslationTable(readFileSync(new URL(file, import.meta.url), "utf8"));
}

/** Common question words with the forms texts use for them (lower case; phrases too): preferred-translations.tsv. */
export const PREFERRED_TRANSLATIONS = table("./preferred-translations.tsv");

/** Set phrases of news and history texts that FreeDict lacks (lower case): phrases.tsv. */
export const PHRASES = table("./phrases.tsv");

/** Abbreviations written in capitals (US, not the pronoun us): abbreviations.tsv. */
export const ABBREVIATIONS = table("./abbreviations.tsv");

/** Prefixes written with a hyphen whose dictionary sense is another word's (pro-Russian): hyphen-prefixes.tsv. */
export const HYPHEN_PREFIXES = table("./hyphen-prefixes.tsv");
