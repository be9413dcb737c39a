/** A question's words no document holds are read as the documents write them (run together, behind a proclitic), and only where the index vouches. */
import { describe, expect, it } from "vitest";
import { readAbsentWords } from "../../src/answer/absent-words.js";
import type { Answer } from "../../src/answer/answer.js";
import { analyzeWord } from "../../src/text/analyzer.js";
import { seedCopyEngine } from "../helpers/engine.js";

/** An index's vocabulary as the real analyzer gives it, from these words. */
const VOCABULARY = [
  "البلد",
  "تشتهر",
  "الجامعة",
  "معروفة",
  "العلاقة",
  "روسيا",
  "المدينة",
  "استقلال",
  "مستشفى",
  "الكبير",
  "غابة",
  "موسكو",
  "حماس",
  "رون",
  "ديك",
  "طيف",
];
const TERMS = new Set(VOCABULARY.flatMap((word) => analyzeWord(word) ?? []));
const held = (term: string) => TERMS.has(term);

describe("readAbsentWords", () => {
  it.each([
    ["before the article", "بما تشتهرالبلد؟", "بما تشتهر البلد؟"],
    ["after ة, a letter only written last", "الجامعةمعروفة", "الجامعة معروفة"],
    ["after ى", "مستشفىالكبير", "مستشفى الكبير"],
    ["a stop word of two letters and a word", "زرت فيالمدينة صديقا", "زرت في المدينة صديقا"],
    ["three words", "ما العلاقةبينالمدينة والبلد", "ما العلاقة بين المدينة والبلد"],
    ["written with short vowels", "بما تشتهرُالبلدُ؟", "بما تشتهر البلد؟"],
  ])("splits words run together %s", (_, joined, split) => {
    expect(readAbsentWords(joined, held)).toBe(split);
  });

  it.each([
    ["without its proclitic, in the letters written", "ما مساحة بغابة الأمازون", "ما مساحة غابة الأمازون"],
    ["without a preposition behind a conjunction", "وبغابةٍ الأمازون", "غابة الأمازون"],
  ])("reads a word the index holds in no form %s", (_, joined, split) => {
    expect(readAbsentWords(joined, held)).toBe(split);
  });

  it.each([
    ["a word the index holds, «ال» inside it", "استقلال البلد"],
    ["a word the index lacks whose parts are not both words (a name)", "كوستاريكا وامبرياليتهم"],
    ["two stop words, no word of the corpus", "فيالذي"],
    ["a word with its proclitic, which the index holds", "والمدينة"],
    ["words run together where no letter marks the join", "روسياوحماس"],
    ["a word the index holds in some form, though not as written", "موسكوية"],
    ["a word no reading finds (a name)", "كيوتو"],
    ["a word of Arabic at large, though a part is the corpus's and the rest of the article's", "من هو رونالدو"],
    ["a word of Arabic at large, though it reads as the corpus's without a proclitic", "ماذا لديك وما هو لطيف"],
    ["Latin letters", "NewYork"],
    ["nothing to split", ""],
    ["a run of letters longer than a few words", "البلد".repeat(9)],
  ])("leaves alone %s", (_, text) => {
    expect(readAbsentWords(text, held)).toBe(text);
  });
});

/** What an answer shows, to compare two askings of one question. */
const shown = (answer: Answer) => ({ confidence: answer.confidence, ids: answer.results.map((r) => r.id), missing: answer.missing ?? [] });

describe("a question with words run together, over the seed corpus", async () => {
  const { engine } = await seedCopyEngine();

  it("is answered as the same question written with its spaces, and echoed as asked", async () => {
    const plain = await engine.ask("ما هي العلاقة بين روسيا وحماس؟");
    expect(plain.confidence).not.toBe("none");
    const joined = await engine.ask("ما هي العلاقةبين روسيا وحماس؟");
    expect(shown(joined)).toEqual(shown(plain));
    expect(joined.query).toBe("ما هي العلاقةبين روسيا وحماس؟");
  });
});
