/**
 * Gives the scenarios a fresh results file, and at the end prints the fault table and fails the
 * run when the table shows a fault.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { renderTable } from "./collector.js";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "qa-faults-"));
  const file = join(dir, "rows.jsonl");
  project.provide("faultResultsFile", file);
  const started = Date.now();
  return () => {
    const { text, failures } = renderTable(file);
    process.stdout.write(`${text}\nFault suite ran in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    rmSync(dir, { recursive: true, force: true });
    if (failures.length) {
      process.exitCode = 1;
      throw new Error(`the fault table shows faults:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
    }
  };
}
