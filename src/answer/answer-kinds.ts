/**
 * The kind of answer a question asks for (a date, a number, a name, a place), told by its question
 * words (answer-kinds.tsv, one table for Arabic and English), and the words of a text that may be
 * such an answer: what the best sentence is chosen by and what a reply marks as the likely answer.
 */
import { readFileSync } from "node:fs";
import type { BestSentenceSettings } from "../config/tuning.js";
import { analyzeWordCached, loosestStem, splitWords, type Token } from "../text/analyzer.js";
import { asciiDigits, foldedWord } from "../text/arabic.js";
import { generalRarity } from "../text/general-frequency.js";
import type { Span } from "../text/sentences.js";

export type AnswerKind = "date" | "number" | "name" | "place";

const KINDS = new Set<string>(["date", "number", "name", "place"]);

/** A word as the table compares it: Arabic spellings folded, lower case. */
export function foldForTable(word: string): string {
  return foldedWord(word).toLowerCase();
}

interface Phrase {
  words: string[];
  kind: AnswerKind;
  /** Only at the question's start. */
  opens: boolean;
}

/** Parses answer-kinds.tsv: `kind<TAB>asks|opens|answers<TAB>words` rows, `#` lines comments. */
export function parseAnswerKinds(text: string): { phrases: Phrase[]; answers: Map<string, AnswerKind> } {
  const phrases: Phrase[] = [];
  const answers = new Map<string, AnswerKind>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.trim()) continue;
    const [kind, role, words] = line.split("\t");
    if (!kind || !KINDS.has(kind) || !words || !["asks", "opens", "answers"].includes(role!)) throw new Error(`answer-kinds.tsv: bad row «${line}»`);
    const folded = words.split(/\s+/).filter(Boolean).map(foldForTable);
    if (role === "answers") for (const word of folded) answers.set(word, kind as AnswerKind);
    else phrases.push({ words: folded, kind: kind as AnswerKind, opens: role === "opens" });
  }
  return { phrases, answers };
}

const TABLE = parseAnswerKinds(readFileSync(new URL("./answer-kinds.tsv", import.meta.url), "utf8"));

/** The kind of answer `question` asks for, by its longest question phrase; undefined for other questions (what, why, how). */
export function answerKindOf(question: string): AnswerKind | undefined {
  const words = splitWords(question).map(foldForTable);
  let found: Phrase | undefined;
  for (const phrase of TABLE.phrases) {
    if (found && found.words.length >= phrase.words.length) continue;
    const last = phrase.opens ? 0 : words.length - phrase.words.length;
    for (let at = 0; at <= last; at++) {
      if (phrase.words.every((word, i) => words[at + i] === word)) {
        found = phrase;
        break;
      }
    }
  }
  return found?.kind;
}

/** Words already looked up in the table (folding is the costly part): every passage shown is read word by word. Cleared when full. */
const tableKinds = new Map<string, AnswerKind | null>();

/** The table's kind of an answer word, also behind a conjunction or preposition and the article (وفي, بيناير, الثلاثة). */
function tableKind(word: string): AnswerKind | undefined {
  let kind = tableKinds.get(word);
  if (kind === undefined) {
    const folded = foldForTable(word);
    const bare = folded.replace(/^[وفبلك](?=.{3})/, "");
    kind = TABLE.answers.get(folded) ?? TABLE.answers.get(bare) ?? TABLE.answers.get(bare.replace(/^ال(?=.{3})/, "")) ?? null;
    if (tableKinds.size >= 50_000) tableKinds.clear();
    tableKinds.set(word, kind);
  }
  return kind ?? undefined;
}

const DIGITS = /^\p{Nd}+(?:[,.٫٬]\p{Nd}+)*$/u;
const YEAR = /^\p{Nd}{3,4}$/u;
const LATIN_CAPITAL = /^\p{Lu}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Whether a word may be part of an answer of `kind`. Names and places: words rarer than common
 * ones (names are mostly unlisted), capitalized in Latin script.
 */
function mayAnswer(word: string, kind: AnswerKind, settings: BestSentenceSettings): boolean {
  const digits = DIGITS.test(asciiDigits(word));
  if (kind === "date") return digits || tableKind(word) === "date";
  if (kind === "number") return digits || tableKind(word) === "number";
  if (digits || tableKind(word)) return false;
  if (LATIN.test(word)) return LATIN_CAPITAL.test(word);
  const terms = analyzeWordCached(word);
  return terms !== null && generalRarity(loosestStem(terms) ?? "") >= settings.nameRarity;
}

/** A run of candidate words is a date when it has a year or a month: a day's number alone is not. */
function isDate(text: string, run: Span): boolean {
  return splitWords(text.slice(run.start, run.end)).some((word) => YEAR.test(asciiDigits(word)) || tableKind(word) === "date");
}

/** Whether a word is a reference marker's number ([11], [ 5 ]): it cites, it does not answer. */
function isReference(text: string, token: Token): boolean {
  return /\[\s*$/.test(text.slice(Math.max(0, token.start - 3), token.start)) && /^\s*[\],،–-]/.test(text.slice(token.end, token.end + 3));
}

/**
 * The runs of `tokens` (words of `text`) that may answer a question of `kind`, in order: adjacent
 * candidate words, apart only by white space or a number's punctuation, never a word the question
 * matched (`matched`: by token index). Lazily, so that asking whether a sentence holds one stops at the first.
 */
function* runs(text: string, tokens: readonly Token[], kind: AnswerKind, matched: (i: number) => boolean, settings: BestSentenceSettings): Generator<Span> {
  let open: Span | undefined;
  for (const [i, token] of tokens.entries()) {
    const candidate = !matched(i) && !isReference(text, token) && mayAnswer(token.word, kind, settings);
    if (candidate && open && /^(?:\s*|[-/.,٫])$/.test(text.slice(open.end, token.start))) open.end = token.end;
    else {
      if (open && (kind !== "date" || isDate(text, open))) yield open;
      open = candidate ? { start: token.start, end: token.end } : undefined;
    }
  }
  if (open && (kind !== "date" || isDate(text, open))) yield open;
}

/** Every run of `tokens` that may answer a question of `kind` (see runs). */
export function candidateRuns(
  text: string,
  tokens: readonly Token[],
  kind: AnswerKind,
  matched: (i: number) => boolean,
  settings: BestSentenceSettings,
): Span[] {
  return [...runs(text, tokens, kind, matched, settings)];
}

/** Whether `tokens` hold a run that may answer a question of `kind`. */
export function holdsCandidate(
  text: string,
  tokens: readonly Token[],
  kind: AnswerKind,
  matched: (i: number) => boolean,
  settings: BestSentenceSettings,
): boolean {
  return !runs(text, tokens, kind, matched, settings).next().done;
}

/** The run nearest to any of `matches` (by characters between them), as the likely answer; none when there are no runs or no matches. */
export function nearestRun(runs: readonly Span[], matches: readonly Span[]): Span | undefined {
  let nearest: Span | undefined;
  let distance = Number.POSITIVE_INFINITY;
  for (const run of runs) {
    for (const match of matches) {
      const gap = Math.max(match.start - run.end, run.start - match.end);
      if (gap < distance) [nearest, distance] = [run, gap];
    }
  }
  return nearest;
}
