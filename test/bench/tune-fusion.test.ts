import { describe, expect, it } from "vitest";
import { DEFAULT_FUSION, type FusionSettings } from "../../src/config/defaults.js";
import type { RetrievalMetrics } from "./metrics.js";
import { DEPTHS, depthGrid, describeFusion, EXTRA_WEIGHTS, fusionGrid, fusionScore, rankFusions, type ScoredFusion, WEIGHT_AXES } from "./tune-fusion.js";

const fusion = (keyword: number, bridge: number, dense: number, candidates = 50): FusionSettings => ({ weights: { keyword, bridge, dense }, candidates });
const metrics = (mrr10: number): RetrievalMetrics => ({ r1: mrr10, r5: mrr10, mrr10, count: 10 });
const scored = (f: FusionSettings, ar: number, en: number): ScoredFusion => ({ fusion: f, ar: metrics(ar), en: metrics(en) });

describe("fusionGrid", () => {
  it("crosses the axes, leaving out all-zero weights and weights that rank like earlier ones", () => {
    const grid = fusionGrid({ keyword: [1, 2, 0], bridge: [1, 0], dense: [2, 0], candidates: [10, 50] });
    const keys = grid.map(describeFusion);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain("k 0 · b 0 · d 0 · depth 10");
    // 2/0/0 ranks like 1/0/0, which comes first.
    expect(keys).toContain("k 1 · b 0 · d 0 · depth 10");
    expect(keys).not.toContain("k 2 · b 0 · d 0 · depth 10");
    // 0/1/2 and 0/0/2 are new ratios; each depth has its own settings.
    expect(keys).toContain("k 0 · b 1 · d 2 · depth 50");
    expect(grid.filter((f) => f.candidates === 10)).toHaveLength(grid.length / 2);
  });

  it("starts with the defaults and adds the extra settings", () => {
    const grid = fusionGrid(WEIGHT_AXES, [fusion(0, 1, 1), fusion(0, 2, 2)]);
    expect(grid[0]).toEqual(DEFAULT_FUSION);
    expect(grid.at(-1)).toEqual(fusion(0, 1, 1));
    expect(grid).toHaveLength(4 * 4 + EXTRA_WEIGHTS.length);
  });
});

describe("depthGrid", () => {
  it("tries every depth for the best weights and the defaults, less what was scored", () => {
    const first = fusionGrid(WEIGHT_AXES);
    const second = depthGrid({ keyword: 1, bridge: 2, dense: 0 }, first);
    expect(second.map(describeFusion).sort()).toEqual(
      DEPTHS.filter((d) => d !== 50)
        .flatMap((d) => [describeFusion(fusion(1, 2, 0, d)), describeFusion(fusion(1, 1, 1, d))])
        .sort(),
    );
  });

  it("tries each depth once when the best weights are the defaults", () => {
    expect(depthGrid({ keyword: 2, bridge: 2, dense: 2 }, [DEFAULT_FUSION])).toEqual(DEPTHS.filter((d) => d !== 50).map((d) => fusion(2, 2, 2, d)));
  });
});

describe("rankFusions", () => {
  it("orders by the mean of Arabic and English MRR@10", () => {
    const a = scored(fusion(1, 1, 0), 0.9, 0.5);
    const b = scored(fusion(1, 2, 0), 0.6, 0.9);
    expect(fusionScore(a)).toBeCloseTo(0.7);
    expect(rankFusions([a, b]).map((s) => s.fusion)).toEqual([b.fusion, a.fusion]);
  });

  it("keeps the defaults first on a tie, also when scaled", () => {
    const other = scored(fusion(1, 1, 0), 0.8, 0.8);
    expect(rankFusions([other, scored(DEFAULT_FUSION, 0.8, 0.8)])[0]!.fusion).toEqual(DEFAULT_FUSION);
    expect(rankFusions([other, scored(fusion(3, 3, 3), 0.8, 0.8)])[0]!.fusion).toEqual(fusion(3, 3, 3));
    expect(rankFusions([other, scored(DEFAULT_FUSION, 0.79, 0.8)])[0]).toBe(other);
  });
});
