/**
 * `npm run extract -- FILE [--json]`: prints a document exactly as the index will read it, so an
 * operator can check a PDF, Word file, web page or e-book before adding it to the corpus.
 */

import { loadEngineSettings } from "../config/settings.js";
import type { CorpusDocument } from "../corpus/document.js";
import { loadDocumentFile } from "../corpus/load.js";
import { parseCommandLine, runCommand, UsageError } from "./arguments.js";

const USAGE = `usage: npm run extract -- FILE [--json]
  FILE    a document: .pdf, .docx, .html, .epub, .txt or .md (a FILE.meta beside it is read too)
  --json  one JSON object: meta, text, sections (headings, paragraphs with their pages), references, warnings`;

/** The document as JSON: its text as the index reads it, and each paragraph's own text and pages. */
function extractJson(document: CorpusDocument, warnings: string[]) {
  return {
    meta: document.meta,
    text: document.text,
    sections: document.sections.map((section) => ({
      headings: section.headings,
      paragraphs: section.paragraphs.map((p) => ({ text: document.text.slice(p.start, p.end), ...(p.pages ? { pages: p.pages } : {}) })),
    })),
    references: document.references,
    warnings,
  };
}

/** The document as plain text: its header fields, headings marked with #, page breaks as ── p. N ── lines, its references. */
function extractText(document: CorpusDocument): string {
  const { meta } = document;
  const lines = Object.entries(meta).map(([key, value]) => `${key}: ${value}`);
  let page: number | undefined;
  let above: string[] = [];
  for (const section of document.sections) {
    // Each heading once, where it starts, at its depth (## for the outermost: # is the title's).
    const same = section.headings.findIndex((heading, i) => heading !== above[i]);
    section.headings.forEach((heading, i) => {
      if (same >= 0 && i >= same) lines.push("", `${"#".repeat(Math.min(i + 2, 6))} ${heading}`);
    });
    above = section.headings;
    for (const paragraph of section.paragraphs) {
      const [first, last] = [paragraph.pages?.[0], paragraph.pages?.at(-1)];
      if (first !== undefined && first !== page) lines.push("", `── p. ${first} ──`);
      lines.push("", document.text.slice(paragraph.start, paragraph.end));
      // A paragraph that goes on over the page break: the break is shown after it.
      if (last !== undefined && last !== first) lines.push("", `── p. ${last} ──`);
      page = last ?? page;
    }
  }
  if (document.references.length) {
    lines.push("", "## References");
    for (const ref of document.references) lines.push(`[${ref.n}] ${[ref.title, ref.details, ref.url].filter(Boolean).join(" — ")}`);
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), { json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one file at a time (got ${positionals.length})` : "which file?");
  const { documents: limits } = loadEngineSettings();
  const { document, warnings } = await loadDocumentFile(positionals[0]!, limits);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(extractJson(document, warnings), null, 2)}\n`);
    return;
  }
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(extractText(document));
}

runCommand(main, USAGE);
