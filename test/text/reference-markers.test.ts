import { describe, expect, it } from "vitest";
import { citedReferenceNumbers, withoutReferenceMarkers } from "../../src/text/reference-markers.js";

describe("reference markers", () => {
  it("cite every number of a list or a range, in any digits, each once, in order of first citation", () => {
    expect(citedReferenceNumbers("نص.[3] نص آخر.[5, 6] ثم [5–7] و[ ١٢ ] وأخيرا [3]")).toEqual([3, 5, 6, 7, 12]);
    expect(citedReferenceNumbers("a [1; 4] b [9-8] c [1–900]")).toEqual([1, 4, 9, 8, 900]);
    expect(citedReferenceNumbers("no marker, (5), 2006")).toEqual([]);
  });

  it("are left out of the text, raised digits too, and nothing else", () => {
    expect(withoutReferenceMarkers("زار موسكو.[5][6] عام 2006⁵ [5, 6]")).toBe("زار موسكو.   عام 2006   ");
    expect(withoutReferenceMarkers("[note 1] (5) [ملاحظة]")).toBe("[note 1] (5) [ملاحظة]");
  });
});
