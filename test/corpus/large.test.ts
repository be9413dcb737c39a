/** Cleaning a large document keeps its structure, whatever its shape (its speed: test/bench/cleaning.ts). */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/corpus/clean.js";
import { parseHeader } from "../../src/corpus/header.js";
import { CORPUS_DIR } from "../helpers/paths.js";

const wiki = parseHeader(await readFile(join(CORPUS_DIR, "wiki-russia-hamas.txt"), "utf8"));
const meta = { id: "big", title: "T" };

describe("cleaning a large document", () => {
  it("keeps heading paths short when a page is pasted many times over (plain text, inferred levels)", () => {
    const document = cleanDocument(meta, Array(60).fill(wiki.body).join("\n"), false);
    const depth = Math.max(...document.sections.map((s) => s.headings.length));
    expect(depth).toBeGreaterThanOrEqual(3);
    expect(depth).toBeLessThanOrEqual(6);
    // The first copy keeps the structure it has on its own.
    const alone = cleanDocument(meta, wiki.body, false);
    expect(document.sections.slice(0, alone.sections.length).map((s) => s.headings)).toEqual(alone.sections.map((s) => s.headings));
  });

  // How its time grows with the paragraph count (linear: 4× the paragraphs take about 4× as long, not
  // the 16× of the quadratic scan this guards against) is measured by test/bench/cleaning.ts: a
  // wall-clock ratio is no test on a loaded machine. The test keeps what cleaning must produce.
  it("keeps every paragraph, whole and in order, for 5,000 and 20,000 paragraphs with no heading at all", () => {
    const paragraph = "تقيم روسيا علاقات دبلوماسية مع الجناح السياسي لحركة حماس، التي تحكم قطاع غزة، منذ سنوات طويلة.";
    const lines = (count: number) => Array.from({ length: count }, (_, i) => `${paragraph} ${i}`);
    for (const count of [5_000, 20_000]) {
      const document = cleanDocument(meta, lines(count).join("\n"), false);
      expect(document.sections).toHaveLength(1);
      expect(document.sections[0]!.headings).toEqual([]);
      expect(document.sections[0]!.paragraphs).toHaveLength(count);
      expect(document.sections[0]!.paragraphs.map((p) => document.text.slice(p.start, p.end))).toEqual(lines(count));
    }
  });
});
