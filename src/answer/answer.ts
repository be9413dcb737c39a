/** What the answer pipeline returns: the same for the command line and the bot. */
import type { TranslatedWord } from "../bridge/translate.js";
import type { DocumentMeta, Reference } from "../corpus/document.js";
import type { ConfidenceSignals, ConfidenceTier } from "../search/confidence.js";
import type { Language } from "../text/language.js";
import type { Span } from "../text/sentences.js";

/** How passages were found; "dense" (embeddings alone) only when a benchmark asks for it. */
export type SearchMode = "hybrid" | "keyword" | "dense";

/**
 * Why an answer has no passages, or what the user should know about it. Front-ends turn these
 * codes into words in the question's language (conversation/texts.ts).
 */
export type AnswerNotice =
  | "empty-question"
  | "no-words"
  | "unsupported-language"
  | "courtesy"
  | "help-request"
  | "question-truncated"
  | "no-answer"
  | "needs-model-for-english";

export interface AnswerPassage {
  /** 1 for the best passage. */
  rank: number;
  /** Passage id; merged neighbours carry the first one's id. */
  id: string;
  /** The passage's position in the index (for compact references such as button data). */
  position: number;
  /** The passage text exactly as it stands in the cleaned document. */
  text: string;
  /** Fusion score in hybrid mode, BM25 score in keyword mode: only comparable within one answer. */
  score: number;
  doc: DocumentMeta;
  /** Heading path of the section, or null for the document's lead. */
  section: string | null;
  /** Paragraph number within the section, from 1. */
  paragraph: number;
  /** The pages the passage stands on, in a paginated document (PDF). */
  pages?: number[];
  /** The document's references that this passage cites with [n] markers. */
  references: Reference[];
  /** Words of `text` that match the question (offsets into `text`). */
  matches: Span[];
  /** The sentence of `text` that best answers the question (the one set apart), when one matches at all. */
  bestSentence?: Span;
  /** In the best sentence, the words likely to be the answer (the date or number the question asks for), when there are any. */
  answerSpans?: Span[];
  /** For a translated question: which English words matched as which Arabic words ("Moscow → موسكو · …"). */
  matchedBy?: string;
}

export interface Answer {
  /** The question as asked (trimmed). */
  query: string;
  language: Language;
  mode: SearchMode;
  /** True when the corpus holds nothing relevant (or there was no question): results is empty. Same as confidence "none". */
  abstained: boolean;
  /**
   * How sure the answer is: "answer" (the passages answer the question), "closest" (related
   * passages that may not answer it: front ends say so above them), "none" (nothing related).
   */
  confidence: ConfidenceTier;
  /** For "none": the nearest topics the documents do cover (section or document titles), nearest first; else empty. */
  topics: string[];
  /** For "none" and "closest": the question's words that the documents never use in any form, as it wrote them (missing-words.ts). */
  missing?: string[];
  /** What the confidence tier was decided from (absent when there was nothing to search). */
  signals?: ConfidenceSignals;
  notices: AnswerNotice[];
  results: AnswerPassage[];
  /** What the English words of the question were searched as, when the bridge translated it. */
  translation?: TranslatedWord[];
}

/** The stable JSON form of an answer (`ask --json`). */
export function answerToJson(answer: Answer, message?: string) {
  return {
    query: answer.query,
    language: answer.language,
    mode: answer.mode,
    abstained: answer.abstained,
    confidence: answer.confidence,
    topics: answer.topics,
    ...(answer.missing?.length ? { missing: answer.missing } : {}),
    results: answer.results.map((r) => ({
      rank: r.rank,
      id: r.id,
      text: r.text,
      score: Number(r.score.toFixed(6)),
      doc: { id: r.doc.id, title: r.doc.title, url: r.doc.url ?? null },
      section: r.section,
      paragraph: r.paragraph,
      ...(r.pages ? { pages: r.pages } : {}),
      references: r.references.map((ref) => ({ n: ref.n, title: ref.title, url: ref.url ?? null })),
      ...(r.matchedBy ? { matchedBy: r.matchedBy } : {}),
      ...(r.bestSentence ? { best: { start: r.bestSentence.start, end: r.bestSentence.end } } : {}),
      ...(r.answerSpans?.length ? { answerSpans: r.answerSpans.map(({ start, end }) => ({ start, end })) } : {}),
    })),
    ...(answer.translation ? { translation: answer.translation.map(({ en, ar }) => ({ en, ar })) } : {}),
    ...(message ? { message } : {}),
  };
}
