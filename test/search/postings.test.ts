/** The keyword index's own postings: round trips, MiniSearch's scores to the last bit, and the bytes a posting takes. */
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { KEYWORD_SEARCH } from "../../src/config/tuning.js";
import { Coverage } from "../../src/search/coverage.js";
import { indexableText, KeywordIndex } from "../../src/search/keyword-index.js";
import { bm25Idf, Postings } from "../../src/search/postings.js";
import { PostingsBuilder } from "../../src/search/postings-builder.js";
import { analyzeQuery, indexTerms, isRootTerm } from "../../src/text/analyzer.js";
import { syntheticCorpusFile } from "../bench/indexing.js";
import { loadXquad } from "../bench/xquad.js";

describe("postings", () => {
  const builder = new PostingsBuilder();
  builder.add([["b", "a", "b"], ["s"], []]);
  builder.add([["a"], [], ["b", "t"]]);
  builder.add([["c", "a"], ["s", "s"], []]);
  const postings = builder.finish();

  it("keeps each term's passages and frequencies per field, and MiniSearch's average field lengths", () => {
    expect([...Array(postings.termCount).keys()].map((id) => postings.term(id))).toEqual(["a", "b", "c", "s", "t"]);
    const fields = postings.fields(postings.termId("b"));
    expect(fields.map((f) => [...f.passages])).toEqual([[0], [], [1]]);
    expect(fields.map((f) => [...f.frequencies])).toEqual([[2], [], [1]]);
    expect([...postings.fields(postings.termId("a"))[0]!.passages]).toEqual([0, 1, 2]);
    expect(postings.counts(postings.termId("s"))).toEqual([0, 2, 0]);
    expect(postings.termId("z")).toBe(-1);
    expect(postings.fieldLength(0, 0)).toBe(2);
    expect(postings.averageLength(0)).toBe((((2 * 1 + 1) / 2) * 2 + 2) / 3);
    expect(postings.postingCount).toBe(9);
  });

  it("goes to bytes and back unchanged", () => {
    const bytes = Buffer.concat([...postings.toBytes()]);
    const back = Postings.fromBytes(bytes);
    expect(Buffer.concat([...back.toBytes()])).toEqual(bytes);
    expect(back.fields(back.termId("s"))).toEqual(postings.fields(postings.termId("s")));
  });

  it("decodes passage numbers and frequencies above one byte", () => {
    const large = new PostingsBuilder();
    for (let i = 0; i < 300; i++) large.add([i % 100 === 0 ? Array(200 + i).fill("x") : ["y"], [], []]);
    const built = large.finish();
    const [text] = built.fields(built.termId("x"));
    expect([...text!.passages]).toEqual([0, 100, 200]);
    expect([...text!.frequencies]).toEqual([200, 300, 400]);
  });
});

describe("the keyword index against MiniSearch", async () => {
  const set = await loadXquad();
  const documents = set.paragraphs.map((p, id) => ({ id, text: p.text, section: "", title: p.id }));
  const own = KeywordIndex.build(documents).withSettings({ ...KEYWORD_SEARCH, largeCorpus: { minPassages: Infinity, candidatePostings: 0 } });
  const options = { fields: ["text", "section", "title"], tokenize: indexTerms, processTerm: (term: string) => term };
  const mini = new MiniSearch<(typeof documents)[number]>(options);
  mini.addAll(documents.map((d) => ({ ...d, text: indexableText(d.text) })));

  /** The search the project ran on MiniSearch until its own postings replaced it. */
  function miniSearchQuery(question: string) {
    const { words, bigrams } = analyzeQuery(question);
    const { boost, bm25, weights } = KEYWORD_SEARCH;
    const df = new Map<string, number>();
    for (const term of [...words.flat(), ...bigrams]) df.set(term, KeywordIndex.prototype.documentFrequency.call(own, term));
    const coverage = new Coverage(
      words,
      (t) => bm25Idf(documents.length, df.get(t)!),
      (t) => df.get(t)! > 0,
      0,
    );
    const main = new Set(words.map((forms) => forms[0]!));
    const phrases = new Set(bigrams);
    const termBoost = (t: string) => (main.has(t) ? 1 : phrases.has(t) ? weights.phrase : isRootTerm(t) ? weights.root : weights.broadStem);
    return mini
      .search([...df.keys()].join(" "), { boost, bm25, combineWith: "OR", tokenize: (q) => q.split(" "), processTerm: (t) => t, boostTerm: termBoost })
      .map((r) => ({ position: r.id as number, score: (r.score / r.queryTerms.length) * coverage.ofTerms(r.queryTerms), matchedTerms: r.queryTerms }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .slice(0, 20);
  }

  it("ranks and scores every question exactly as MiniSearch did, to the last bit", () => {
    for (const q of [...set.arabic.slice(0, 150), ...set.english.slice(0, 30)]) {
      const ours = own.query(q.question, 20).map(({ position, score, matchedTerms }) => ({ position, score, matchedTerms }));
      expect(ours).toEqual(miniSearchQuery(q.question));
    }
  });
});

describe("building in bounded memory", () => {
  it("holds a few bytes a posting, while building and on disk", async () => {
    const text = await syntheticCorpusFile(400_000, 3);
    const builder = new PostingsBuilder();
    for (const paragraph of text.split("\n\n")) builder.add([indexTerms(paragraph), [], []]);
    expect(builder.postingCount).toBeGreaterThan(50_000);
    // 12 bytes a posting, up to twice that as the array doubles, and the field lengths.
    expect(builder.heldBytes / builder.postingCount).toBeLessThan(26);
    const postings = builder.finish();
    const fileBytes = [...postings.toBytes()].reduce((sum, piece) => sum + piece.length, 0);
    // The dictionary included (most of it on so small a corpus: 5.7 bytes a posting at 1 MB); MiniSearch's JSON took about 27.
    expect(fileBytes / postings.postingCount).toBeLessThan(12);
  });
});
