/**
 * The confidence section of docs/benchmarks.md: written by `npm run bench:confidence -- --write`
 * between two markers, and carried over when `npm run bench:retrieval` rewrites the rest.
 */
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "../../src/config/settings.js";

export const BENCHMARKS_DOC = resolve(PROJECT_ROOT, "docs/benchmarks.md");
const SECTION_START = "<!-- confidence:start (written by npm run bench:confidence -- --write) -->";
const SECTION_END = "<!-- confidence:end -->";

async function readDoc(): Promise<string> {
  try {
    return await readFile(BENCHMARKS_DOC, "utf8");
  } catch {
    return ""; // no report yet
  }
}

/** The section as it stands in the report, markers included, or "" when there is none. */
export async function currentConfidenceSection(): Promise<string> {
  const doc = await readDoc();
  const at = doc.indexOf(SECTION_START);
  const end = doc.indexOf(SECTION_END);
  return at >= 0 && end > at ? doc.slice(at, end + SECTION_END.length) : "";
}

/** Replaces the section in the report, or appends it. */
export async function writeConfidenceSection(section: string): Promise<void> {
  const doc = await readDoc();
  const block = `${SECTION_START}\n${section.trim()}\n${SECTION_END}`;
  const current = await currentConfidenceSection();
  await writeFile(BENCHMARKS_DOC, current ? doc.replace(current, () => block) : `${doc.trimEnd()}\n\n${block}\n`);
}
