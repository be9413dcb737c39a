import { describe, expect, it } from "vitest";
import { explainMatch } from "../../src/bridge/explain.js";
import { queryGroups, toQueryTerms } from "../../src/bridge/query.js";
import { KeywordIndex } from "../../src/search/keyword-index.js";
import { analyzeQuery, analyzeWord } from "../../src/text/analyzer.js";

const index = KeywordIndex.build([
  { id: 0, text: "استضاف بوتين خالد مشعل في موسكو عام 2007.", section: "", title: "" },
  { id: 1, text: "زار وفد من حماس موسكو.", section: "", title: "" },
  { id: 2, text: "رحب الرئيس بالوفد في العاصمة.", section: "", title: "" },
  { id: 3, text: "عقدت الجمعية العامة للأمم المتحدة جلسة.", section: "", title: "" },
  { id: 4, text: "الأمن في المدينة مستتب والحكومة متحدة.", section: "", title: "" },
  { id: 5, text: "أسفر التفجير عن مقتل 17 شخصا.", section: "", title: "" },
]);
const hit = (hits: ReturnType<KeywordIndex["query"]>, position: number) => hits.find((h) => h.position === position);

describe("structured queries", () => {
  it("makes the alternatives of one English word one query word, all ranked as main terms", () => {
    const terms = toQueryTerms([
      { en: "delegation", ar: ["وفد", "بعثة"] },
      { en: "Moscow", ar: ["موسكو"] },
    ]);
    expect(terms.words).toHaveLength(2);
    expect(terms.words[0]!.slice(0, 2)).toEqual([analyzeWord("وفد")![0], analyzeWord("بعثة")![0]]);
    expect(terms.mainTerms).toEqual([analyzeWord("بعثة")![0]]);
    expect(terms.rootCoverage).toBe(0.5);
  });

  it("counts a passage matching any one alternative as covering the word once", () => {
    const grouped = index.query(
      toQueryTerms([
        { en: "delegation", ar: ["وفد", "بعثة", "الرئيس"] },
        { en: "Moscow", ar: ["موسكو"] },
      ]),
      5,
    );
    // Passage 1 holds وفد and موسكو: both words, whole coverage; passage 2 holds the other alternatives but not Moscow: half.
    expect(hit(grouped, 1)!.coverage).toBe(1);
    expect(hit(grouped, 2)!.coverage).toBeLessThan(1);
    expect(grouped[0]!.position).toBe(1);
    // The same terms as a flat bag of words: passage 1 then misses two of four words.
    const flat = index.query(analyzeQuery("وفد بعثة الرئيس موسكو"), 5);
    expect(hit(flat, 1)!.coverage).toBeLessThan(1);
  });

  it("lets a root match cover part of a translated word (a dictionary form, القتل, against the text's مقتل)", () => {
    const terms = toQueryTerms([
      { en: "killed", ar: ["القتل"] },
      { en: "17", ar: ["17"] },
    ]);
    const [first] = index.query(terms, 5);
    expect(first!.position).toBe(5);
    // An Arabic question keeps the stricter rule: a root alone does not count, so "17" alone is covered.
    const arabic = hit(index.query("القتل 17", 5), 5)!.coverage;
    expect(arabic).toBeGreaterThan(0);
    // The translated one also covers the root's share of the rest: its weight is that of "killed".
    expect(first!.coverage).toBeCloseTo(arabic + terms.rootCoverage! * (1 - arabic), 9);
    expect(first!.coverage).toBeLessThan(1);
  });

  it("splits a phrase translation into one query word per Arabic word, so one common word does not cover it", () => {
    expect(queryGroups({ en: "United Nations", ar: ["الأمم المتحدة"] })).toEqual([["الأمم"], ["المتحدة"]]);
    expect(queryGroups({ en: "Soviet Union", ar: ["الاتحاد السوفيتي", "الاتحاد السوفييتي"] })).toEqual([["الاتحاد"], ["السوفيتي", "السوفييتي"]]);
    expect(queryGroups({ en: "long", ar: ["لمدة طويلة", "طويل"] })).toEqual([["طويل"]]);
    expect(queryGroups({ en: "GDP", ar: [] })).toEqual([["GDP"]]);
    const hits = index.query(
      toQueryTerms([
        { en: "United Nations", ar: ["الأمم المتحدة"] },
        { en: "General Assembly", ar: ["الجمعية العامة"] },
      ]),
      5,
    );
    expect(hits[0]).toMatchObject({ position: 3, coverage: 1 });
    expect(hit(hits, 4)?.coverage ?? 0).toBeLessThan(0.35);
  });

  it("keeps a word it could not translate as a query word nothing matches, which lowers coverage", () => {
    const hits = index.query(
      toQueryTerms([
        { en: "Moscow", ar: ["موسكو"] },
        { en: "metro", ar: [] },
      ]),
      5,
    );
    expect(hits[0]!.coverage).toBeGreaterThan(0);
    expect(hits[0]!.coverage).toBeLessThan(0.5);
  });
});

describe("match explanation", () => {
  it("names each English word with the Arabic alternative that matched (numbers need no explanation)", () => {
    const translation = [
      { en: "Putin", ar: ["بوتين"] },
      { en: "Meshaal", ar: ["مشعل"] },
      { en: "Moscow", ar: ["موسكو"] },
      { en: "delegation", ar: ["بعثة", "وفد"] },
      { en: "2007", ar: ["2007"] },
    ];
    const [best] = index.query(toQueryTerms(translation), 1);
    expect(explainMatch(translation, best!.matchedTerms)).toBe("Putin → بوتين · Meshaal → مشعل · Moscow → موسكو");
    const [second] = index.query(toQueryTerms([{ en: "delegation", ar: ["بعثة", "وفد"] }]), 1);
    expect(explainMatch([{ en: "delegation", ar: ["بعثة", "وفد"] }], second!.matchedTerms)).toBe("delegation → وفد");
  });

  it("names each pair once, and a phrase only when the passage has all its words", () => {
    const terms = (text: string) => text.split(" ").flatMap((word) => analyzeWord(word) ?? []);
    const twice = [
      { en: "Hamas", ar: ["حماس"] },
      { en: "Hamas", ar: ["حماس"] },
    ];
    expect(explainMatch(twice, terms("حماس"))).toBe("Hamas → حماس");
    const eu = [{ en: "EU", ar: ["الاتحاد الأوروبي"] }];
    expect(explainMatch(eu, terms("الاتحاد السوفييتي"))).toBe("");
    expect(explainMatch(eu, terms("الاتحاد الأوروبي"))).toBe("EU → الاتحاد الأوروبي");
  });
});
