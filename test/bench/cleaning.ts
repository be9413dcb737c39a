/**
 * `npx tsx test/bench/cleaning.ts`: how cleaning time grows with the number of paragraphs of a
 * document with no heading at all (the shape whose quadratic scan once made 4× the paragraphs take
 * about 16× as long). Cleans 5,000 and 20,000 paragraphs (the fastest of `--runs` runs each, 3 by
 * default) and prints the times and their ratio: linear is about 4. Exits with 1 when the ratio
 * reaches twice linear (8), the limit test/corpus/large.test.ts held before the timing moved here (a
 * wall-clock ratio fails on a loaded machine; the test keeps what cleaning produces).
 *   --runs N        runs per size
 *   --sizes A,B     paragraph counts (default 5000,20000); the ratio is of the last to the first
 */
import { cleanDocument } from "../../src/corpus/clean.js";

/** The limit on time(last) / time(first), as a multiple of linear growth: for 4× the paragraphs, 8 (the quadratic scan was about 16). */
const TIMES_LINEAR = 2;
const PARAGRAPH = "تقيم روسيا علاقات دبلوماسية مع الجناح السياسي لحركة حماس، التي تحكم قطاع غزة، منذ سنوات طويلة.";
const meta = { id: "big", title: "T" };

/** A body of `count` numbered paragraphs, one a line, with no heading. */
function headinglessBody(count: number): string {
  return Array.from({ length: count }, (_, i) => `${PARAGRAPH} ${i}`).join("\n");
}

/** The fastest of `runs` runs of `work`, in milliseconds. */
function fastest(work: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const runs = Number(option("--runs") ?? 3);
  const sizes = (option("--sizes") ?? "5000,20000").split(",").map(Number);
  if (!(runs >= 1) || sizes.length < 2 || sizes.some((n) => !(n >= 1))) throw new Error("usage: --runs N (≥ 1) --sizes A,B[,…] (paragraph counts)");
  const rows = sizes.map((count) => {
    const body = headinglessBody(count);
    const paragraphs = cleanDocument(meta, body, false).sections[0]?.paragraphs.length;
    if (paragraphs !== count) throw new Error(`cleaning ${count} paragraphs gave ${paragraphs}`);
    return { count, ms: fastest(() => cleanDocument(meta, body, false), runs) };
  });
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const ratio = last.ms / first.ms;
  console.log(`Node ${process.version}, cleanDocument on plain text with no heading, fastest of ${runs} runs.\n`);
  console.log("| paragraphs | time ms | × first |");
  console.log("| ---: | ---: | ---: |");
  for (const row of rows) console.log(`| ${row.count} | ${row.ms.toFixed(1)} | ${(row.ms / first.ms).toFixed(2)} |`);
  const linear = last.count / first.count;
  const limit = TIMES_LINEAR * linear;
  console.log(`\n${linear}× the paragraphs took ${ratio.toFixed(2)}× as long (linear: about ${linear}; limit ${limit}).`);
  if (ratio >= limit) {
    console.error(`cleaning is no longer linear in the paragraph count: ${ratio.toFixed(2)} ≥ ${limit}`);
    process.exitCode = 1;
  }
}

main();
