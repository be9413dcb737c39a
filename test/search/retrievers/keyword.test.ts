import { describe, expect, it } from "vitest";
import { EVIDENCE } from "../../../src/config/tuning.js";
import { KeywordIndex } from "../../../src/search/keyword-index.js";
import { keywordEvidence, keywordHits, specificityShare } from "../../../src/search/retrievers/keyword.js";
import { analyzeQuery, analyzeWord } from "../../../src/text/analyzer.js";
import { generalRarity } from "../../../src/text/general-frequency.js";

const index = KeywordIndex.build(
  ["زار رئيس الحكومة دولة في العالم العربي.", "استضاف بوتين خالد مشعل في موسكو.", "ناقش الوفد العلاقات الثنائية."].map((text, id) => ({
    id,
    text,
    section: "",
    title: "",
  })),
);

describe("the keyword retriever's evidence", () => {
  it("is none for a passage matching only words any text uses, however much of the question they cover", () => {
    const terms = analyzeQuery("ما أكبر دولة في العالم العربي؟");
    const [hit] = index.query(terms, 3);
    expect(hit!.position).toBe(0);
    expect(hit!.coverage).toBeGreaterThan(0.5);
    expect(hit!.rarestMatch).toBeLessThanOrEqual(EVIDENCE.specificity.common);
    expect(keywordHits(index, terms, 3)[0]).toMatchObject({ position: 0, evidence: 0 });
  });

  it("is the whole coverage for a passage matching a name, and a part for one matching a fairly common word", () => {
    const terms = analyzeQuery("متى زار مشعل؟");
    const hits = index.query(terms, 3);
    const evidence = new Map(keywordHits(index, terms, 3).map((hit) => [hit.position, hit.evidence]));
    const name = hits.find((hit) => hit.position === 1)!;
    expect(name.coverage).toBeGreaterThan(0);
    expect(evidence.get(1)).toBe(name.coverage);
    // «زار» (visited) is neither among the commonest words nor specific: part of its coverage counts.
    const visit = hits.find((hit) => hit.position === 0)!;
    expect(evidence.get(0)).toBeGreaterThan(0);
    expect(evidence.get(0)).toBeLessThan(visit.coverage);
  });

  it("counts a translated word matched by its root alone: the dictionary's form is seldom the text's", () => {
    // المصباح and صباح share the root صبح: a translated word's root match covers half of it, and its rarity counts.
    const morning = KeywordIndex.build([{ id: 0, text: "وصل الوفد صباح الأحد.", section: "", title: "" }]);
    const terms = { ...analyzeQuery("المصباح"), rootCoverage: 0.5 };
    const [hit] = morning.query(terms, 1);
    expect(hit!.coverage).toBe(0.5);
    expect(hit!.rarestMatch).toBeGreaterThan(EVIDENCE.specificity.specific);
    expect(keywordHits(morning, terms, 1)[0]!.evidence).toBe(0.5);
  });

  it("is none when the question has a known word, more specific than any the passage matches, that no passage holds", () => {
    const war = KeywordIndex.build(["بدأت الحرب في المنطقة.", "استضاف بوتين خالد مشعل في موسكو."].map((text, id) => ({ id, text, section: "", title: "" })));
    // «الحرب» (war) is specific enough to count whole; «أفريقيا» is a listed word, rarer, and the corpus never has it.
    const africa = analyzeQuery("متى بدأت الحرب في أفريقيا؟");
    const [hit] = war.query(africa, 1);
    expect(hit!.coverage).toBeGreaterThan(0);
    expect(hit!.rarestMatch).toBeGreaterThanOrEqual(EVIDENCE.specificity.specific);
    expect(hit!.rarestMissing).toBeGreaterThan(hit!.rarestMatch);
    expect(keywordHits(war, africa, 1)[0]!.evidence).toBe(0);
    // An unlisted word (a name the corpus lacks, or a misspelling) is not held against the passage.
    const [named] = war.query(analyzeQuery("متى بدأت الحرب في كاتماندو؟"), 1);
    expect(named!.rarestMissing).toBe(0);
    expect(keywordEvidence(named!)).toBe(named!.coverage);
    // Nor is a missing word less specific than the one the passage matches: a name outweighs «أفريقيا».
    const [meshaal] = war.query(analyzeQuery("هل زار مشعل أفريقيا؟"), 1);
    expect(meshaal!.position).toBe(1);
    expect(meshaal!.rarestMissing).toBeGreaterThan(0);
    expect(keywordEvidence(meshaal!)).toBe(meshaal!.coverage);
  });

  it("holds against the passage a missing word nearly as rare as its rarest match, within EVIDENCE.missingRarityMargin", () => {
    const won = KeywordIndex.build([{ id: 0, text: "فاز الفريق الممتاز في المباراة.", section: "", title: "" }]);
    // «كأس» (cup) is a little more common than «فاز» (won): the question is still about something the corpus lacks.
    const near = generalRarity("فاز") - generalRarity("كاس");
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(EVIDENCE.missingRarityMargin);
    const [hit] = won.query(analyzeQuery("من فاز بالكأس الممتاز؟"), 1);
    expect(hit!.shareInCorpus).toBeGreaterThan(EVIDENCE.leastShareInCorpus);
    expect(hit!.rarestMissing).toBe(generalRarity("كاس"));
    expect(hit!.rarestMatch).toBe(generalRarity("فاز"));
    expect(keywordEvidence(hit!)).toBe(0);
    // «البحر» (the sea) is far more common than «فاز»: its absence says less than the match.
    expect(generalRarity("فاز") - generalRarity("بحر")).toBeGreaterThan(EVIDENCE.missingRarityMargin);
    const [sea] = won.query(analyzeQuery("من فاز في البحر؟"), 1);
    expect(sea!.rarestMissing).toBeGreaterThan(0);
    expect(sea!.shareInCorpus).toBeGreaterThan(EVIDENCE.leastShareInCorpus);
    expect(keywordEvidence(sea!)).toBeGreaterThan(0);
  });

  it("is none when the corpus holds at most a third of the question's words in any form", () => {
    const described = KeywordIndex.build([{ id: 0, text: "وصف الوفد اللقاء بأنه مثمر.", section: "", title: "" }]);
    // "lentil soup recipe" as the bridge translates it: «العدس» and «الشوربة» are in no passage and in
    // no general list, so only the share in the corpus tells that «وصف» (described) is no evidence.
    const recipe = {
      words: [
        ["وصف", "√وصف"],
        ["شورب", "√شورب"],
        ["عدس", "√عدس"],
      ],
      bigrams: [],
      rootCoverage: 0.5,
    };
    const [soup] = described.query(recipe, 1);
    expect(soup!.coverage).toBeGreaterThan(0);
    expect(soup!.rarestMissing).toBe(0);
    expect(soup!.shareInCorpus).toBeCloseTo(1 / 3);
    expect(keywordEvidence(soup!)).toBe(0);
    // Two words of three in the corpus: the passage is evidence again.
    const [meeting] = described.query(analyzeQuery("وصف اللقاء مع العدس"), 1);
    expect(meeting!.shareInCorpus).toBeCloseTo(2 / 3);
    expect(keywordEvidence(meeting!)).toBeGreaterThan(0);
    // A passage matching a word the general list lacks (a name, a term) stays evidence: the corpus speaks of it.
    const named = KeywordIndex.build([{ id: 0, text: "استضاف بوتين خالد مشعل في موسكو.", section: "", title: "" }]);
    const [meshaal] = named.query(analyzeQuery("هل أكل مشعل العدس؟"), 1);
    expect(meshaal!.shareInCorpus).toBeLessThanOrEqual(1 / 3);
    expect(keywordEvidence(meshaal!)).toBe(meshaal!.coverage);
    // Words left in Latin letters (the bridge could not translate them) are not counted.
    const [latin] = described.query({ words: [["وصف"], ["lentils"], ["soupe"]], bigrams: [] }, 1);
    expect(latin!.shareInCorpus).toBe(1);
  });

  it("lets no general word the corpus lacks, nor a form of a corpus word the stemmer cannot reach, sink a passage matching the rest", () => {
    // A corpus about one subject: its names are in every passage, so they weigh nearly nothing, and
    // a word the corpus never uses weighs the most.
    const topic = KeywordIndex.build(
      [
        "تقيم روسيا علاقات مع حركة حماس.",
        "تحسنت العلاقات بين روسيا وحماس بعد الانتخابات.",
        "استضاف بوتين وفدا من حماس في موسكو.",
        "أدانت روسيا هجوم حماس على إسرائيل.",
      ].map((text, id) => ({ id, text, section: "", title: "" })),
    );
    const evidenceOf = (question: string) => Math.max(0, ...keywordHits(topic, analyzeQuery(question), 4).map((hit) => hit.evidence));
    const matchedFully = evidenceOf("ما هي العلاقة بين روسيا وحماس؟");
    expect(matchedFully).toBeGreaterThan(EVIDENCE.incidentalCoverage);
    // «طبيعة» (nature), «حقيقة» (truth), «صحيح» (true): words any text uses, in no passage.
    for (const general of ["طبيعة", "حقيقة", "صحيح"]) {
      expect(generalRarity(analyzeWord(general)![0]!), general).toBeLessThan(EVIDENCE.incidentalRarity);
      const [hit] = topic.query(analyzeQuery(`ما ${general} العلاقة بين روسيا وحماس؟`), 1);
      expect(hit!.coverage, general).toBeLessThan(EVIDENCE.incidentalCoverage);
      expect(hit!.coversAllButIncidental, general).toBe(true);
      expect(keywordEvidence(hit!), general).toBe(EVIDENCE.incidentalCoverage);
    }
    // A name behind a preposition the stemmer keeps (بحماس, لحماس): the corpus holds it by its root alone.
    for (const question of ["ما علاقة روسيا بحماس؟", "علاقة روسيا بحماس", "متى أدانت روسيا هجوما لحماس؟"]) {
      const [hit] = topic.query(analyzeQuery(question), 1);
      expect(hit!.coversAllButIncidental, question).toBe(true);
      expect(evidenceOf(question), question).toBeGreaterThanOrEqual(EVIDENCE.incidentalCoverage);
    }
    // The passage must match every other word: one that lacks «علاقة» gets nothing from the rule.
    const [partial] = topic.query(analyzeQuery("ما طبيعة العلاقة بين روسيا وحماس؟"), 4).filter((hit) => hit.position === 3);
    expect(partial!.coversAllButIncidental).toBe(false);
    // A question of such words only leaves nothing for a passage to match: «بحماس» alone, matched by its root.
    const [alone] = topic.query({ ...analyzeQuery("بحماس"), rootCoverage: 0.5 }, 1);
    expect(alone!.coversAllButIncidental).toBe(false);
    // One other word is no subject to stand for the question ("ingredients of hummus", hummus read as حماس).
    const [single] = topic.query(analyzeQuery("ما مكونات حماس؟"), 1);
    expect(generalRarity(analyzeWord("مكونات")![0]!)).toBeLessThan(EVIDENCE.incidentalRarity);
    expect(single!.coversAllButIncidental).toBe(false);
    expect(keywordEvidence(single!)).toBeLessThan(EVIDENCE.incidentalCoverage);
    // A specific word the corpus lacks (a name, from 4 on) is no incidental word: «أفريقيا» still sinks the passage.
    expect(generalRarity(analyzeWord("أفريقيا")![0]!)).toBeGreaterThanOrEqual(EVIDENCE.incidentalRarity);
    expect(evidenceOf("ما علاقة روسيا وحماس في أفريقيا؟")).toBeLessThan(EVIDENCE.incidentalCoverage);
  });

  it("is none when the question has a number that no passage writes, even for a passage matching a name", () => {
    const visits = KeywordIndex.build(
      ["استضاف بوتين خالد مشعل في موسكو عام 2006.", "زار الوفد موسكو في 2023."].map((text, id) => ({ id, text, section: "", title: "" })),
    );
    const [absent] = visits.query(analyzeQuery("متى استضاف بوتين مشعل في 1979؟"), 1);
    expect(absent!.position).toBe(0);
    expect(absent!.rarestMatch).toBeGreaterThanOrEqual(EVIDENCE.specificity.specific);
    expect(absent!.rarestMissing).toBeGreaterThan(absent!.rarestMatch);
    expect(keywordEvidence(absent!)).toBe(0);
    // A number written in another passage, in another digit script, is not missing: that passage may answer.
    const [written] = visits.query(analyzeQuery("متى استضاف بوتين مشعل في ٢٠٢٣؟"), 1);
    expect(written!.rarestMissing).toBe(0);
    expect(keywordEvidence(written!)).toBe(written!.coverage);
    // The same number in digit groups is the same number.
    const grouped = KeywordIndex.build([{ id: 0, text: "أسفر الهجوم على المدينة عن مقتل 2,500 شخص.", section: "", title: "" }]);
    const [killed] = grouped.query(analyzeQuery("هل قتل 2500 شخص في الهجوم على المدينة؟"), 1);
    expect(killed!.rarestMissing).toBe(0);
    expect(keywordEvidence(killed!)).toBeGreaterThan(0);
    // A number up to ten may be written out in the text («ثلاثة»): its digits' absence is not held against the passage.
    const [small] = visits.query(analyzeQuery("هل استضاف بوتين مشعل 3 مرات؟"), 1);
    expect(small!.rarestMissing).toBe(0);
    expect(keywordEvidence(small!)).toBeGreaterThan(0);
  });

  it("holds a missing word against the passage only when no form of it is in the corpus, not even its root", () => {
    // «فريق» (team) shares the root √فرق with «أفريقيا»: the corpus speaks of something near, so nothing is missing.
    const team = KeywordIndex.build([{ id: 0, text: "بدأت الحرب بين الفريق والجيش.", section: "", title: "" }]);
    const [hit] = team.query(analyzeQuery("متى بدأت الحرب في أفريقيا؟"), 1);
    expect(hit!.rarestMissing).toBe(0);
    expect(keywordEvidence(hit!)).toBeGreaterThan(0);
  });

  it("does not hold an English word the bridge could not translate against the passage", () => {
    // A translated question (rootCoverage set) whose second word stayed Latin: unlisted, so not held against the match.
    const war = KeywordIndex.build([{ id: 0, text: "بدأت الحرب في المنطقة.", section: "", title: "" }]);
    const terms = { words: [["حرب", "√حرب"], ["xyzzyq"]], bigrams: [], rootCoverage: 0.5 };
    const [hit] = war.query(terms, 1);
    expect(hit!.rarestMissing).toBe(0);
    expect(keywordEvidence(hit!)).toBe(hit!.coverage);
  });

  it("keeps the evidence when the missing word is more common than the passage's rarest match by the margin, and only then", () => {
    const hit = {
      position: 0,
      score: 1,
      coverage: 0.8,
      rarestMatch: 4,
      rarestMissing: 3.69,
      shareInCorpus: 1,
      coversAllButIncidental: false,
      matchedTerms: [],
    };
    expect(EVIDENCE.missingRarityMargin).toBeCloseTo(0.301, 3);
    expect(keywordEvidence(hit)).toBe(0.8);
    expect(keywordEvidence({ ...hit, rarestMissing: 3.71 })).toBe(0);
    expect(keywordEvidence({ ...hit, rarestMissing: 0 })).toBe(0.8);
  });

  it("grows in proportion between common and specific", () => {
    const scale = { common: 3, specific: 4 };
    expect([2.5, 3, 3.25, 3.5, 4, 6].map((rarity) => specificityShare(rarity, scale))).toEqual([0, 0, 0.25, 0.5, 1, 1]);
    expect([2.9, 3.1].map((rarity) => specificityShare(rarity, { common: 3, specific: 3 }))).toEqual([0, 1]);
  });
});
