/**
 * The English→Arabic lexicon: English headwords (lower case, single words or phrases) with their
 * Arabic senses, each sense a list of alternatives. It is built from FreeDict (see
 * build-lexicon.ts) and committed as a TSV file in src/bridge/lexicon/, with its license.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripDiacritics } from "../text/arabic.js";
import { hasArabic } from "../text/language.js";

/** The committed lexicon file. */
export const LEXICON_FILE = join(dirname(fileURLToPath(import.meta.url)), "lexicon", "eng-ara.tsv");

/** Separates the alternatives within a sense in the TSV file (senses are separated by tabs). */
export const ALTERNATIVE_SEPARATOR = "،";

/** Longest translation kept: longer ones are explanations ("a fish of the rivers"), not words a text uses. */
export const MAX_ALTERNATIVE_WORDS = 4;

/**
 * The Arabic alternatives of one sense as FreeDict writes it, cleaned: notes in parentheses (even
 * unclosed ones) and after a dash (`أبيب - الشّهر الأوّل`) dropped, alternatives split at commas,
 * diacritics and shadda stripped, Latin words dropped, explanations longer than
 * MAX_ALTERNATIVE_WORDS words and alternatives with no Arabic letter left out.
 */
export function cleanArabicSense(sense: string): string[] {
  const withoutNotes = sense
    .replace(/\([^)]*\)?/g, " ")
    .replace(/\s[-–]\s.*$/, " ")
    .replace(/[!.:؛;"«»]/g, " ");
  const alternatives: string[] = [];
  for (const part of withoutNotes.split(/[،,]/)) {
    const words = stripDiacritics(part)
      .split(/\s+/)
      .filter((word) => hasArabic(word) && !/\p{Script=Latin}/u.test(word));
    if (words.length === 0 || words.length > MAX_ALTERNATIVE_WORDS) continue;
    const text = words.join(" ");
    if (!alternatives.includes(text)) alternatives.push(text);
  }
  return alternatives;
}

/** An English headword as the lexicon keys it: lower case, hyphens and runs of spaces as one space. */
export function lexiconKey(english: string): string {
  return english
    .toLowerCase()
    .replace(/[\s-]+/g, " ")
    .trim();
}

/** Orders headwords as the TSV file is sorted (by UTF-16 code units), for the binary search. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * English → Arabic senses from the TSV file. The file's lines stay as they are, sorted by
 * headword, and are found by binary search and parsed when looked up: loading is one split
 * (about 20 ms for 86,000 headwords, where a Map of parsed entries took 600 ms).
 */
export class Lexicon {
  private constructor(
    /** `english<TAB>sense<TAB>sense…`, sorted by headword. */
    private readonly lines: string[],
    /** The most words a headword has. */
    readonly maxPhraseWords: number,
  ) {}

  /** Parses the TSV text: `english<TAB>sense<TAB>sense…` sorted by headword, alternatives within a sense separated by ALTERNATIVE_SEPARATOR. */
  static parse(tsv: string): Lexicon {
    const lines = tsv.split("\n").filter((line) => line && !line.startsWith("#"));
    let maxPhraseWords = 1;
    let previous = "";
    for (const line of lines) {
      const tab = line.indexOf("\t");
      if (tab <= 0 || tab === line.length - 1) throw new Error(`lexicon line has no senses: ${line.slice(0, 80)}`);
      const english = line.slice(0, tab);
      if (compareKeys(previous, english) >= 0) throw new Error(`lexicon lines are not sorted by headword at "${english}"`);
      previous = english;
      if (english.includes(" ")) maxPhraseWords = Math.max(maxPhraseWords, english.split(" ").length);
    }
    return new Lexicon(lines, maxPhraseWords);
  }

  /** Loads the committed lexicon (or another file in its format). */
  static load(file: string = LEXICON_FILE): Lexicon {
    return Lexicon.parse(readFileSync(file, "utf8"));
  }

  /** Builds a lexicon from entries in memory (for tests and for the lexicon builder). */
  static fromEntries(entries: Iterable<[string, string[][]]>): Lexicon {
    return Lexicon.parse(serializeLexicon(entries));
  }

  get size(): number {
    return this.lines.length;
  }

  /** The senses of an English word or phrase (any case), or undefined when the lexicon lacks it. */
  senses(english: string): string[][] | undefined {
    const key = lexiconKey(english);
    let low = 0;
    let high = this.lines.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const line = this.lines[middle]!;
      const tab = line.indexOf("\t");
      const order = compareKeys(line.slice(0, tab), key);
      if (order === 0)
        return line
          .slice(tab + 1)
          .split("\t")
          .map((sense) => sense.split(ALTERNATIVE_SEPARATOR));
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  has(english: string): boolean {
    return this.senses(english) !== undefined;
  }
}

/** The TSV text of a lexicon, headwords sorted. */
export function serializeLexicon(entries: Iterable<[string, string[][]]>): string {
  const lines = [...entries]
    .filter(([, senses]) => senses.some((sense) => sense.length > 0))
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([english, senses]) => [english, ...senses.filter((s) => s.length > 0).map((s) => s.join(ALTERNATIVE_SEPARATOR))].join("\t"));
  return `${lines.join("\n")}\n`;
}
