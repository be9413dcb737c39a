/**
 * The fault table: each scenario records one row (to a file, since scenarios run in separate
 * workers), and the global teardown prints every row as one markdown table and fails the run when
 * any count but "cases tried" is not zero, a limit is passed, or a scenario recorded nothing.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { inject } from "vitest";

export interface FaultRow {
  scenario: string;
  cases: number;
  crashes: number;
  rejectedReplies: number;
  lostQuestions: number;
  wrongExpired: number;
  /** Limits passed (the load's CPU over 30% of a core, its p99 over 5× the single-question p99…): each fails the run like a non-zero count. */
  breaches?: string[];
  /** Figures worth reading (timings, memory), not judged. */
  notes?: string;
  /** Each fault found, one line each, printed under the table. */
  findings?: string[];
}

declare module "vitest" {
  export interface ProvidedContext {
    faultResultsFile: string;
  }
}

/** Adds a scenario's row to the table. */
export function recordRow(row: FaultRow): void {
  appendFileSync(inject("faultResultsFile"), `${JSON.stringify(row)}\n`);
}

/** The scenarios the table must have a row for, in the order printed. */
export const SCENARIOS = [
  "1. fuzzed questions and callbacks",
  "2. two instances, one INDEX_DIR",
  "3. Bot API down and back",
  "4. kill -9 during indexing",
  "5. corrupt and missing index",
  "6. malformed webhook bodies",
  "7. 20 q/s for 30 s via webhook",
  "8. adding documents: kill -9, concurrency, Telegram down",
];

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The table, the findings under it, and the reasons the run fails (none when it passes). */
export function renderTable(file: string): { text: string; failures: string[] } {
  const rows = existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as FaultRow)
    : [];
  const failures: string[] = [];
  const lines = [
    '| scenario | cases tried | crashes | replies Telegram would reject | questions lost | wrong "expired" | notes |',
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  const findings: string[] = [];
  for (const scenario of SCENARIOS) {
    const row = rows.find((r) => r.scenario === scenario);
    if (!row) {
      lines.push(`| ${scenario} | – | – | – | – | – | did not finish |`);
      failures.push(`${scenario}: recorded no result`);
      continue;
    }
    const counts = [row.crashes, row.rejectedReplies, row.lostQuestions, row.wrongExpired];
    const notes = [...(row.breaches ?? []).map((b) => `**${b}**`), row.notes ?? ""].filter(Boolean).join("; ");
    lines.push(`| ${scenario} | ${row.cases} | ${counts.join(" | ")} | ${cell(notes)} |`);
    if (counts.some((c) => c !== 0))
      failures.push(`${scenario}: crashes ${row.crashes}, rejected ${row.rejectedReplies}, lost ${row.lostQuestions}, wrong expired ${row.wrongExpired}`);
    for (const breach of row.breaches ?? []) failures.push(`${scenario}: ${breach}`);
    for (const finding of row.findings ?? []) findings.push(`- [${scenario.split(".")[0]}] ${finding}`);
  }
  const text = ["", "## Fault table", "", ...lines, "", ...(findings.length ? ["### Findings (first of each kind)", "", ...findings, ""] : [])].join("\n");
  return { text, failures };
}
