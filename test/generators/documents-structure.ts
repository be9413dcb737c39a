/**
 * The seed documents' structure as the index reads it (loadCorpus), for the document fixtures:
 * the title, the headings with their levels, the paragraphs in order and the reference list, and
 * the truth file a benchmark compares a reader's output with.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DocumentMeta, Reference } from "../../src/corpus/document.js";
import { loadCorpus } from "../../src/corpus/load.js";

/** A heading (level 2 for a top-level section, 3 below it, as h2/h3 in HTML) or a paragraph. */
export type Block = { kind: "heading"; level: number; text: string } | { kind: "paragraph"; text: string };

export interface SourceDocument {
  /** The short name the fixtures are named by: "wiki" or "news". */
  name: string;
  /** The seed file in corpus/. */
  file: string;
  meta: DocumentMeta;
  blocks: Block[];
  references: Reference[];
}

/** What a reader should recover from a fixture made from one seed: written beside it as NAME.source.json. */
export interface SourceTruth {
  title: string;
  /** Every heading once, in order (the title not among them). */
  headings: string[];
  /** The paragraph texts in order, each as the index reads it. */
  paragraphs: string[];
  references?: Reference[];
}

/** The two seeds, by the short name their fixtures carry. */
export const SEEDS = [
  { name: "wiki", file: "wiki-russia-hamas.txt" },
  { name: "news", file: "news-russia-hamas.txt" },
] as const;

/** Loads the seed files of `corpusDir` with the project's own loader (alone, in a temp folder, so other corpus files do not matter). */
export async function loadSources(corpusDir: string): Promise<SourceDocument[]> {
  const dir = await mkdtemp(join(tmpdir(), "seed-corpus-"));
  try {
    for (const { file } of SEEDS) await copyFile(join(corpusDir, file), join(dir, file));
    const { documents, problems } = await loadCorpus(dir);
    if (problems.length > 0) throw new Error(`the seed documents did not load: ${problems.map((p) => p.message).join("; ")}`);
    return SEEDS.map(({ name, file }) => {
      const document = documents.find((d) => d.source?.file === file);
      if (!document) throw new Error(`the seed ${file} did not load`);
      const blocks: Block[] = [];
      let path: string[] = [];
      for (const section of document.sections) {
        // A new heading wherever the path leaves the previous one: each heading once.
        let same = 0;
        while (same < section.headings.length && same < path.length && section.headings[same] === path[same]) same++;
        for (let depth = same; depth < section.headings.length; depth++) blocks.push({ kind: "heading", level: depth + 2, text: section.headings[depth]! });
        path = section.headings;
        for (const { start, end } of section.paragraphs) blocks.push({ kind: "paragraph", text: document.text.slice(start, end).replace(/\s*\n\s*/g, " ") });
      }
      return { name, file, meta: document.meta, blocks, references: document.references };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The truth file's content for `source`. */
export function truthOf(source: SourceDocument): SourceTruth {
  const headings = source.blocks.flatMap((b) => (b.kind === "heading" ? [b.text] : []));
  const paragraphs = source.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
  return { title: source.meta.title, headings, paragraphs, ...(source.references.length > 0 ? { references: source.references } : {}) };
}

/** `text` safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `text` as literal pandoc Markdown: every ASCII punctuation character backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * The seed as pandoc Markdown: headings one level below the title (# for a top-level section), a
 * paragraph each, and the references numbered `footnotes` turned into footnotes at their `[n]`
 * marker (the rest of the markers stay as text).
 */
export function markdownOf(source: SourceDocument, footnotes: readonly number[] = []): string {
  const lines: string[] = [];
  const notes: string[] = [];
  for (const block of source.blocks) {
    if (block.kind === "heading") {
      lines.push(`${"#".repeat(block.level - 1)} ${escapeMarkdown(block.text)}`);
      continue;
    }
    const parts = block.text.split(/(\[\d+\])/);
    lines.push(
      parts
        .map((part) => {
          const n = Number(/^\[(\d+)\]$/.exec(part)?.[1]);
          const reference = source.references.find((r) => r.n === n);
          if (!footnotes.includes(n) || !reference) return escapeMarkdown(part);
          notes.push(`[^${n}]: ${escapeMarkdown(referenceText(reference))}`);
          return `[^${n}]`;
        })
        .join(""),
    );
  }
  return `${[...lines, ...notes].join("\n\n")}\n`;
}

/** A reference entry as one line: «"title". details». */
export function referenceText(reference: Reference): string {
  return `"${reference.title}".${reference.details ? ` ${reference.details}` : ""}`;
}
