import { describe, expect, it } from "vitest";
import { KeywordIndex } from "../../src/search/keyword.js";

const index = KeywordIndex.build([
  { id: 0, text: "لم تصنف روسيا حماس كمنظمة إرهابية.[1]", section: "", title: "العلاقات" },
  { id: 1, text: "استضاف بوتين خالد مشعل في موسكو عام 2007.", section: "التاريخ", title: "العلاقات" },
  { id: 2, text: "The Kremlin hosted a Hamas delegation in Moscow.", section: "", title: "English" },
]);

describe("KeywordIndex", () => {
  it("matches across verb forms, proclitics, hamza and ta marbuta", () => {
    const [best] = index.query("هل صنفت روسيا حماس منظمه ارهابيه؟", 3);
    expect(best).toMatchObject({ passage: 0 });
    expect(best!.coverage).toBe(1);
  });

  it("weighs unknown words most, so an off-topic question has low coverage", () => {
    const hits = index.query("ما هي عاصمة روسيا؟", 3);
    expect(hits[0]!.passage).toBe(0);
    expect(hits[0]!.coverage).toBeLessThan(0.35);
  });

  it("does not index reference markers", () => {
    expect(index.query("1", 3)).toEqual([]);
  });

  it("searches English with stemming", () => {
    expect(index.query("delegations hosting", 3)[0]).toMatchObject({ passage: 2, coverage: 1 });
  });

  it("survives a JSON round trip", () => {
    const restored = KeywordIndex.fromJSON(index.toJSON());
    expect(restored.query("مشعل موسكو", 3)).toEqual(index.query("مشعل موسكو", 3));
  });

  it("returns nothing for a question of stop words only", () => {
    expect(index.query("هل في من", 3)).toEqual([]);
  });
});
