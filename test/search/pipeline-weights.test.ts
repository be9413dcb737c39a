import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/indexing/corpus-index.js";
import { ConfidenceStage } from "../../src/search/confidence.js";
import { SearchPipeline } from "../../src/search/pipeline.js";
import type { Hit, Retriever } from "../../src/search/retriever.js";
import { keywordRetriever } from "../../src/search/retrievers/keyword.js";
import { analyzeQuery } from "../../src/text/analyzer.js";
import { CORPUS_DIR } from "../helpers/paths.js";

const index = await buildIndex(CORPUS_DIR);
const text = "هل صنفت روسيا حماس منظمة إرهابية؟";

/** A retriever whose list is always related: the corpus's last passages, last first. */
const lastPassages: Retriever = {
  name: "toy",
  needsEmbedding: false,
  retrieve: (_query, limit): Hit[] =>
    Array.from({ length: Math.min(limit, 3) }, (_, i) => ({ position: index.passages.length - 1 - i, score: 3 - i, evidence: 1 })),
};

describe("fusion weights in the pipeline", () => {
  // The keyword list's floor is out of reach: only the toy list is related.
  const pipeline = (fusionWeights?: Record<string, number>) =>
    new SearchPipeline({
      retrievers: [keywordRetriever(index.keyword), lastPassages],
      confidence: new ConfidenceStage({ floors: { keyword: { none: 2, answer: 2 }, toy: { none: 0.5, answer: 1 } } }),
      fusionWeights,
      candidates: 5, // short lists, so the toy has passages of its own
    });
  const search = (weights?: Record<string, number>) => pipeline(weights).search({ text, language: "ar", terms: analyzeQuery(text) }, { abstain: false });

  it("ranks the only related list alone, in its own order", async () => {
    const { ranked } = await search();
    expect(ranked.map((h) => h.position)).toEqual([0, 1, 2].map((i) => index.passages.length - 1 - i));
  });

  it("switches a list weighted 0 off: it neither ranks nor votes, even when it alone is related", async () => {
    const { ranked, lists, tier } = await search({ toy: 0 });
    expect(lists.map((l) => l.retriever)).toEqual(["keyword"]);
    expect(ranked.map((h) => h.position)).toEqual(lists[0]!.hits.map((h) => h.position));
    expect(ranked.length).toBeGreaterThan(0);
    // The toy's related list would have voted "answer"; the keyword list alone finds nothing related.
    expect((await search()).tier).not.toBe("none");
    expect(tier).toBe("none");
  });
});
