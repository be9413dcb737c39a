/** The sentence set apart and the likely answer words in it, on constructed passages. */
import { describe, expect, it } from "vitest";
import { answerKindOf } from "../../src/answer/answer-kinds.js";
import { highlight } from "../../src/answer/highlight.js";
import { BEST_SENTENCE } from "../../src/config/tuning.js";
import { analyzeQuery, isRootTerm } from "../../src/text/analyzer.js";
import type { Span } from "../../src/text/sentences.js";

/** Highlights `text` for `question` as ask.ts does: the question's words, its terms without roots, the kind of answer it asks for. */
function answer(text: string, question: string, settings = BEST_SENTENCE) {
  const { words } = analyzeQuery(question);
  const terms = new Set(words.flat().filter((term) => !isRootTerm(term)));
  return highlight(text, terms, { words, kind: answerKindOf(question), settings });
}

const slice = (text: string, span: Span | undefined) => span && text.slice(span.start, span.end);

describe("the best sentence", () => {
  it("prefers rare question words to as many common ones", () => {
    // Two question words each; the first sentence's are words any text uses, the second's a name and a city.
    const text = "قال الناس كلامًا كثيرًا في ذلك اليوم. ووصل مشعل إلى موسكو متأخرًا عن الموعد.";
    const { bestSentence } = answer(text, "ماذا قال الناس عن وصول مشعل إلى موسكو؟");
    expect(slice(text, bestSentence)).toBe("ووصل مشعل إلى موسكو متأخرًا عن الموعد.");
  });

  it("answers متى with the sentence that holds a date", () => {
    const text = "زار الوفد الروسي العاصمة مرات كثيرة. وفي مارس 2006 زار الوفد الروسي العاصمة رسميًا.";
    expect(slice(text, answer(text, "متى زار الوفد الروسي العاصمة؟").bestSentence)).toBe("وفي مارس 2006 زار الوفد الروسي العاصمة رسميًا.");
    // Asked without the question word, the first of the two equal sentences stays the best.
    expect(slice(text, answer(text, "زيارات الوفد الروسي العاصمة").bestSentence)).toBe("زار الوفد الروسي العاصمة مرات كثيرة.");
  });

  it("answers كم with the sentence that holds a number, and marks the number", () => {
    const text = "سكان المدينة متنوعون في ثقافاتهم ولغاتهم. يبلغ سكان المدينة اليوم 120 ألف نسمة.";
    const result = answer(text, "كم عدد سكان المدينة؟");
    expect(slice(text, result.bestSentence)).toBe("يبلغ سكان المدينة اليوم 120 ألف نسمة.");
    expect(result.answerSpans?.map((span) => slice(text, span))).toEqual(["120 ألف"]);
  });

  it("answers من with the sentence that holds a name, but marks no name: told by rarity alone, it is too often another word", () => {
    const text = "فاز الفريق بالبطولة بعد موسم طويل. وفاز فريق كاستيلفيتراني أخيرًا بالبطولة.";
    const result = answer(text, "من فاز بالبطولة؟");
    expect(slice(text, result.bestSentence)).toBe("وفاز فريق كاستيلفيتراني أخيرًا بالبطولة.");
    expect(result.answerSpans).toBeUndefined();
    // Marked when the setting asks: the rare word nearest the matched ones, not a matched word.
    const marked = answer(text, "من فاز بالبطولة؟", { ...BEST_SENTENCE, markedKinds: ["name"] });
    expect(marked.answerSpans?.map((span) => slice(text, span))).toEqual(["كاستيلفيتراني"]);
    // Without the answer kind, the first sentence, its words closer together, is the best.
    expect(slice(text, answer(text, "من فاز بالبطولة؟", { ...BEST_SENTENCE, answerKind: 0 }).bestSentence)).toBe("فاز الفريق بالبطولة بعد موسم طويل.");
  });

  it("answers an English question's kind too: how many", () => {
    expect(answerKindOf("How many people live in the city?")).toBe("number");
  });

  it("takes a continuation sentence with the sentence it continues", () => {
    const text = "أسس الملك المدينة القديمة على ضفة النهر. وقد بنى فيها قصرًا كبيرًا. ثم رحل.";
    const best = answer(text, "ماذا بنى الملك في المدينة؟").bestSentence;
    expect(slice(text, best)).toBe("أسس الملك المدينة القديمة على ضفة النهر. وقد بنى فيها قصرًا كبيرًا.");
    // Not when the two together pass the length allowed.
    const alone = answer(text, "ماذا بنى الملك في المدينة؟", { ...BEST_SENTENCE, joinedLength: 40 }).bestSentence;
    expect(slice(text, alone)).toBe("أسس الملك المدينة القديمة على ضفة النهر.");
  });

  it("marks the date nearest the matched words, not a reference marker's number", () => {
    const text = "تأسست الشركة عام 1817 في المدينة. أعيد تأسيس البورصة في أبريل 1991 بعد الحرب.[12]";
    const result = answer(text, "متى أعيد تأسيس البورصة؟");
    expect(slice(text, result.bestSentence)).toBe("أعيد تأسيس البورصة في أبريل 1991 بعد الحرب.[12]");
    expect(result.answerSpans?.map((span) => slice(text, span))).toEqual(["أبريل 1991"]);
  });

  it("marks nothing for a question that asks for no kind of answer", () => {
    const text = "يبلغ سكان المدينة اليوم 120 ألف نسمة.";
    expect(answer(text, "ما سكان المدينة؟").answerSpans).toBeUndefined();
  });
});

describe("answer spans", () => {
  // Passages and questions of every kind, and texts that end or begin inside a candidate.
  const TEXTS = [
    "في عام 2006 زار مشعل موسكو. وقال لافروف في 7 أكتوبر إن 1,200 شخص قتلوا.",
    "2006",
    "زار مشعل موسكو 2006",
    "من موسكو إلى غزة: رحلة بوتين ولافروف [5] عام 2023 [6]",
    "How many points did the Panthers score in 2016? They scored 24 points against Denver.",
    "",
  ];
  const QUESTIONS = ["متى زار مشعل موسكو؟", "كم شخصا قتلوا؟", "من زار موسكو؟", "أين زار مشعل؟", "How many points did they score?", "When did they score?"];

  it("never fall outside the text or the best sentence, nor on a matched word", () => {
    let marked = 0;
    for (const text of TEXTS) {
      for (const question of QUESTIONS) {
        const { answerSpans = [], bestSentence, matches } = answer(text, question);
        for (const span of answerSpans) {
          marked++;
          expect(span.start).toBeGreaterThanOrEqual(bestSentence!.start);
          expect(span.end).toBeLessThanOrEqual(bestSentence!.end);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
          expect(span.end).toBeGreaterThan(span.start);
          expect(matches.some((m) => m.start < span.end && span.start < m.end)).toBe(false);
        }
      }
    }
    expect(marked).toBeGreaterThan(5);
  });
});
