/**
 * One fresh process of the performance benchmark: opens the engine as `npm start` does (settings
 * from the environment), says when it is ready and when the first answer is out, then optionally
 * answers QUESTIONS_FILE in a loop and reports its resident memory. Prints one JSON line per event.
 */
import { readFile } from "node:fs/promises";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";

const mb = (bytes: number) => bytes / 2 ** 20;

/** One event line; with --expose-gc, also the memory left after a full collection (what is really held). */
function report(event: string, fields: Record<string, unknown> = {}): void {
  const line = { event, sinceStartMs: performance.now(), rssMb: mb(process.memoryUsage().rss), ...fields };
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    const after = process.memoryUsage();
    Object.assign(line, { rssAfterGcMb: mb(after.rss), heapAfterGcMb: mb(after.heapUsed) });
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const settings = loadEngineSettings();
const engine = await openEngine(settings, { log: createLogger({ level: "warn" }) });
report("ready", { mode: engine.mode });
await engine.ask("هل صنفت روسيا حماس منظمة إرهابية؟");
report("first-answer");

const file = process.env.QUESTIONS_FILE;
const count = Number(process.env.QUESTION_COUNT ?? 0);
if (file && count > 0) {
  const questions = (await readFile(file, "utf8")).split("\n").filter(Boolean);
  for (let i = 0; i < count; i++) {
    await engine.ask(questions[i % questions.length]!);
    if ((i + 1) % (count / 10) === 0) report("answered", { count: i + 1 });
  }
}
