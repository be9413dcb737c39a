import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { Progress } from "../../src/log/progress.js";

describe("Progress", () => {
  it("logs a line every few seconds, with what is done and the time left, when no terminal shows it", () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new Progress({
      log: createLogger({ write: (l) => lines.push(l) }),
      label: "Indexing",
      total: 100,
      terminal: false,
      now: () => now,
    });
    for (let done = 1; done <= 100; done++) {
      now = done * 1000; // a second per unit of work
      progress.update(done, `${done} documents`);
    }
    progress.finish();
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines[0]).toMatch(/Indexing: \d+ documents, \d+%, about \d+ s left/);
    expect(lines.at(-1)).toMatch(/about [0-9] s left/);
  });
});
