import { describe, expect, it } from "vitest";
import { batchLabel, HELD_OUT_BATCH, isHeldOut, loadSeedQuestions } from "./seed-questions.js";

describe("question batches", () => {
  it("hold out the newest batch only: the first (no field) and the ones before it are tuning data", () => {
    expect([undefined, 1, HELD_OUT_BATCH - 1, HELD_OUT_BATCH].map(isHeldOut)).toEqual([false, false, false, true]);
  });

  it("label each batch's rows, the first with nothing", () => {
    expect([undefined, 1, 2, HELD_OUT_BATCH].map(batchLabel)).toEqual(["", "", ", batch 2", ", held out"]);
  });

  it("end with the held-out batch: a newer batch needs HELD_OUT_BATCH raised", async () => {
    const batches = new Set((await loadSeedQuestions()).map((q) => q.batch ?? 1));
    expect(Math.max(...batches)).toBe(HELD_OUT_BATCH);
  });
});
