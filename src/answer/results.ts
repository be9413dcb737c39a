/** From the chosen passage positions to the passages an answer shows, with their citations and highlights. */
import { explainMatch, type TranslatedWord } from "../bridge/index.js";
import type { Passage } from "../chunking/passages.js";
import { type CorpusDocument, pagesOf } from "../corpus/document.js";
import { type CorpusIndex, sectionTitle } from "../indexing/corpus-index.js";
import type { FusedHit } from "../search/fusion.js";
import { citedReferenceNumbers } from "../text/reference-markers.js";
import type { AnswerPassage } from "./answer.js";
import { highlight, type SentenceFocus } from "./highlight.js";

/** Passages shown as one result: parts of one paragraph found together. */
interface Group {
  members: { passage: Passage; position: number }[];
  score: number;
}

/** An index with its documents by id: what presenting results needs. */
export interface IndexedCorpus {
  index: CorpusIndex;
  documents: Map<string, CorpusDocument>;
}

/**
 * Picks the best `limit` hits, folding parts of one split paragraph that are both chosen (or
 * that overlap) into one result, so a reader never sees the same text twice.
 */
function mergeNeighbours(index: CorpusIndex, ranked: FusedHit[], limit: number): Group[] {
  const groups: Group[] = [];
  for (const hit of ranked) {
    const passage = index.passages[hit.position]!;
    const member = { passage, position: hit.position };
    const group = groups.find((g) =>
      g.members.some(
        ({ passage: p }) =>
          p.docId === passage.docId &&
          p.section === passage.section &&
          p.paragraph === passage.paragraph &&
          p.start <= passage.end &&
          passage.start <= p.end + 2,
      ),
    );
    if (group) group.members.push(member);
    else if (groups.length < limit) groups.push({ members: [member], score: hit.score });
  }
  return groups;
}

/** A group of merged passages as the answer gives it: text, highlights, best sentence and citation. */
function toAnswerPassage(
  { documents }: IndexedCorpus,
  group: Group,
  rank: number,
  terms: ReadonlySet<string>,
  focus: SentenceFocus,
  translation?: TranslatedWord[],
): AnswerPassage {
  const { passage: first, position } = group.members.reduce((a, b) => (a.passage.start <= b.passage.start ? a : b));
  const end = Math.max(...group.members.map((m) => m.passage.end));
  const document = documents.get(first.docId)!;
  const text = document.text.slice(first.start, end);
  const cited = new Set(citedReferenceNumbers(text));
  const { matches, bestSentence, answerSpans, terms: matchedTerms } = highlight(text, terms, focus);
  // The words the reader sees matched in the text: not the title's or section's (which the search
  // also matches), nor a neighbour's left out of the shown paragraph.
  const matchedBy = translation && explainMatch(translation, matchedTerms);
  const pages = pagesOf(group.members.map(({ passage }) => document.sections[passage.section]!.paragraphs[passage.paragraph - 1]!));
  return {
    rank,
    id: first.id,
    position,
    text,
    score: group.score,
    doc: document.meta,
    section: sectionTitle(document, first) || null,
    paragraph: first.paragraph,
    ...(pages ? { pages } : {}),
    references: document.references.filter((r) => cited.has(r.n)),
    matches,
    ...(bestSentence ? { bestSentence } : {}),
    ...(answerSpans ? { answerSpans } : {}),
    ...(matchedBy ? { matchedBy } : {}),
  };
}

/**
 * The answer's passages for `chosen` hits, at most `limit`, with `terms` highlighted and the best
 * sentence chosen for `focus`; for a translated question (`translation`), each with the line
 * saying which English word matched as which Arabic one.
 */
export function presentResults(
  corpus: IndexedCorpus,
  chosen: FusedHit[],
  limit: number,
  terms: ReadonlySet<string>,
  focus: SentenceFocus = {},
  translation?: TranslatedWord[],
): AnswerPassage[] {
  return mergeNeighbours(corpus.index, chosen, limit).map((group, i) => toAnswerPassage(corpus, group, i + 1, terms, focus, translation));
}
