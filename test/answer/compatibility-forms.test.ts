/** Questions and documents in Arabic presentation forms (copied from PDFs) or fullwidth Latin are read as plain text. */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.js";
import { analyzeWord, tokenize } from "../../src/text/analyzer.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

/** What an answer shows, to compare two askings of one question. */
const shown = (answer: Answer) => ({ confidence: answer.confidence, ids: answer.results.map((r) => r.id), missing: answer.missing ?? [] });

describe("presentation forms and fullwidth characters, over the seed corpus and a document copied from a PDF", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  // Shaped letters as a PDF's text layer gives them, a fullwidth citation marker.
  await writeFile(
    join(dir, "corpus", "pdf.txt"),
    "---\nid: pdf\ntitle: ﺩﻟﻴﻞ ﺍﻟﺰﺭﺍﻋﺔ\n---\nﺗﺰﺭﻉ ﺍﻟﻄﻤﺎﻃﻢ ﻓﻲ ﺍﻟﺪﻓﻴﺌﺔ ﻭﺗﺤﺘﺎﺝ ﺇﻟﻰ ﺷﻤﺲ ﻛﺜﻴﺮﺓ، ﻭﺗﺴﻘﻰ ﻣﺮﺗﻴﻦ ﻓﻲ ﺍﻷﺳﺒﻮﻉ ﺻﻴﻔﺎ.［１］\n",
  );
  const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));

  it.each([
    ["Arabic presentation forms", "ﺭﻭﺳﻴﺎ ﺣﻤﺎﺱ", "روسيا حماس"],
    ["Arabic presentation forms, with the lam-alef ligature", "ﻣﺎ ﻫﻲ ﺍﻟﻌﻼﻗﺔ ﺑﻴﻦ ﺭﻭﺳﻴﺎ ﻭﺣﻤﺎﺱ؟", "ما هي العلاقة بين روسيا وحماس؟"],
    ["Arabic presentation forms", "ﻣﺘﻰ ﺯﺍﺭ ﺧﺎﻟﺪ ﻣﺸﻌﻞ ﻣﻮﺳﻜﻮ؟", "متى زار خالد مشعل موسكو؟"],
    ["fullwidth Latin", "Ｗｈｅｎ ｄｉｄ Ｐｕｔｉｎ ｍｅｅｔ Ｋｈａｌｅｄ Ｍｅｓｈａａｌ？", "When did Putin meet Khaled Meshaal?"],
    ["fullwidth Latin and digits", "Ｒｕｓｓｉａ Ｈａｍａｓ ｍｅｅｔｉｎｇ ２０２２", "Russia Hamas meeting 2022"],
  ])("answers a question in %s as the same question typed plain: %s", async (_, copied, plain) => {
    const expected = shown(await engine.ask(plain));
    expect(expected.confidence).not.toBe("none");
    expect(shown(await engine.ask(copied))).toEqual(expected);
  });

  it("quotes a document copied in presentation forms in plain letters, its highlights on the words of the question", async () => {
    for (const question of ["أين تزرع الطماطم؟", "ﺃﻳﻦ ﺗﺰﺭﻉ ﺍﻟﻄﻤﺎﻃﻢ؟"]) {
      const [first] = (await engine.ask(question)).results;
      expect(first?.doc.id, question).toBe("pdf");
      expect(first!.doc.title).toBe("دليل الزراعة");
      expect(first!.text).toBe("تزرع الطماطم في الدفيئة وتحتاج إلى شمس كثيرة، وتسقى مرتين في الأسبوع صيفا.[1]");
      const questionTerms = new Set(tokenize("أين تزرع الطماطم").flatMap((t) => analyzeWord(t.word) ?? []));
      const highlighted = first!.matches.map((m) => first!.text.slice(m.start, m.end));
      expect(highlighted).toEqual(["تزرع", "الطماطم"]);
      for (const word of highlighted) expect(analyzeWord(word)!.some((term) => questionTerms.has(term))).toBe(true);
    }
  });
});
