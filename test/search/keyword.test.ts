import { describe, expect, it } from "vitest";
import { KeywordIndex } from "../../src/search/keyword-index.js";

const index = KeywordIndex.build([
  { id: 0, text: "لم تصنف روسيا حماس كمنظمة إرهابية.[1]", section: "", title: "العلاقات" },
  { id: 1, text: "استضاف بوتين خالد مشعل في موسكو عام 2007.", section: "التاريخ", title: "العلاقات" },
  { id: 2, text: "The Kremlin hosted a Hamas delegation in Moscow.", section: "", title: "English" },
]);

describe("KeywordIndex", () => {
  it("matches across verb forms, proclitics, hamza and ta marbuta", () => {
    const [best] = index.query("هل صنفت روسيا حماس منظمه ارهابيه؟", 3);
    expect(best).toMatchObject({ position: 0 });
    expect(best!.coverage).toBe(1);
  });

  it("weighs unknown words most, so an off-topic question has low coverage", () => {
    const hits = index.query("ما هي عاصمة روسيا؟", 3);
    expect(hits[0]!.position).toBe(0);
    expect(hits[0]!.coverage).toBeLessThan(0.35);
  });

  it("does not index reference markers", () => {
    expect(index.query("1", 3)).toEqual([]);
  });

  it("searches English with stemming", () => {
    expect(index.query("delegations hosting", 3)[0]).toMatchObject({ position: 2, coverage: 1 });
  });

  it("survives a round trip through its binary file, byte for byte", () => {
    const bytes = Buffer.concat([...index.toBytes()]);
    const restored = KeywordIndex.fromBytes(bytes);
    expect(Buffer.concat([...restored.toBytes()])).toEqual(bytes);
    for (const question of ["مشعل موسكو", "هل صنفت روسيا حماس منظمه ارهابيه؟", "delegations hosting"]) {
      expect(restored.query(question, 3)).toEqual(index.query(question, 3));
    }
    // Unaligned, as a Buffer from Node's pool may be: copied once, read the same.
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    expect(KeywordIndex.fromBytes(unaligned).query("مشعل موسكو", 3)).toEqual(index.query("مشعل موسكو", 3));
  });

  it("refuses a file of another layout or a truncated one", () => {
    const bytes = Buffer.concat([...index.toBytes()]);
    expect(() => KeywordIndex.fromBytes(Buffer.from("{}"))).toThrow();
    expect(() => KeywordIndex.fromBytes(bytes.subarray(0, bytes.length - 9))).toThrow();
    const otherVersion = Buffer.from(bytes);
    otherVersion.writeUInt32LE(99, 4);
    expect(() => KeywordIndex.fromBytes(otherVersion)).toThrow(/version/);
  });

  it("ranks by the share of the question matched, not by the number of terms matched", () => {
    // Two common words and their phrase make five matched terms against the name's three: counting
    // terms, as MiniSearch does, would put the second passage first.
    const places = KeywordIndex.build(
      ["وصل نيوتن أمس.", "افتتح الملعب الرئيسي أمس.", "الملعب قديم.", "الملعب واسع.", "الطريق الرئيسي مزدحم.", "المدخل الرئيسي مغلق.", "سافر الوفد."].map(
        (text, id) => ({ id, text, section: "", title: "" }),
      ),
    );
    const [first, second] = places.query("نيوتن الملعب الرئيسي", 2);
    expect(first!.position).toBe(0);
    expect(second!.position).toBe(1);
    expect(second!.matchedTerms.length).toBeGreaterThan(first!.matchedTerms.length);
  });

  it("ranks a passage that shares only a root with the question, without counting it as covered", () => {
    const roots = KeywordIndex.build([{ id: 0, text: "سجل الفريق اعتراضات كثيرة.", section: "", title: "" }]);
    const [hit] = roots.query("من اعترض؟", 3);
    expect(hit).toMatchObject({ position: 0, coverage: 0 });
    expect(hit!.matchedTerms).toEqual([expect.stringMatching(/^√/)]);
  });

  it("returns nothing for a question of stop words only", () => {
    expect(index.query("هل في من", 3)).toEqual([]);
  });
});

describe("the large-corpus search", async () => {
  const { loadXquad } = await import("../bench/xquad.js");
  const { KEYWORD_SEARCH } = await import("../../src/config/tuning.js");
  const set = await loadXquad();
  const xquad = KeywordIndex.build(set.paragraphs.map((p, id) => ({ id, text: p.text, section: "", title: p.id })));

  it("scores exactly as MiniSearch does when every candidate is kept", () => {
    const exact = xquad.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: Infinity, candidatePostings: 0 } });
    const scored = xquad.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: 0, candidatePostings: Infinity } });
    for (const q of set.arabic.slice(0, 200)) {
      const a = exact.query(q.question, 20);
      const b = scored.query(q.question, 20);
      expect(b.map((h) => h.score)).toEqual(a.map((h) => expect.closeTo(h.score, 9)));
      expect(new Set(b.map((h) => h.position))).toEqual(new Set(a.map((h) => h.position)));
      expect(b.map((h) => h.coverage)).toEqual(a.map((h) => expect.closeTo(h.coverage, 9)));
      // Near ties may swap places: the rarest match is compared passage by passage.
      const rarest = new Map(a.map((h) => [h.position, h.rarestMatch]));
      for (const h of b) expect(h.rarestMatch).toBe(rarest.get(h.position));
      for (const h of b) {
        expect(h.rarestMissing).toBe(a[0]!.rarestMissing);
        expect(h.shareInCorpus).toBe(a[0]!.shareInCorpus);
      }
    }
  });

  it("covers a word matched by its root alone in part, as the exact search does, whatever the share", async () => {
    const { CrossLingualBridge } = await import("../../src/bridge/index.js");
    const bridge = CrossLingualBridge.withCommittedLexicon();
    const exact = xquad.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: Infinity, candidatePostings: 0 } });
    const scored = xquad.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: 0, candidatePostings: Infinity } });
    let partial = 0;
    for (const rootCoverage of [0.5, 0.3]) {
      for (const q of set.english.slice(0, 100)) {
        const terms = { ...bridge.query(q.question).terms, rootCoverage };
        const a = exact.query(terms, 20);
        const b = scored.query(terms, 20);
        expect(b.map((h) => h.coverage)).toEqual(a.map((h) => expect.closeTo(h.coverage, 9)));
        expect(b.map((h) => h.score)).toEqual(a.map((h) => expect.closeTo(h.score, 6)));
        // A hit whose coverage moves with the root share has a word covered by its root alone.
        const whole = new Map(exact.query({ ...terms, rootCoverage: 1 }, 20).map((h) => [h.position, h.coverage]));
        partial += a.filter((h) => whole.has(h.position) && whole.get(h.position)! > h.coverage + 1e-9).length;
      }
    }
    expect(partial).toBeGreaterThan(0);
  });

  it("keeps most of the exact top 10 with a small candidate budget", () => {
    const exact = xquad.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: Infinity, candidatePostings: 0 } });
    const budget = xquad.withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: 0, candidatePostings: 40 } });
    let kept = 0;
    const questions = set.arabic.slice(0, 200);
    for (const q of questions) {
      const top = new Set(exact.query(q.question, 10).map((h) => h.position));
      kept += budget.query(q.question, 10).filter((h) => top.has(h.position)).length / Math.max(1, top.size);
    }
    expect(kept / questions.length).toBeGreaterThan(0.7);
  });
});
