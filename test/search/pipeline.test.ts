import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/indexing/corpus-index.js";
import { ConfidenceStage } from "../../src/search/confidence.js";
import { SearchPipeline, type StageTimings } from "../../src/search/pipeline.js";
import type { Hit, Retriever, SearchQuery } from "../../src/search/retriever.js";
import { keywordRetriever } from "../../src/search/retrievers/keyword.js";
import { analyzeQuery } from "../../src/text/analyzer.js";
import { CORPUS_DIR } from "../helpers/paths.js";

const index = await buildIndex(CORPUS_DIR);
const query = (text: string): SearchQuery => ({ text, language: "ar", terms: analyzeQuery(text) });

/** A toy retriever: the last passages of the corpus, in reverse order, with fixed evidence. */
function lastPassages(evidence: number): Retriever {
  return {
    name: "toy",
    needsEmbedding: false,
    retrieve: (_query, limit): Hit[] =>
      Array.from({ length: Math.min(limit, 3) }, (_, i) => ({ position: index.passages.length - 1 - i, score: 3 - i, evidence })),
  };
}

describe("SearchPipeline", () => {
  const keyword = keywordRetriever(index.keyword);
  const question = query("هل صنفت روسيا حماس منظمة إرهابية؟");

  it("runs a plugged-in retriever beside keyword search, fuses both lists and times each stage by name", async () => {
    const pipeline = new SearchPipeline({
      retrievers: [keyword, lastPassages(1)],
      confidence: new ConfidenceStage({ floors: { keyword: { none: 0.35, answer: 1 }, toy: { none: 0.5, answer: 1 } } }),
      candidates: 50,
    });
    expect(pipeline.stages).toEqual(["embedding", "keyword", "toy", "fusion", "confidence"]);
    const timings: StageTimings = {};
    const { lists, ranked, chosen } = await pipeline.search(question, { timings });
    expect(lists.map((l) => l.retriever)).toEqual(["keyword", "toy"]);
    const last = index.passages.length - 1;
    expect(ranked.map((h) => h.position)).toContain(last);
    expect(chosen.map((h) => h.position)).toContain(last); // the toy's evidence passes its floor
    expect(Object.keys(timings).sort()).toEqual(["confidence", "embedding", "fusion", "keyword", "toy"]);
  });

  it("lets a retriever's passages through the confidence stage only when its evidence reaches its floor", async () => {
    const weak = new SearchPipeline({
      retrievers: [keyword, lastPassages(0.2)],
      confidence: new ConfidenceStage({ floors: { keyword: { none: 0.35, answer: 1 }, toy: { none: 0.5, answer: 1 } } }),
      candidates: 50,
    });
    const keywordOnly = await new SearchPipeline({
      retrievers: [keyword],
      confidence: new ConfidenceStage({ floors: { keyword: { none: 0.35, answer: 1 } } }),
      candidates: 50,
    }).search(question);
    const { ranked, chosen } = await weak.search(question);
    const toyOnly = [0, 1, 2].map((i) => index.passages.length - 1 - i).filter((p) => !keywordOnly.chosen.some((h) => h.position === p));
    expect(toyOnly.length).toBeGreaterThan(0);
    for (const position of toyOnly) {
      expect(ranked.map((h) => h.position)).toContain(position);
      expect(chosen.map((h) => h.position)).not.toContain(position);
    }
    expect(chosen.length).toBeGreaterThan(0);
  });

  it("uses only the retrievers asked for, and skips those needing an embedding when no model is loaded", async () => {
    const needsModel: Retriever = { name: "dense", needsEmbedding: true, retrieve: () => [{ position: 0, score: 1, evidence: 1 }] };
    const pipeline = new SearchPipeline({
      retrievers: [keyword, needsModel, lastPassages(1)],
      confidence: new ConfidenceStage({ floors: {} }),
      candidates: 50,
    });
    expect(pipeline.retrievers.map((r) => r.name)).toEqual(["keyword", "toy"]);
    const { lists } = await pipeline.search(question, { use: (r) => r.name === "keyword", abstain: false });
    expect(lists.map((l) => l.retriever)).toEqual(["keyword"]);
  });

  it("embeds the question once, only for retrievers that need it", async () => {
    const seen: string[] = [];
    const vector = new Float32Array([1, 0]);
    const dense: Retriever = {
      name: "dense",
      needsEmbedding: true,
      retrieve: (q) => (q.vector === vector ? [{ position: 5, score: 0.9, evidence: 0.9 }] : []),
    };
    const pipeline = new SearchPipeline({
      retrievers: [keyword, dense],
      embed: async (text) => {
        seen.push(text);
        return vector;
      },
      confidence: new ConfidenceStage({ floors: { keyword: { none: 0.35, answer: 1 }, dense: { none: 0.8, answer: 1 } } }),
      candidates: 50,
    });
    const { lists, chosen } = await pipeline.search(question);
    expect(seen).toEqual([question.text]);
    expect(lists[1]!.hits.map((h) => h.position)).toEqual([5]);
    expect(chosen.map((h) => h.position)).toContain(5);
    await pipeline.search(query("روسيا"), { use: (r) => !r.needsEmbedding });
    expect(seen).toHaveLength(1);
  });
});
