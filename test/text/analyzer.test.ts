import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeQuery, analyzeWord, isRootTerm, ROOT_MARKER, SPOKEN_ARABIC_FILE, splitWords, tokenize } from "../../src/text/analyzer.js";
import { detectLanguage } from "../../src/text/language.js";
import { splitSentences } from "../../src/text/sentences.js";
import { parseWordList } from "../../src/text/word-list.js";

describe("analyzeWord", () => {
  it("gives the same terms for an Arabic word with or without diacritics and hamza", () => {
    expect(analyzeWord("إِرْهَابِيَّةٌ")).toEqual(analyzeWord("ارهابيه"));
  });

  it("drops stop words in both languages", () => {
    expect(analyzeWord("في")).toBeNull();
    expect(analyzeWord("the")).toBeNull();
  });

  it("gives an Arabic word's light stem first and its marked root last", () => {
    const terms = analyzeWord("الاعتراضات")!;
    expect(terms[0]).toBe("اعتراض");
    expect(terms.at(-1)).toBe(`${ROOT_MARKER}عرض`);
    expect(terms.filter(isRootTerm)).toHaveLength(1);
    expect(analyzeWord("اعترض")!.at(-1)).toBe(terms.at(-1));
  });

  it("lower-cases and Porter-stems English words", () => {
    expect(analyzeWord("Relations")).toEqual(["relat"]);
    expect(analyzeWord("relation")).toEqual(["relat"]);
  });

  it("keeps numbers as they are", () => {
    expect(analyzeWord("2023")).toEqual(["2023"]);
  });
});

describe("tokenize and analyzeQuery", () => {
  it("finds words with their offsets, skipping punctuation and emoji", () => {
    const text = "روسيا، وحماس! 😀 Putin";
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(["روسيا", "وحماس", "Putin"]);
  });

  it("splits digits from Arabic letters but not from Latin ones", () => {
    expect(splitWords("الثالث و9 عام 2015م mp3")).toEqual(["الثالث", "و", "9", "عام", "2015", "م", "mp3"]);
  });

  it("leaves out the question words of spoken Arabic as written, but indexes them and keeps look-alike words", () => {
    const words = (question: string) => analyzeQuery(question).words.map((forms) => forms[0]);
    expect(words("ليش روسيا ما بتقطع علاقتها مع اسرائيل؟")).toEqual(words("روسيا ما بتقطع علاقتها مع اسرائيل؟"));
    expect(words("إمتى زار مشعل موسكو")).toEqual(words("امتى زار مشعل موسكو"));
    expect(words("إمتى زار مشعل موسكو")).toEqual(words("زار مشعل موسكو"));
    expect(words("ما مستقبل أمته")).toContain(analyzeWord("أمته")![0]); // his nation shares إمتى's stem
    for (const word of ["وين", "شو", "كليه"]) expect(analyzeWord(word), word).not.toBeNull(); // Wayne, Xu, college in a text
  });

  it("leaves out every spoken word of the data file (question, vocative, negation, filler, request, doing), whatever the dialect", () => {
    const words = (question: string) => analyzeQuery(question).words.map((forms) => forms[0]);
    const file = readFileSync(SPOKEN_ARABIC_FILE, "utf8");
    expect(file).toMatch(/^# Source: /m);
    const spoken = parseWordList(file);
    expect(spoken.length).toBeGreaterThan(60);
    const topic = words("موقف روسيا من حماس");
    for (const word of spoken) if (analyzeWord(word)) expect(words(`${word} موقف روسيا من حماس`), word).toEqual(topic);
    // As people type them, in their own spelling: «يا» before a mention, Gulf «وش», «سوت» (did).
    expect(words("يا @bot متى استضاف بوتين مشعل")).toEqual(words("bot متى استضاف بوتين مشعل"));
    expect(words("شو سوت روسيا بعد الهجوم")).toEqual(words("روسيا بعد الهجوم"));
    expect(words("إزاي بتشوف روسيا حماس")).toEqual(words("ازاي بتشوف روسيا حماس"));
  });

  it("keeps each searchable word once, and pairs adjacent content words into phrases", () => {
    expect(analyzeQuery("روسيا روسيا في").words).toHaveLength(1);
    const { bigrams } = analyzeQuery("خالد مشعل في موسكو");
    expect(bigrams).toEqual([`${analyzeWord("خالد")![0]}_${analyzeWord("مشعل")![0]}`]);
  });
});

describe("detectLanguage", () => {
  it.each([
    ["هل صنفت روسيا حماس منظمة إرهابية؟", "ar"],
    ["Did Russia designate Hamas?", "en"],
    ["ما موقف Putin من حماس؟", "ar"],
    ["😀 ?!", "other"],
    ["Что такое ХАМАС", "other"],
  ])("%s → %s", (text, language) => expect(detectLanguage(text)).toBe(language));
});

describe("splitSentences", () => {
  it("splits at . ! ? and ؟ with closing quotes and reference markers attached", () => {
    const text = 'قال: "نعم".[3] ثم ماذا؟ لا شيء! Done. 3.5 stays';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['قال: "نعم".[3]', "ثم ماذا؟", "لا شيء!", "Done.", "3.5 stays"]);
  });
});
