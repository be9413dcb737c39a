import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "../../src/text/sentences.js";

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

/**
 * Every way a reference or note marker follows a sentence's end: right after it, after a space,
 * several; numbers in lists and ranges, with spaces inside the brackets, raised, in round brackets;
 * a note's label; a wiki's maintenance tag in English and Arabic.
 */
const MARKERS = [
  "[5]",
  " [5]",
  "[5][6]",
  " [5] [6]",
  "[15][16][17]",
  "\u00A0[5]",
  " [٥]",
  " [٥] [٦]",
  " [1234]",
  " [5, 6]",
  " [5،6]",
  " [5–7]",
  " [5-7]",
  " [ 5 ]",
  "[ 12 ]",
  "⁵",
  "¹²",
  " ⁵",
  " (5)",
  "(5)",
  " [أ]",
  " [a]",
  " [note 1]",
  " [ملاحظة 2]",
  " [citation needed]",
  " [بحاجة لمصدر]",
  " [ بحاجة لمصدر ]",
  " [who?]",
  " [متى؟]",
  " [dubious – discuss]",
  "[5][citation needed]",
];
const ENDS = [".", "؟", "!", "?", "…", "».", '".', "»."];

describe("splitSentences: a reference marker belongs to the sentence it follows", () => {
  for (const end of ENDS) {
    for (const marker of MARKERS) {
      it(`keeps ${JSON.stringify(marker)} after ${JSON.stringify(end)} with the sentence before it`, () => {
        const first = `زار الوفد موسكو في مارس 2006${end}${marker}`;
        const text = `${first} وفي العام التالي عاد الوفد. Next one.`;
        expect(sentences(text)).toEqual([first, "وفي العام التالي عاد الوفد.", "Next one."]);
      });
    }
  }

  for (const marker of ["[5]", " [5]", "[ 5 ]", "[5, 6]", "⁵", "(5)", "[5][6]", "[بحاجة لمصدر]", "[citation needed]", "[أ]"]) {
    it(`keeps ${JSON.stringify(marker)} with the sentence before it when the next starts right after it`, () => {
      const text = `تنمو الصبار في الصحراء.${marker}تعيش الجمال في الصحراء.`;
      expect(sentences(text)).toEqual([`تنمو الصبار في الصحراء.${marker}`, "تعيش الجمال في الصحراء."]);
    });
  }

  it("leaves a list's item numbers in round brackets to the item they open", () => {
    expect(sentences("الأسباب ثلاثة. (1) الأكل. (2) الشرب. (3) النوم.")).toEqual(["الأسباب ثلاثة.", "(1) الأكل.", "(2) الشرب.", "(3) النوم."]);
  });

  it("leaves a sentence that opens with words in brackets, or a link, to that sentence", () => {
    expect(sentences("انتهى الأمر. [ثم قال الرئيس في خطابه الطويل أمام الجمهور إنه سيعود] وعاد.")).toEqual([
      "انتهى الأمر.",
      "[ثم قال الرئيس في خطابه الطويل أمام الجمهور إنه سيعود] وعاد.",
    ]);
    expect(sentences("See the list. [the list](https://example.org) has it.")).toEqual(["See the list.", "[the list](https://example.org) has it."]);
    expect(sentences("He spoke. [T]he crowd cheered.")).toEqual(["He spoke.", "[T]he crowd cheered."]);
  });

  it("leaves a marker that opens a new line (a reference list) to that line", () => {
    const text = "انتهى النص.\n[5] مرجع أول.\n[6] مرجع ثان.";
    expect(sentences(text)).toEqual(["انتهى النص.", "[5] مرجع أول.", "[6] مرجع ثان."]);
  });

  it("still splits where no marker follows, and not inside a decimal number", () => {
    expect(sentences("قال: نعم. ثم ماذا؟ لا شيء! Done. 3.5 stays")).toEqual(["قال: نعم.", "ثم ماذا؟", "لا شيء!", "Done.", "3.5 stays"]);
    expect(sentences("الخطوات 1. 2. 3. تمت")).toEqual(["الخطوات 1. 2. 3.", "تمت"]);
  });

  it("ends a sentence at a question or exclamation mark after a number", () => {
    expect(sentences("هل كان ذلك في 2006؟ [4] نعم في 2006! وبعدها.")).toEqual(["هل كان ذلك في 2006؟ [4]", "نعم في 2006!", "وبعدها."]);
  });

  it("never starts a sentence of the seed corpus's text with a reference marker", () => {
    const text =
      "وحذرت روسيا من أن ذلك سيؤدي إلى تدمير كل ما تفعله حماس». [3] وكان بوتين من أوائل القادة. زار وفد موسكو في مارس 2006. " +
      "[5] وفي العام التالي عاد. أكثر عداءً لإسرائيل.[15][16][17] وفقًا لتقرير.";
    for (const sentence of sentences(text)) expect(sentence).not.toMatch(/^\[/);
  });
});

describe("splitClauses", () => {
  it("keeps a reference marker after a comma with the clause before it", () => {
    const text = "صنفت دول حماس كمنظمة إرهابية،[1] على الرغم من أن روسيا لم تفعل، [2] كما فعلت مع طالبان";
    const clauses = splitClauses(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end));
    expect(clauses).toEqual(["صنفت دول حماس كمنظمة إرهابية،[1]", "على الرغم من أن روسيا لم تفعل، [2]", "كما فعلت مع طالبان"]);
  });
});
