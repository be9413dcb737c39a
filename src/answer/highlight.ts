/** Which words of a passage answer the question, which sentence answers it best, and which words there are likely the answer. */
import { BEST_SENTENCE, type BestSentenceSettings } from "../config/tuning.js";
import { analyzeWordCached, isRootTerm, loosestStem, type Token, tokenize } from "../text/analyzer.js";
import { generalRarity } from "../text/general-frequency.js";
import { type Span, splitSentences } from "../text/sentences.js";
import { readWordList } from "../text/word-list.js";
import { type AnswerKind, candidateRuns, foldForTable, holdsCandidate, nearestRun } from "./answer-kinds.js";

export interface Highlights {
  /** The spans of the text whose words analyze to one of the question's terms. */
  matches: Span[];
  /** The sentence that answers best (see chooseSentence), if any holds a question word. */
  bestSentence?: Span;
  /**
   * In the best sentence, for a question asking for a kind of answer that is marked
   * (BEST_SENTENCE.markedKinds: dates, numbers), the words of that kind nearest the matched ones.
   */
  answerSpans?: Span[];
  /** The best sentence's score (sentenceScore: rarity units), for weighing it against other passages' (bench:tune -- --sentence-ranking). */
  bestScore?: number;
  /** Every term of the matched words (not only the matching one): what the match line of a translated question reads. */
  terms: string[];
}

/** What the best sentence is chosen for, besides the terms: the question's words and the kind of answer it asks for. */
export interface SentenceFocus {
  /**
   * The question's words, each with its terms (a translated English word: all its Arabic
   * alternatives): a sentence counts each word once, however many of its forms it holds.
   */
  words?: readonly (readonly string[])[];
  kind?: AnswerKind;
  settings?: BestSentenceSettings;
}

/** Words opening a sentence that leans on the one before it (continuation-words.txt). */
const CONTINUATIONS = new Set(readWordList(new URL("./continuation-words.txt", import.meta.url)).map(foldForTable));

/** A word of the passage as the sentence choice reads it. */
interface Word extends Token {
  /** The question word it matches (its index in SentenceFocus.words, or its main term), if it matches one, by a term or by its root alone. */
  key: string | number | undefined;
  /** Its general rarity (text/general-frequency.ts) when it matches by a term, BEST_SENTENCE.rootWeight of it by its root alone, else 0. */
  rarity: number;
}

/**
 * How well a sentence (its words, `words`) answers: the general rarity of each distinct question
 * word it holds (a name counts 6, «العالم» 3: what a word says, not only that it is there), more for
 * a word few of the passage's sentences hold (`spread`: the log of the share holding it, negated;
 * a word in every sentence is the passage's topic and tells none apart), plus how closely they
 * stand together, plus whether it holds a candidate answer of the asked kind.
 */
function sentenceScore(
  text: string,
  words: readonly Word[],
  spread: (key: string | number) => number,
  focus: SentenceFocus,
  settings: BestSentenceSettings,
): number {
  const rarest = new Map<string | number, number>();
  let first = -1;
  let last = -1;
  for (const [i, word] of words.entries()) {
    if (word.key === undefined) continue;
    rarest.set(word.key, Math.max(rarest.get(word.key) ?? 0, word.rarity));
    if (first < 0) first = i;
    last = i;
  }
  if (rarest.size === 0) return 0;
  let score = 0;
  for (const [key, rarity] of rarest) score += rarity + settings.localSpecificity * spread(key);
  if (rarest.size > 1) score += (settings.proximity * rarest.size) / (last - first + 1);
  if (focus.kind && holdsCandidate(text, words, focus.kind, (i) => words[i]!.key !== undefined, settings)) score += settings.answerKind;
  return score;
}

/** Whether a sentence opens with a word that leans on the sentence before it. */
function continues(words: readonly Word[]): boolean {
  return words.length > 0 && CONTINUATIONS.has(foldForTable(words[0]!.word));
}

/** The words of `all` within `span` (both in text order), found from `from` on. */
function wordsIn(all: readonly Word[], span: Span, from: number): { words: Word[]; next: number } {
  let start = from;
  while (start < all.length && all[start]!.start < span.start) start++;
  let end = start;
  while (end < all.length && all[end]!.end <= span.end) end++;
  return { words: all.slice(start, end), next: end };
}

/** What may be set apart: a sentence, or a sentence that continues the one before it taken with that one. */
interface Unit {
  span: Span;
  words: Word[];
}

/** The passage's sentences as units, each continuation joined to the sentence before it when both together are short enough. */
function unitsOf(text: string, words: readonly Word[], settings: BestSentenceSettings): Unit[] {
  const units: Unit[] = [];
  let from = 0;
  let previous: Unit | undefined;
  for (const sentence of splitSentences(text)) {
    const found = wordsIn(words, sentence, from);
    from = found.next;
    const joined = previous && continues(found.words) && sentence.end - previous.span.start <= settings.joinedLength;
    units.push(
      joined
        ? { span: { start: previous!.span.start, end: sentence.end }, words: [...previous!.words, ...found.words] }
        : { span: sentence, words: found.words },
    );
    previous = { span: sentence, words: found.words };
  }
  return units;
}

/** How many units hold each question word. */
function holders(units: readonly Unit[]): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const unit of units) {
    const keys = new Set(unit.words.flatMap((w) => (w.key === undefined ? [] : [w.key])));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The unit that answers best (the earliest on a tie), if any holds a question word, and its likely answer words. */
function chooseSentence(
  text: string,
  words: readonly Word[],
  matches: readonly Span[],
  focus: SentenceFocus,
  settings: BestSentenceSettings,
): Pick<Highlights, "bestSentence" | "answerSpans" | "bestScore"> {
  const units = unitsOf(text, words, settings);
  const counts = settings.localSpecificity > 0 ? holders(units) : undefined;
  const spread = (key: string | number) => (counts ? Math.log(units.length / counts.get(key)!) : 0);
  let best: Unit | undefined;
  let bestScore = 0;
  for (const unit of units) {
    const score = sentenceScore(text, unit.words, spread, focus, settings);
    if (score > bestScore) [best, bestScore] = [unit, score];
  }
  if (!best) return {};
  // Kinds not marked (by default names and places, told by rarity alone) only weighed in the choice.
  if (!focus.kind || !settings.markedKinds.includes(focus.kind)) return { bestSentence: best.span, bestScore };
  const { start, end } = best.span;
  const answer = nearestRun(
    candidateRuns(text, best.words, focus.kind, (i) => best.words[i]!.key !== undefined, settings),
    matches.filter((m) => m.start >= start && m.end <= end),
  );
  return { bestSentence: best.span, bestScore, ...(answer ? { answerSpans: [answer] } : {}) };
}

/** Finds the matching words of `text`, its best sentence and likely answer words, analyzing each word once. */
export function highlight(text: string, terms: ReadonlySet<string>, focus: SentenceFocus = {}): Highlights {
  if (terms.size === 0) return { matches: [], terms: [] };
  const settings = focus.settings ?? BEST_SENTENCE;
  const wordOf = new Map<string, number>();
  for (const [i, forms] of (focus.words ?? []).entries()) for (const term of forms) if (!wordOf.has(term)) wordOf.set(term, i);
  const words: Word[] = [];
  const matches: Span[] = [];
  const matchedTerms = new Set<string>();
  for (const token of tokenize(text)) {
    const forms = analyzeWordCached(token.word);
    const term = forms?.find((form) => terms.has(form));
    // One shape for every word (no spread, no absent fields): this runs for each word of every passage shown.
    if (!forms || term === undefined) {
      // A word that shares only its root with a question word is not marked (too loose), but weighs in part for the sentence.
      const root = forms?.at(-1);
      const key = root !== undefined && isRootTerm(root) ? wordOf.get(root) : undefined;
      const rarity = key === undefined ? 0 : settings.rootWeight * generalRarity(loosestStem(forms!) ?? root!);
      words.push({ word: token.word, start: token.start, end: token.end, key, rarity });
      continue;
    }
    words.push({ word: token.word, start: token.start, end: token.end, key: wordOf.get(term) ?? forms[0]!, rarity: generalRarity(loosestStem(forms) ?? term) });
    matches.push({ start: token.start, end: token.end });
    for (const form of forms) matchedTerms.add(form);
  }
  return { matches, ...chooseSentence(text, words, matches, focus, settings), terms: [...matchedTerms] };
}
