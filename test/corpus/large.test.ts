/** Cleaning stays linear in the size of a document, whatever its shape. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanDocument } from "../../src/corpus/clean.js";
import { parseHeader } from "../../src/corpus/header.js";
import { CORPUS_DIR } from "../helpers/paths.js";

const wiki = parseHeader(await readFile(join(CORPUS_DIR, "wiki-russia-hamas.txt"), "utf8"));
const meta = { id: "big", title: "T" };

/** The fastest of three runs of `work`, in milliseconds. */
function fastest(work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

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

  it("takes about four times as long for four times the paragraphs, with no heading at all", () => {
    const paragraph = "تقيم روسيا علاقات دبلوماسية مع الجناح السياسي لحركة حماس، التي تحكم قطاع غزة، منذ سنوات طويلة.";
    const body = (count: number) => Array.from({ length: count }, (_, i) => `${paragraph} ${i}`).join("\n");
    const [small, large] = [body(5_000), body(20_000)];
    const smallMs = fastest(() => cleanDocument(meta, small, false));
    const largeMs = fastest(() => cleanDocument(meta, large, false));
    expect(cleanDocument(meta, large, false).sections[0]!.paragraphs).toHaveLength(20_000);
    // Linear is about 4; the quadratic scan this guards against was about 16.
    expect(largeMs / smallMs).toBeLessThan(8);
  });
});
