import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanDocument, parseReferences } from "../../src/corpus/clean.js";
import { parseHeader } from "../../src/corpus/header.js";
import { citedReferenceNumbers } from "../../src/text/reference-markers.js";
import { CORPUS_DIR } from "../helpers/paths.js";

async function seed(file: string) {
  const { meta, body } = parseHeader(await readFile(join(CORPUS_DIR, file), "utf8"));
  return { raw: body, document: cleanDocument({ id: meta.id!, title: meta.title!, ...meta }, body, false) };
}

describe("parseHeader", () => {
  it("reads key: value lines between --- lines and skips # comments", () => {
    const { meta, body } = parseHeader("---\nid: a-1\ntitle: عنوان: فرعي\n# note\nbased_on: X\n---\nنص");
    expect(meta).toEqual({ id: "a-1", title: "عنوان: فرعي", basedOn: "X" });
    expect(body).toBe("نص");
  });

  it("treats a file without a header as all body", () => {
    expect(parseHeader("نص فقط\n")).toEqual({ meta: {}, body: "نص فقط\n" });
  });

  it("reads a header that is never closed as text, saying so, rather than losing the file", () => {
    expect(parseHeader("---\nid: x\nنص")).toEqual({
      meta: {},
      body: "---\nid: x\nنص",
      warnings: ["the header opened with --- is never closed by a --- line: read as text"],
    });
  });
});

describe("cleaning the Wikipedia seed", async () => {
  const { raw, document } = await seed("wiki-russia-hamas.txt");

  it("drops skip links, edit markers, notices and repeated captions", () => {
    expect(document.text).not.toContain("انتقل إلى المحتوى");
    expect(document.text).not.toContain("[عدل]");
    expect(document.text).not.toContain("من ويكيبيديا");
    expect(document.text).not.toContain("هذه المقالة يتيمة");
    expect(document.text.split("لقاء بين روسيا وحماس في 19 سبتمبر 2022").length - 1).toBe(1);
  });

  it("keeps every sentence of the article body", () => {
    const bodyLines = raw.split("\n").filter((l) => l.length > 120 && !/^\s*\d+\.\s*\^/.test(l));
    expect(bodyLines.length).toBeGreaterThanOrEqual(8);
    for (const line of bodyLines) expect(document.text).toContain(line.trim());
  });

  it("nests sections under the heading that has no text of its own", () => {
    expect(document.sections.map((s) => s.headings.join(" › "))).toEqual([
      "",
      "التاريخ › علاقات ما بعد الاتحاد السوفيتي مباشرة",
      "التاريخ › سيطرة حماس على غزة",
      "التاريخ › طوفان الأقصي حرب 2023",
    ]);
  });

  it("turns the reference list into data that every [n] marker resolves to", () => {
    expect(document.references).toHaveLength(25);
    expect(document.text).not.toContain("Retrieved 2023");
    const numbers = new Set(document.references.map((r) => r.n));
    for (const n of citedReferenceNumbers(document.text)) expect(numbers.has(n), `[${n}]`).toBe(true);
    expect(document.references[0]).toMatchObject({ n: 1, title: "Why Russia and Hamas Are Growing Closer" });
    expect(document.references[4]!.details).toContain("Meduza");
  });

  it("gives paragraph spans that hold exactly the text between them", () => {
    for (const section of document.sections) {
      for (const p of section.paragraphs) {
        const text = document.text.slice(p.start, p.end);
        expect(text.trim()).toBe(text);
        expect(text).not.toContain("\n");
      }
    }
  });
});

describe("cleaning the news seed", async () => {
  const { document } = await seed("news-russia-hamas.txt");

  it("drops the title, the byline and the share button, and infers the headings", () => {
    expect(document.text).not.toContain("حسناء بو حرفوش");
    expect(document.text).not.toContain("شارك المقال");
    expect(document.sections.map((s) => s.headings[0] ?? "")).toEqual(["", "ملايين الدولارات من موسكو؟", "نمط تاريخي", "زعزعة المنطقة “بحذر”"]);
  });
});

describe("text copied from a PDF: Arabic presentation forms and fullwidth characters", () => {
  // What a PDF's text layer gives: shaped letters (U+FE70–U+FEFF), the lam-alef ligature, fullwidth brackets and digits.
  const copied = [
    "ﺍﻟﺰﺭﺍﻋﺔ ﺍﻟﻤﻨﺰﻟﻴﺔ［ﻋﺪﻝ］",
    "ﺗﺰﺭﻉ ﺍﻟﻄﻤﺎﻃﻢ ﻓﻲ ﺍﻟﺪﻓﻴﺌﺔ ﻭﺗﺤﺘﺎﺝ ﺇﻟﻰ ﺷﻤﺲ ﻛﺜﻴﺮﺓ، ﻭﻻ ﺗﺤﺘﺎﺝ ﻛﻤﺎ ﻗﺎﻝ ﺍﻟﻨﺒﻲ ﷺ ﺇﻟﻰ ﻣﺎﺀ ﻛﺜﻴﺮ.［１］",
    "ﻭﺗﺴﻘﻰ ﻣﺮﺗﻴﻦ ﻓﻲ ﺍﻷﺳﺒﻮﻉ ﺻﻴﻔﺎ، ﻭﻣﺮﺓ ﻓﻲ ﺍﻟﺸﺘﺎﺀ.",
    "ﺍﻟﻤﺮﺍﺟﻊ［ﻋﺪﻝ］",
    "１． ﺩﻟﻴﻞ ﺍﻟﺰﺭﺍﻋﺔ ﺍﻟﻤﻨﺰﻟﻴﺔ. ﻭﺯﺍﺭﺓ ﺍﻟﺰﺭﺍﻋﺔ، ﺍﻟﻘﺎﻫﺮﺓ",
  ].join("\n");
  const plain = [
    "الزراعة المنزلية[عدل]",
    "تزرع الطماطم في الدفيئة وتحتاج إلى شمس كثيرة، ولا تحتاج كما قال النبي ﷺ إلى ماء كثير.[1]",
    "وتسقى مرتين في الأسبوع صيفا، ومرة في الشتاء.",
    "المراجع[عدل]",
    "1. دليل الزراعة المنزلية. وزارة الزراعة، القاهرة",
  ].join("\n");
  const document = cleanDocument({ id: "pdf", title: "ﺩﻟﻴﻞ ﺍﻟﺰﺭﺍﻋﺔ" }, copied, false);

  it("folds them to plain letters before any offset is taken, and keeps the word ligature ﷺ", () => {
    expect(document.meta.title).toBe("دليل الزراعة");
    expect(document.text).toBe(
      "الزراعة المنزلية\n\nتزرع الطماطم في الدفيئة وتحتاج إلى شمس كثيرة، ولا تحتاج كما قال النبي ﷺ إلى ماء كثير.[1]\n\n" +
        "وتسقى مرتين في الأسبوع صيفا، ومرة في الشتاء.",
    );
    const paragraphs = document.sections.flatMap((section) => section.paragraphs).map((p) => document.text.slice(p.start, p.end));
    expect(paragraphs).toEqual([
      "تزرع الطماطم في الدفيئة وتحتاج إلى شمس كثيرة، ولا تحتاج كما قال النبي ﷺ إلى ماء كثير.[1]",
      "وتسقى مرتين في الأسبوع صيفا، ومرة في الشتاء.",
    ]);
  });

  it("reads their headings, edit markers, reference list and citations as it reads the same text typed plain", () => {
    expect(document).toEqual(cleanDocument({ id: "pdf", title: "دليل الزراعة" }, plain, false));
    expect(document.references).toMatchObject([{ n: 1, title: "دليل الزراعة المنزلية" }]);
  });
});

describe("cleaning Markdown", () => {
  it("reads # headings and joins wrapped lines into paragraphs", () => {
    const document = cleanDocument({ id: "m", title: "T" }, "# T\n\n## أ\n\nسطر أول\nيكمل هنا.\n\n### ب\n\nفقرة ثانية.\n", true);
    expect(document.sections.map((s) => s.headings)).toEqual([["أ"], ["أ", "ب"]]);
    expect(document.text).toBe("أ\n\nسطر أول يكمل هنا.\n\nب\n\nفقرة ثانية.");
  });
});

describe("reference lists", () => {
  it("are recognized by their numbered entries, not by a heading alone", () => {
    const document = cleanDocument(
      { id: "n", title: "T" },
      '## Notes\n\nA section that happens to be called Notes.\n\n## References\n\n1. ^ "Source". Publisher.\n',
      true,
    );
    expect(document.sections.map((s) => s.headings)).toEqual([["Notes"]]);
    expect(document.references).toEqual([{ n: 1, title: "Source", details: "Publisher." }]);
  });
});

describe("parseReferences", () => {
  it("reads numbered entries with backlink letters, quoted titles and addresses", () => {
    const refs = parseReferences(['3. ^ ا ب "A title". Publisher. 2023. https://example.org/a', "4. ^ Plain entry. More."]);
    expect(refs).toEqual([
      { n: 3, title: "A title", details: "Publisher. 2023.", url: "https://example.org/a" },
      { n: 4, title: "Plain entry", details: "More." },
    ]);
  });
});
