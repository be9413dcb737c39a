/**
 * The words of an unanswered question that no passage holds in any form (not even by their root),
 * as the question wrote them: told to the user with the "no answer" reply, so that they see what
 * the search could not find («أفريقيا») rather than guess, and can ask otherwise. For a
 * translated word this says that none of the dictionary's words for it is in the documents, not
 * that the documents never speak of it in other words. The test is the one the keyword evidence
 * makes (KeywordHit.rarestMissing), here on the question's own words, whatever their rarity.
 */

import type { TranslatedWord } from "../bridge/translate.js";
import type { CorpusDocument } from "../corpus/document.js";
import { analyzeWordCached, framesQuestion, splitWords } from "../text/analyzer.js";
import { looserReadings, normalizeArabic } from "../text/arabic.js";
import { hasArabic } from "../text/language.js";

/** Most words named: a long question of unknown words would otherwise fill the reply. */
const MAX_MISSING_WORDS = 5;

/**
 * The words of the question `text` that no passage holds, by `holds(term)`: for a question with a
 * `translation` (the bridge's), the
 * English (or Arabic) words that the documents use neither as written (a Latin name in a quote or a
 * title) nor as any of their alternatives; for an Arabic one, its
 * Arabic words and numbers. Latin words are judged only through the bridge: without it their
 * absence from Arabic documents says nothing. Stop words and words that only frame the question
 * («عدد», «نوع», spoken «شو») are never named.
 */
export function missingWords(text: string, translation: readonly TranslatedWord[] | undefined, holds: (term: string) => boolean): string[] {
  const content = (word: string) => {
    const terms = analyzeWordCached(word);
    return terms && !framesQuestion(word, terms) ? terms : [];
  };
  // An Arabic word is held in a looser reading too (لهنية as هنية, أبي مرزوق as أبو): a stop word then is no content.
  const readings = (word: string) => (hasArabic(word) ? looserReadings(normalizeArabic(word)) : []);
  const held = (word: string) => readings(word).some((reading) => (analyzeWordCached(reading) ?? [reading]).some(holds));
  const absent = (texts: readonly string[]) => {
    const words = texts.flatMap(splitWords);
    const terms = words.flatMap(content);
    return terms.length > 0 && !terms.some(holds) && !words.some(held);
  };
  const words = translation
    ? translation.filter(({ en, ar }) => absent([...ar, en])).map(({ en }) => en)
    : splitWords(text).filter((word) => !/\p{Script=Latin}/u.test(word) && absent([word]));
  return [...new Set(words)].slice(0, MAX_MISSING_WORDS);
}

/**
 * The terms of what the documents say besides their passages: the header (title, author,
 * publisher, what it is based on) and the reference list, which the answers print in their
 * citations. A word found only there (Meduza, Reuters) is in the documents, so it is never named
 * missing: `holds` of missingWords may accept these as well as the index's terms.
 */
export function citationTerms(documents: Iterable<CorpusDocument>): Set<string> {
  const terms = new Set<string>();
  for (const { meta, references } of documents) {
    const texts = [meta.title, meta.author, meta.publisher, meta.basedOn, ...references.flatMap((r) => [r.title, r.details])];
    for (const text of texts) for (const word of splitWords(text ?? "")) for (const term of analyzeWordCached(word) ?? []) terms.add(term);
  }
  return terms;
}
