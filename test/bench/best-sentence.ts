/**
 * Whether the sentence an answer sets apart holds the gold answer, on XQuAD: for the questions
 * whose gold paragraph comes first, the share whose first result's best sentence holds the gold
 * answer text (both normalized as the index reads text), and the mean length set apart; and how
 * often the words marked as the likely answer are the gold answer.
 */
import type { AnswerPassage } from "../../src/answer/answer.js";
import { normalizeArabic, stripDiacritics } from "../../src/text/arabic.js";
import { normalizeText } from "../../src/text/normalize.js";

/** Text as the index compares it: NFC without invisible characters, Arabic spellings folded, no diacritics, one space, lower case. */
export function comparable(text: string): string {
  return normalizeArabic(stripDiacritics(normalizeText(text)))
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The set-apart text of a result: its best sentence, if it has one. */
export function setApart(result: AnswerPassage | undefined): string | undefined {
  const best = result?.bestSentence;
  return best && result.text.slice(best.start, best.end);
}

/** The words a result marks as the likely answer (answerSpans), if it marks any. */
export function markedAnswer(result: AnswerPassage | undefined): string | undefined {
  if (!result?.answerSpans?.length) return undefined;
  return result.answerSpans.map((span) => result.text.slice(span.start, span.end)).join(" ");
}

/** One question's outcome: whether its gold paragraph came first, and if so, the sentence set apart and the words marked. */
export interface SentenceRow {
  goldFirst: boolean;
  best: string | undefined;
  marked?: string;
  answer: string;
}

export interface SentenceMetrics {
  /** Questions whose gold paragraph came first. */
  count: number;
  /** Share of those whose set-apart sentence holds the gold answer text. */
  holds: number;
  /** Mean length of the sentences set apart, in characters. */
  meanLength: number;
  /** How many of those mark likely answer words, and their share. */
  markedCount: number;
  marked: number;
  /** How many of the marked ones mark words that overlap the gold answer (either holds the other), and their share. */
  markedRightCount: number;
  markedRight: number;
}

/** Whether marked words and a gold answer overlap: either holds the other, as the index reads text. */
function overlaps(marked: string, answer: string): boolean {
  const [m, a] = [comparable(marked), comparable(answer)];
  return m.length > 0 && (a.includes(m) || m.includes(a));
}

export function sentenceMetrics(rows: SentenceRow[]): SentenceMetrics {
  const first = rows.filter((r) => r.goldFirst);
  const holding = first.filter((r) => r.best !== undefined && comparable(r.best).includes(comparable(r.answer)));
  const lengths = first.flatMap((r) => (r.best === undefined ? [] : [r.best.length]));
  const marked = first.filter((r) => r.marked !== undefined);
  const right = marked.filter((r) => overlaps(r.marked!, r.answer)).length;
  return {
    count: first.length,
    markedCount: marked.length,
    marked: marked.length / (first.length || 1),
    markedRightCount: right,
    markedRight: right / (marked.length || 1),
    holds: holding.length / (first.length || 1),
    meanLength: lengths.reduce((a, b) => a + b, 0) / (lengths.length || 1),
  };
}
