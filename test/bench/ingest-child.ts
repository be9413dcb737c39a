/**
 * One fresh process of `npm run bench:ingest`'s speed figure: reads the file named on the command
 * line through loadDocumentFile, exactly as the index reads a corpus file (its reader in a worker
 * thread of this process), and prints one JSON line: the time, the pages and paragraphs read, and
 * the peak resident memory of the whole process (the worker's included).
 */
import { loadDocumentFile } from "../../src/corpus/load.js";

try {
  const started = performance.now();
  const { document } = await loadDocumentFile(process.argv[2]!);
  const ms = performance.now() - started;
  const paragraphs = document.sections.flatMap((s) => s.paragraphs);
  const pages = new Set(paragraphs.flatMap((p) => p.pages ?? [])).size;
  // maxRSS is in kilobytes.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, pagesWithText: pages, paragraphs: paragraphs.length, characters: document.text.length, maxRssMb }));
} catch (error) {
  console.log(JSON.stringify({ failed: (error as Error).message }));
}
