import { describe, expect, it } from "vitest";
import { isArabicStopWord, looserReadings, normalizeArabic, rootArabic, stemArabic, stemArabicBroad } from "../../src/text/arabic.js";

describe("normalizeArabic", () => {
  it.each([
    ["أحمد", "احمد"],
    ["إسرائيل", "اسرائيل"],
    ["آخر", "اخر"],
    ["ٱلله", "الله"],
  ])("folds alef variants: %s → %s", (input, expected) => expect(normalizeArabic(input)).toBe(expected));

  it("folds alef maqsura to ya and ta marbuta to ha", () => {
    expect(normalizeArabic("مستشفى")).toBe("مستشفي");
    expect(normalizeArabic("منظمة")).toBe("منظمه");
  });

  it("removes tashkeel U+064B–U+0652, superscript alef and tatweel", () => {
    expect(normalizeArabic("مُحَمَّدٌ")).toBe("محمد");
    expect(normalizeArabic("هٰذا")).toBe("هذا");
    expect(normalizeArabic("روســـيا")).toBe("روسيا");
  });

  it("drops the alef that carries tanween fath, and folds Arabic-Indic digits", () => {
    expect(normalizeArabic("وفدًا")).toBe("وفد");
    expect(normalizeArabic("٢٠٢٣")).toBe("2023");
  });
});

describe("stemArabic (Light10)", () => {
  it.each([
    ["الكتاب", "كتاب"],
    ["والكتاب", "كتاب"],
    ["بالكتاب", "كتاب"],
    ["كالكتاب", "كتاب"],
    ["فالكتاب", "كتاب"],
    ["للكتاب", "كتاب"],
    ["وكتب", "كتب"],
  ])("strips the prefix of %s", (word, stem) => expect(stemArabic(word)).toBe(stem));

  it.each([
    ["كتابها", "كتاب"],
    ["معلمان", "معلم"],
    ["معلمات", "معلم"],
    ["معلمون", "معلم"],
    ["معلمين", "معلم"],
    ["كتابه", "كتاب"],
    ["كتابي", "كتاب"],
  ])("strips the suffix of %s", (word, stem) => expect(stemArabic(word)).toBe(stem));

  it("keeps at least two letters and strips و only from words of four letters or more", () => {
    expect(stemArabic("وقت")).toBe("وقت");
    expect(stemArabic("له")).toBe("له");
    expect(stemArabic("اله")).toBe("ال"); // as Lucene: a suffix goes when two letters remain
    expect(stemArabic("ان")).toBe("ان");
  });
});

describe("stemArabicBroad", () => {
  it("brings perfect and imperfect verbs to one stem", () => {
    expect(stemArabicBroad(normalizeArabic("صنفت"))).toBe(stemArabicBroad(normalizeArabic("تصنف")));
  });

  it("strips a one-letter proclitic before the article", () => {
    expect(stemArabicBroad(normalizeArabic("كمنظمة"))).toBe(stemArabicBroad(normalizeArabic("منظمة")));
    expect(stemArabicBroad(normalizeArabic("بفوزها"))).toBe(stemArabicBroad(normalizeArabic("فوزهم")));
  });
});

describe("rootArabic (ISRI)", () => {
  const root = (word: string) => rootArabic(normalizeArabic(word));

  it.each([
    ["اعترض", "الاعتراضات", "عرض"],
    ["أرسل", "إرسال", "رسل"],
    ["تصنف", "تصنيف", "صنف"],
    ["تمويل", "مولها", "مول"],
    ["استعادة", "المستعادة", "عاد"],
  ])("brings %s and %s to the root %s", (first, second, expected) => {
    expect(root(first)).toBe(expected);
    expect(root(second)).toBe(expected);
  });

  it.each([
    ["مكتب", "كتب"], // مفعل
    ["كاتب", "كتب"], // فاعل
    ["كتابة", "كتب"], // فعالة
    ["مكتوب", "كتب"], // مفعول
    ["استخدام", "خدم"], // استفعال
  ])("reads the pattern of %s", (word, expected) => expect(root(word)).toBe(expected));

  it("leaves words of under four or over seven letters (after the affixes) as they are", () => {
    expect(root("قط")).toBe("قط");
    expect(root("البوذيساتفا")).toBe("بوذيساتفا");
  });
});

describe("Arabic stop words", () => {
  it("knows function words in their proper and casual spellings", () => {
    for (const word of ["في", "إلى", "الى", "الي", "التي", "هل", "لماذا"]) expect(isArabicStopWord(word), word).toBe(true);
  });

  it("knows a stop word behind a proclitic, in words of four letters or more", () => {
    for (const word of ["لهذه", "والتي", "بهذا", "فإنها"]) expect(isArabicStopWord(word), word).toBe(true);
    for (const word of ["فهم", "ولي"]) expect(isArabicStopWord(word), word).toBe(false);
  });

  it("does not take a content word with hamza for a stop word without it", () => {
    expect(isArabicStopWord("هنأ")).toBe(false);
    expect(isArabicStopWord("روسيا")).toBe(false);
  });
});

describe("looserReadings", () => {
  it("reads a word without the proclitic it starts with, and أبو for its case forms", () => {
    const readings = (word: string) => looserReadings(normalizeArabic(word));
    expect(readings("لهنية")).toEqual(["هنيه"]);
    expect(readings("كحماس")).toEqual(["حماس"]);
    expect(readings("وبموسكو")).toEqual(["بموسكو", "موسكو"]);
    expect(readings("لأبو")).toEqual(["ابو"]);
    expect(readings("أبي")).toEqual(["ابو"]);
    expect(readings("لأبي")).toEqual(["ابو"]);
    // Three letters at least are left: بلد, ولد are read as written.
    expect(readings("بلد")).toEqual([]);
    expect(readings("هنية")).toEqual([]);
  });
});
