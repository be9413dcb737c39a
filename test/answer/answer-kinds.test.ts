/** The kind of answer a question asks for, in Arabic and English, from answer-kinds.tsv. */
import { describe, expect, it } from "vitest";
import { answerKindOf, parseAnswerKinds } from "../../src/answer/answer-kinds.js";

describe("answerKindOf", () => {
  it.each([
    ["متى استضاف بوتين مشعل؟", "date"],
    ["في أي عام تأسست البورصة؟", "date"],
    ["In what year was the exchange founded?", "date"],
    ["When did Putin host Meshaal?", "date"],
    ["كم عدد سكان غزة؟", "number"],
    ["ما عدد القتلى؟", "number"],
    ["How much did it cost?", "number"],
    ["من هو رئيس روسيا؟", "name"],
    ["Who hosted Meshaal?", "name"],
    ["أين عقد الاجتماع؟", "place"],
    ["من أين جاء الوفد؟", "place"],
    ["Where was the meeting held?", "place"],
    ["In which city was the meeting held?", "place"],
  ])("%s asks for a %s", (question, kind) => {
    expect(answerKindOf(question)).toBe(kind);
  });

  it.each([
    "ماذا قال لافروف عن الحرب؟",
    // «من» is "from" but at the question's start.
    "ما الذي جاء من موسكو؟",
    // "when" opens a clause as well as a question.
    "What did Putin say when Meshaal came?",
    "Why did Russia host Hamas?",
  ])("%s asks for no kind", (question) => {
    expect(answerKindOf(question)).toBeUndefined();
  });

  it("refuses a table row of an unknown kind or role", () => {
    expect(() => parseAnswerKinds("time\tasks\tمتى\n")).toThrow(/bad row/);
    expect(() => parseAnswerKinds("date\tmeans\tمتى\n")).toThrow(/bad row/);
  });
});
