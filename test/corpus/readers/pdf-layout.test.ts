import { describe, expect, it } from "vitest";
import { repairMirroredBrackets } from "../../../src/corpus/readers/pdf-bidi.js";
import { blocksOf, dropRunningLines, type PageLines } from "../../../src/corpus/readers/pdf-layout.js";
import { foldGlyphText, type Glyph, type Line, linesOf, placeTanweenFath } from "../../../src/corpus/readers/pdf-lines.js";

const W = 6;

function glyph(text: string, left: number, right = left + W, baseline = 700, size = 12): Glyph {
  return { text, x: left, left, right, baseline, size, weight: 400 };
}

/**
 * Glyphs as a right-to-left producer draws them: segments in reading order placed from the right
 * edge leftwards, each Arabic segment right to left, each other segment (digits, Latin) left to right
 * inside its place, the stream in reading order. Between segments a space glyph, or `between`.
 */
function drawRtl(segments: string[], options: { between?: string; gap?: number; baseline?: number } = {}): Glyph[] {
  const { between = " ", gap = 3, baseline = 700 } = options;
  const glyphs: Glyph[] = [];
  let x = 500;
  for (const [i, segment] of segments.entries()) {
    if (i > 0) {
      if (between !== "") glyphs.push(glyph(between, x - gap, x, baseline));
      x -= gap;
    }
    const chars = [...segment];
    const ltr = !/[\u0600-\u06FF\uFB50-\uFEFC]/.test(segment);
    chars.forEach((c, k) => {
      const left = ltr ? x - chars.length * W + k * W : x - (k + 1) * W;
      glyphs.push(glyph(c, left, left + W, baseline));
    });
    x -= chars.length * W;
  }
  return glyphs;
}

const textOf = (glyphs: Glyph[]) => linesOf(glyphs, 1).map((l) => l.text);

describe("glyphs to words and lines", () => {
  it("folds presentation forms, lam-alef ligatures into two letters, and isolated harakat without a space", () => {
    expect(foldGlyphText("\uFEA3\uFEE4\uFE8E\uFEB1")).toBe("حماس");
    expect(foldGlyphText("\uFEFB")).toBe("لا");
    expect(foldGlyphText("\uFE70")).toBe("\u064B");
    expect(foldGlyphText("٢٠٢٢ fi")).toBe("٢٠٢٢ fi");
    expect(textOf(drawRtl(["\uFEA3\uFEE4\uFE8E\uFEB1"]))).toEqual(["حماس"]);
  });

  it("reads Arabic right to left with numbers and Latin names inside left to right", () => {
    const met = drawRtl(["التقى", "Vladimir Putin", "في", "19", "سبتمبر", "2022"]);
    expect(textOf(met)).toEqual(["التقى Vladimir Putin في 19 سبتمبر 2022"]);
    expect(textOf(drawRtl(["حركة", "Hamas", "عام", "2,000"]))).toEqual(["حركة Hamas عام 2,000"]);
  });

  it("turns mirrored brackets back, however the producer named the glyphs", () => {
    // Named as drawn: the `[` at the right edge of "[1]" is drawn as `]`.
    expect(textOf(drawRtl(["إرهابية،", "[1]"], { between: "", gap: 0 }))).toEqual(["إرهابية،[1]"]);
    expect(textOf(drawRtl(["حماس", ")", "الحركة", "("], { between: "", gap: 0 }))).toEqual(["حماس(الحركة)"]);
    // Named after the logical character: `]1[` reading right to left, repaired in the block.
    const page: PageLines = { page: 1, height: 842, lines: linesOf(drawRtl(["إرهابية،", "]1["], { between: "", gap: 0 }), 1) };
    expect(blocksOf([page]).map((b) => b.text)).toEqual(["إرهابية،[1]"]);
  });

  it("keeps a word whole across a tight gap and splits glued words at a wide one", () => {
    expect(textOf(drawRtl(["وجمهور", "ية"], { between: "", gap: 0.5 }))).toEqual(["وجمهورية"]);
    expect(textOf(drawRtl(["إرهابية", "كما"], { between: "", gap: 4 }))).toEqual(["إرهابية كما"]);
  });

  it("reads a direction mark between two words as a space, never as glue", () => {
    expect(textOf(drawRtl(["قتل", "17", "شخصا"], { between: "\u200F", gap: 0 }))).toEqual(["قتل 17 شخصا"]);
  });

  it("keeps detached tanween on its letter and puts the letters of a one-box lam-alef in reading order", () => {
    const word = drawRtl(["إرهابا"]);
    const beh = word[4]!;
    const tanween = glyph("\u064B", (beh.left + beh.right) / 2, (beh.left + beh.right) / 2);
    expect(textOf([...word.slice(0, 5), tanween, ...word.slice(5)])).toEqual(["إرهابًا"]);
    // LibreOffice: the ligature's two letters share one box and come alef first.
    const [ain, lam, alef, qaf, teh] = drawRtl(["علاقة"]);
    const ligature = { left: alef!.left, right: lam!.right, x: alef!.left };
    expect(textOf([ain!, { ...alef!, ...ligature }, { ...lam!, ...ligature }, qaf!, teh!])).toEqual(["علاقة"]);
  });

  it("drops LibreOffice's kashida stretches named after digits inside a word", () => {
    const [qaf, tah, digit, alef, ain] = drawRtl(["قط", "1", "اع"], { between: "", gap: 0 });
    const kashida = { ...digit!, left: digit!.right - 2, x: digit!.right - 2 };
    const shift = (g: Glyph) => ({ ...g, left: g.left + 4, right: g.right + 4, x: g.x + 4 });
    expect(textOf([qaf!, tah!, kashida, shift(alef!), shift(ain!)])).toEqual(["قطاع"]);
    // A digit as wide as a digit is one.
    expect(textOf(drawRtl(["قط", "1", "اع"], { between: "", gap: 0 }))).toEqual(["قط1اع"]);
    expect(textOf(drawRtl(["عام", "2022"]))).toEqual(["عام 2022"]);
  });

  it("groups glyphs by baseline, a superscript with its line, lines top to bottom", () => {
    const lower = drawRtl(["السطر", "الثاني"], { baseline: 680 });
    const upper = drawRtl(["السطر", "الأول"], { baseline: 700 });
    const marker = drawRtl(["x", "[2]"])
      .slice(2)
      .map((g) => ({ ...g, left: g.left - 100, right: g.right - 100, x: g.x - 100, baseline: 704, size: 8 }));
    expect(textOf([...lower, ...upper, ...marker])).toEqual(["السطر الأول [2]", "السطر الثاني"]);
  });
});

describe("repairMirroredBrackets", () => {
  it("turns unbalanced pairs round and leaves balanced text alone", () => {
    expect(repairMirroredBrackets("]1[ نص")).toBe("[1] نص");
    expect(repairMirroredBrackets("(بالروسية(.")).toBe("(بالروسية).");
    expect(repairMirroredBrackets("»جزء«")).toBe("«جزء»");
    expect(repairMirroredBrackets("(أ) و(ب) [1][2]")).toBe("(أ) و(ب) [1][2]");
  });
});

function line(text: string, page: number, baseline: number, extra: Partial<Line> = {}): Line {
  return { text, page, baseline, left: 72, right: 523, size: 12, weight: 400, rtl: true, firstWordWidth: 30, ...extra };
}

const pageOf = (page: number, lines: Line[]): PageLines => ({ page, height: 842, lines });

describe("lines to blocks", () => {
  it("finds headings by size and weight, outer levels for larger sizes", () => {
    const blocks = blocksOf([
      pageOf(1, [
        line("العنوان", 1, 780, { size: 20, right: 523, left: 400 }),
        line("قسم", 1, 740, { size: 16, left: 450 }),
        line("قسم فرعي", 1, 710, { weight: 700, left: 450 }),
        line("نص الفقرة الأولى يمتد على عرض السطر كله", 1, 690),
        line("ويكمل هنا", 1, 676, { left: 300 }),
      ]),
    ]);
    expect(blocks.map((b) => [b.kind, b.level, b.text])).toEqual([
      ["heading", 1, "العنوان"],
      ["heading", 2, "قسم"],
      ["heading", 3, "قسم فرعي"],
      ["paragraph", undefined, "نص الفقرة الأولى يمتد على عرض السطر كله ويكمل هنا"],
    ]);
  });

  it("starts a paragraph after a short line, at an indent and after a wider vertical gap", () => {
    const blocks = blocksOf([
      pageOf(1, [
        line("أ1", 1, 700),
        line("أ2", 1, 686, { left: 300 }),
        line("ب1", 1, 672, { right: 500 }),
        line("ب2", 1, 658),
        line("ج1", 1, 630),
        line("ج2", 1, 616),
      ]),
    ]);
    expect(blocks.map((b) => b.text)).toEqual(["أ1 أ2", "ب1 ب2", "ج1 ج2"]);
  });

  it("continues a paragraph across a page break after a full line, and records both pages", () => {
    const body = (page: number, texts: string[], last?: Partial<Line>) =>
      pageOf(
        page,
        texts.map((t, i) => line(t, page, 700 - 14 * i, i === texts.length - 1 ? last : {})),
      );
    const across = blocksOf([body(1, ["أول", "يمتد"]), body(2, ["إلى الصفحة التالية", "آخر"], { left: 300 })]);
    expect(across.map((b) => [b.text, b.pages])).toEqual([["أول يمتد إلى الصفحة التالية آخر", [1, 2]]]);
    const ended = blocksOf([body(1, ["أول", "انتهى هنا."]), body(2, ["فقرة جديدة", "آخر"], { left: 300 })]);
    expect(ended.map((b) => [b.text, b.pages])).toEqual([
      ["أول انتهى هنا.", [1]],
      ["فقرة جديدة آخر", [2]],
    ]);
  });

  it("joins a date broken at its hyphen and a citation marker wrapped to the next line without a space", () => {
    const blocks = blocksOf([pageOf(1, [line("Retrieved 2023-", 1, 700), line("11-06. وأدانت إسرائيل.[15]", 1, 686), line("[16] ثم", 1, 672)])]);
    expect(blocks.map((b) => b.text)).toEqual(["Retrieved 2023-11-06. وأدانت إسرائيل.[15][16] ثم"]);
  });

  it("drops running headers, footers and page numbers that repeat from page to page, and keeps the body", () => {
    const pages = [1, 2, 3].map((n) =>
      pageOf(n, [
        line("العلاقات بين روسيا وحماس — ويكيبيديا", n, 810, { size: 9 }),
        line(`نص الصفحة ${n} الأول`, n, 700),
        line("سطر يتكرر في وسط كل صفحة", n, 500, { left: 300 }),
        line(`- ${n} -`, n, 30, { size: 9 }),
      ]),
    );
    const kept = dropRunningLines(pages).flatMap((p) => p.lines.map((l) => l.text));
    expect(kept).toEqual([
      "نص الصفحة 1 الأول",
      "سطر يتكرر في وسط كل صفحة",
      "نص الصفحة 2 الأول",
      "سطر يتكرر في وسط كل صفحة",
      "نص الصفحة 3 الأول",
      "سطر يتكرر في وسط كل صفحة",
    ]);
    // A header on one page only is text.
    expect(dropRunningLines(pages.slice(0, 1))[0]!.lines).toHaveLength(4);
  });
});

describe("tanween fath, put back where the spelling has it", () => {
  it("before a final alef, or after a final ة, ء or ى; other words untouched", () => {
    expect(placeTanweenFath("باعتبارها إرهاًبا وأرسلوا وفًدا سياسًيا")).toBe("باعتبارها إرهابًا وأرسلوا وفدًا سياسيًا");
    expect(placeTanweenFath("أكثر عداًء لإسرائيل")).toBe("أكثر عداءً لإسرائيل");
    expect(placeTanweenFath("كتابًا مدرسةً هدىً")).toBe("كتابًا مدرسةً هدىً");
    expect(placeTanweenFath("قسوته 2023 Hamas")).toBe("قسوته 2023 Hamas");
  });
});
