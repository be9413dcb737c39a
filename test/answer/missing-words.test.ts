import { describe, expect, it } from "vitest";
import { missingWords } from "../../src/answer/missing-words.js";
import { KeywordIndex } from "../../src/search/keyword.js";

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

  it("names at most five words", () => {
    expect(missingWords("كوكب نجم قمر شمس مجرة سديم", undefined, holds)).toHaveLength(5);
  });
});
