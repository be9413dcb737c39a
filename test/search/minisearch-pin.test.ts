import { readFileSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { KeywordIndex } from "../../src/search/keyword-index.js";
import { ROOT } from "../helpers/paths.js";

describe("MiniSearch, whose internals the large-corpus search reads", () => {
  it("is pinned to one exact version, the one installed", () => {
    const pinned = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies.minisearch;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (JSON.parse(readFileSync(join(ROOT, "node_modules/minisearch/package.json"), "utf8")) as { version: string }).version;
    expect(installed).toBe(pinned);
  });

  it("fails loudly, at load, when its internal index is laid out otherwise", () => {
    const built = KeywordIndex.build([{ id: 0, text: "روسيا وحماس", section: "", title: "" }]);
    expect(built.query("روسيا", 1)).toHaveLength(1);
    const json = JSON.parse(built.toJSON()) as Record<string, unknown>;
    // Simulate a release that keeps the saved form readable but changes a member it rebuilds.
    const loadJSON = MiniSearch.loadJSON;
    MiniSearch.loadJSON = ((...args: Parameters<typeof loadJSON>) => {
      const search = loadJSON.apply(MiniSearch, args) as unknown as Record<string, unknown>;
      search._fieldLength = {};
      return search;
    }) as unknown as typeof loadJSON;
    try {
      expect(() => KeywordIndex.fromJSON(JSON.stringify(json))).toThrow(/keep minisearch at the version package.json pins/);
    } finally {
      MiniSearch.loadJSON = loadJSON;
    }
  });
});
