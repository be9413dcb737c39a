/** Invisible characters, composed forms and HTML entities never change what is found. */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareQuestion } from "../../src/answer/question.js";
import { cleanDocument } from "../../src/corpus/clean.js";
import { analyzeQuery, indexTerms, tokenize } from "../../src/text/analyzer.js";
import { decodeHtmlEntities, normalizeText } from "../../src/text/normalize.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";

const ZWJ = "\u200D";
const ZWNJ = "\u200C";
const ZWSP = "\u200B";
const WORD_JOINER = "\u2060";
const BOM = "\uFEFF";
const SOFT_HYPHEN = "\u00AD";
const TATWEEL = "\u0640";
const BIDI = ["\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const INVISIBLE = [ZWJ, ZWNJ, ZWSP, WORD_JOINER, BOM, SOFT_HYPHEN, TATWEEL, ...BIDI];

/** `text` with `mark` put after the second letter of every word of three letters or more. */
const insideWords = (text: string, mark: string) => text.replace(/(\p{L}{2})(\p{L})/gu, `$1${mark}$2`);

describe("normalizeText", () => {
  it.each(INVISIBLE.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`, c]))("removes %s inside words", (_, mark) => {
    expect(normalizeText(insideWords("خالد مشعل زار موسكو", mark))).toBe("خالد مشعل زار موسكو");
  });

  it("composes to NFC (alef + combining hamza above is أ)", () => {
    expect(normalizeText("\u0627\u0654\u0645\u0629")).toBe("\u0623\u0645\u0629");
    expect(normalizeText("Cafe\u0301")).toBe("Café");
  });
});

describe("presentation and width forms", () => {
  const codePoints = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
  const blocks = [...codePoints(0xfb50, 0xfdff), ...codePoints(0xfe70, 0xfefe), ...codePoints(0xff00, 0xffef)];
  const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`;
  const wordLigature = (c: string) => c.codePointAt(0)! >= 0xfdf0 && c.codePointAt(0)! <= 0xfdff;

  it("folds every Arabic presentation form and fullwidth or halfwidth form to its plain characters (NFKC)", () => {
    for (const c of blocks.filter((c) => !wordLigature(c))) {
      const folded = normalizeText(c);
      expect(folded, hex(c)).toBe(folded.normalize("NFKC"));
      // The same letters as NFKC gives, but for the space before an isolated mark and the tatweel of a medial one.
      expect(folded.replace(/ /g, ""), hex(c)).toBe(c.normalize("NFKC").replace(/[ \u0640]/g, ""));
    }
  });

  it("keeps the word ligatures (ﷲ, ﷺ, ﷻ, ﷼) as written: they stand for words and phrases", () => {
    for (const c of blocks.filter(wordLigature)) expect(normalizeText(`قال ${c}.`), hex(c)).toBe(`قال ${c}.`);
  });

  it("leaves compatibility characters outside those blocks as they are (superscripts, ﬁ, ½, units, Roman numerals, emoji)", () => {
    const text = "الحاشية² و ﬁnal و ½ و ℏ و ℓ و ㎏ و Ⅻ و ℹ و 🅰 و 🇷🇺";
    expect(normalizeText(text)).toBe(text);
  });

  it("reads text copied from a PDF in presentation forms, the lam-alef ligature and isolated marks too", () => {
    expect(normalizeText("ﺭﻭﺳﻴﺎ ﺣﻤﺎﺱ")).toBe("روسيا حماس");
    expect(normalizeText("ﻻ ﺃﺣﺪ")).toBe("لا أحد");
    // An isolated fatha (U+FE76) inside a word is the letter's mark, not a space and a mark.
    expect(normalizeText("ﻛ\uFE76ﺘﺐ")).toBe("كَتب");
  });

  it("reads fullwidth Latin letters, digits and punctuation as ASCII", () => {
    expect(normalizeText("Ｗｈｅｎ ｄｉｄ Ｐｕｔｉｎ ｍｅｅｔ Ｈａｍａｓ ｉｎ ２０２３？")).toBe("When did Putin meet Hamas in 2023?");
  });

  it("gives the analyzer the same terms for the plain and the folded question", () => {
    expect(analyzeQuery("ﻣﺎ ﻋﻼﻗﺔ ﺭﻭﺳﻴﺎ ﺑﺤﻤﺎﺱ؟")).toEqual(analyzeQuery("ما علاقة روسيا بحماس؟"));
    expect(analyzeQuery("Ｐｕｔｉｎ Ｈａｍａｓ")).toEqual(analyzeQuery("Putin Hamas"));
  });
});

describe("fancy-font Latin: mathematical alphanumerics and enclosed alphanumerics", () => {
  const codePoints = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
  const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`;
  /** The Letterlike Symbols that stand in the mathematical block's holes (ℎ for italic h, ℌ for Fraktur H …). */
  const holes = [0x2102, 0x210a, 0x210b, 0x210c, 0x210d, 0x210e, 0x2110, 0x2111, 0x2112, 0x2115, 0x2119, 0x211a, 0x211b, 0x211c, 0x211d, 0x2124];
  const fonts = [...codePoints(0x1d400, 0x1d7ff), ...holes.map((c) => String.fromCodePoint(c)), ...codePoints(0x2460, 0x24ff), ...codePoints(0x1f100, 0x1f1ff)];

  it("folds every letter and digit of those blocks to its NFKC form, and leaves the rest as written", () => {
    for (const c of fonts) expect(normalizeText(c), hex(c)).toBe(c.normalize("NFKC"));
  });

  it.each([
    ["bold", "𝐏𝐮𝐭𝐢𝐧 𝐡𝐚𝐦𝐚𝐬", "Putin hamas"],
    ["sans-serif italic", "𝘮𝘦𝘴𝘩𝘢𝘢𝘭 𝘮𝘰𝘴𝘤𝘰𝘸", "meshaal moscow"],
    ["Fraktur, its H from the Letterlike block", "ℌ𝔞𝔪𝔞𝔰 𝔪𝔬𝔰𝔠𝔬𝔴", "Hamas moscow"],
    ["italic, its h from the Letterlike block", "𝑤ℎ𝑜 𝑖𝑠 𝑚𝑒𝑠ℎ𝑎𝑎𝑙", "who is meshaal"],
    ["double-struck with digits", "ℍ𝕒𝕞𝕒𝕤 𝟚𝟘𝟚𝟛", "Hamas 2023"],
    ["circled", "ⓜⓔⓢⓗⓐⓐⓛ Ⓜⓞⓢⓒⓞⓦ", "meshaal Moscow"],
    ["squared", "🄿🅄🅃🄸🄽", "PUTIN"],
  ])("reads %s letters as plain letters, in a question too", (_, fancy, plain) => {
    expect(normalizeText(fancy)).toBe(plain);
    expect(prepareQuestion(fancy)).toMatchObject({ language: "en", searchText: plain });
  });

  it("keeps enclosed numbers side by side apart: ①② is two numbers, ⑫ one", () => {
    expect(normalizeText("البنود ①② و⑫ و⑴⑵")).toBe("البنود 1 2 و12 و(1) (2)");
  });
});

describe("decodeHtmlEntities", () => {
  it("decodes named and numeric entities, once", () => {
    expect(
      decodeHtmlEntities("حماس &amp; روسيا&nbsp;اليوم &quot;x&quot; &#39;y&#039; &lt;b&gt; &#1575;&#x644;&#X645; &laquo;ق&raquo; &hellip; &mdash; &amp;amp;"),
    ).toBe("حماس & روسيا\u00A0اليوم \"x\" 'y' <b> الم «ق» … — &amp;");
  });

  it("leaves unknown names, bare ampersands and impossible code points readable", () => {
    expect(decodeHtmlEntities("AT&T &bogus; &#0; &#xD800; &#99999999;")).toBe("AT&T &bogus; \uFFFD \uFFFD \uFFFD");
  });
});

describe("the analyzer", () => {
  const question = "هل صنفت روسيا حماس منظمة إرهابية؟";
  const clean = analyzeQuery(question);

  it.each(INVISIBLE.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`, c]))(
    "searches a question with %s inside its words as the clean question",
    (_, mark) => {
      expect(analyzeQuery(insideWords(question, mark))).toEqual(clean);
    },
  );

  it("searches a decomposed (NFD) question as the composed one", () => {
    expect(analyzeQuery("ما هي \u0627\u0654\u0647\u062F\u0627\u0641 إسرائيل")).toEqual(analyzeQuery("ما هي أهداف إسرائيل"));
  });

  it("indexes text with invisible characters under the same terms", () => {
    expect(indexTerms(insideWords("تقيم روسيا علاقات دبلوماسية", ZWNJ + SOFT_HYPHEN))).toEqual(indexTerms("تقيم روسيا علاقات دبلوماسية"));
  });

  it("keeps token offsets in the text as given", () => {
    const text = `زار ${insideWords("موسكو", ZWJ)} أمس`;
    const [, middle] = tokenize(text);
    expect(text.slice(middle!.start, middle!.end)).toBe(insideWords("موسكو", ZWJ));
  });
});

describe("cleaning", () => {
  it("decodes entities and removes invisible characters before any offset is taken", () => {
    const body = `مقدمة[عدل]\n\nزار خالد${ZWNJ} مش${ZWJ}عل موسكو &amp; بطرسبرغ&nbsp;عام 2006 في زيارة رس${SOFT_HYPHEN}مية&#46;\n`;
    const document = cleanDocument({ id: "d", title: "عنوان &amp; آخر" }, body, false);
    expect(document.text).toBe("مقدمة\n\nزار خالد مشعل موسكو & بطرسبرغ عام 2006 في زيارة رسمية.");
    expect(document.meta.title).toBe("عنوان & آخر");
    const [paragraph] = document.sections[0]!.paragraphs;
    expect(document.text.slice(paragraph!.start, paragraph!.end)).toMatch(/^زار خالد مشعل.*رسمية\.$/);
  });
});

describe("a found answer stays found", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  // A document whose words are broken by what web pages carry: entities, joiners, soft hyphens, bidi marks.
  await writeFile(
    join(dir, "corpus", "web.txt"),
    `---\nid: web\ntitle: صفحة&nbsp;منسوخة\n---\nالبستنة[عدل]\n\n` +
      `تزرع الط${ZWJ}ماط${SOFT_HYPHEN}م في الد${ZWNJ}فيئة &amp; تحتاج إلى شمس\u200F كثيرة&#1548; وتُسقى مرتين في الأسبوع.\n`,
  );
  const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));

  it.each([
    ["a clean question", "أين تزرع الطماطم؟"],
    ["a question with ZWJ and ZWNJ inside words", `أين تزرع الط${ZWJ}ما${ZWNJ}طم؟`],
    ["a question with tatweel, a soft hyphen and bidi marks", `\u202Bأين تـــزرع الطما${SOFT_HYPHEN}طم؟\u202C`],
  ])("from %s", async (_, question) => {
    const answer = await engine.ask(question);
    expect(answer.abstained).toBe(false);
    expect(answer.results[0]!.doc.id).toBe("web");
    expect(answer.results[0]!.text).toContain("تزرع الطماطم في الدفيئة & تحتاج إلى شمس كثيرة، وتُسقى");
  });
});
