import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { citationTerms, missingWords } from "../../src/answer/missing-words.js";
import type { CorpusDocument } from "../../src/corpus/document.js";
import { KeywordIndex } from "../../src/search/keyword-index.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

const index = KeywordIndex.build(
  ["زار الفريق موسكو عام 2006 وناقش عدد الضحايا.", "استضاف بوتين خالد مشعل."].map((text, id) => ({ id, text, section: "", title: "" })),
);
const holds = (term: string) => index.holds(term);

describe("the words of a question that no passage holds", () => {
  it("names the Arabic words and numbers the documents never use, as the question wrote them", () => {
    expect(missingWords("كم عدد سكان كاتماندو عام 2031؟", undefined, holds)).toEqual(["سكان", "كاتماندو", "2031"]);
  });

  it("leaves out stop words, question-frame words, words the documents have, and words present by their root", () => {
    // «عدد» frames the question; «موسكو» and «2006» are held; «أفريقيا» shares the root √فرق with «الفريق».
    expect(missingWords("ما هو عدد زيارات موسكو عام 2006 إلى أفريقيا؟", undefined, holds)).toEqual(["زيارات"]);
    expect(missingWords("شو عدد زيارات موسكو؟", undefined, holds)).toEqual(["زيارات"]); // spoken «شو» frames it too
    expect(missingWords("متى زار مشعل موسكو؟", undefined, holds)).toEqual([]);
  });

  it("judges Latin words only through the bridge's translation, by the English word", () => {
    expect(missingWords("متى زار Lavrov موسكو؟", undefined, holds)).toEqual([]);
    const translation = [
      { en: "Putin", ar: ["بوتين"] },
      { en: "discuss", ar: ["ناقش", "مناقشة"] },
      { en: "euro", ar: [] },
      { en: "exchange", ar: ["التبادل"] },
      { en: "Moscow", ar: ["موسكو"] },
    ];
    expect(missingWords("Did Putin discuss the euro exchange in Moscow?", translation, holds)).toEqual(["euro", "exchange"]);
  });

  it("does not name an English word the documents hold as it is written, whatever its dictionary translations", () => {
    const latin = KeywordIndex.build(["قال Lavrov إن الحرب في Gaza مأساة."].map((text, id) => ({ id, text, section: "", title: "" })));
    const translation = [
      { en: "lavrov", ar: ["لافروفا"] },
      { en: "gaza", ar: [] },
      { en: "gauze", ar: ["الشاش"] },
    ];
    expect(missingWords("what did lavrov say about gaza", translation, (term) => latin.holds(term))).toEqual(["gauze"]);
  });

  it("does not name a word the documents hold behind a proclitic, nor a case form of أبو", () => {
    const names = KeywordIndex.build(["التقى إسماعيل هنية وفد حماس برئاسة موسى أبو مرزوق في موسكو."].map((text, id) => ({ id, text, section: "", title: "" })));
    const held = (term: string) => names.holds(term);
    for (const question of [
      "لهنية",
      "بهنية",
      "كحماس",
      "فحماس",
      "وبموسكو",
      "لأبو مرزوق",
      "أبي مرزوق",
      "لأبي مرزوق",
      "أبا مرزوق",
      "كم مرة زار أبو مرزوق موسكو",
    ]) {
      expect(missingWords(question, undefined, held), question).toEqual(question.startsWith("كم") ? ["زار"] : []);
    }
    // A word that only looks like one behind a proclitic is still named.
    expect(missingWords("لبنان", undefined, held)).toEqual(["لبنان"]);
    // In a mixed question too.
    expect(
      missingWords(
        "Hamas لهنية",
        [
          { en: "Hamas", ar: ["حماس"] },
          { en: "لهنية", ar: ["لهنية"] },
        ],
        held,
      ),
    ).toEqual([]);
  });

  it("does not name a word held only by the documents' headers and reference lists, which citations print", () => {
    const document = {
      meta: { id: "d", title: "العلاقات", publisher: "ويكيبيديا" },
      text: "",
      sections: [],
      references: [
        { n: 1, title: "Russia calls for international monitoring", details: "Reuters. 10 ديسمبر 2023." },
        { n: 2, title: "История", details: "Meduza (بالروسية)." },
      ],
    } as CorpusDocument;
    const cited = citationTerms([document]);
    const heldOrCited = (term: string) => holds(term) || cited.has(term);
    for (const word of ["Meduza", "Reuters", "meduza", "REUTERS"]) {
      const translation = [{ en: word, ar: [] }];
      expect(missingWords(word, translation, holds), word).toEqual([word]);
      expect(missingWords(word, translation, heldOrCited), word).toEqual([]);
    }
    expect(missingWords("ويكيبيديا", undefined, heldOrCited)).toEqual([]);
  });

  it("names at most five words", () => {
    expect(missingWords("كوكب نجم قمر شمس مجرة سديم", undefined, holds)).toHaveLength(5);
  });
});

describe("the engine's missing words", () => {
  it("never names a word the reply's own citations show (the seed article cites Meduza and Reuters)", async () => {
    const engine = await openKeywordEngine(CORPUS_DIR, join(await scratchDir(), "index"));
    for (const question of ["what did Meduza report?", "Reuters"]) {
      const answer = await engine.ask(question);
      expect(answer.missing ?? [], question).toEqual([]);
    }
  });
});
