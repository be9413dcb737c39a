import { spawnSync } from "node:child_process";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Runs `npm run extract` as a user would. */
function extract(args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, "src/cli/extract.ts"), ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run extract", () => {
  it("--json prints one object: meta, text, sections with paragraphs and pages, references, warnings", () => {
    const { status, stdout } = extract([join(DOCUMENTS_DIR, "wiki.chromium-naskh.pdf"), "--json"]);
    expect(status).toBe(0);
    const read = JSON.parse(stdout);
    expect(Object.keys(read)).toEqual(["meta", "text", "sections", "references", "warnings"]);
    expect(read.meta.id).toBe("wiki.chromium-naskh");
    const paragraphs = read.sections.flatMap((s: { paragraphs: { text: string; pages?: number[] }[] }) => s.paragraphs);
    // Every paragraph is a span of the text, on the pages of a document that has more than one.
    for (const p of paragraphs) expect(read.text).toContain(p.text);
    expect(paragraphs.every((p: { pages?: number[] }) => p.pages && p.pages.length >= 1)).toBe(true);
    expect(Math.max(...paragraphs.flatMap((p: { pages: number[] }) => p.pages))).toBeGreaterThan(1);
    expect(read.sections.some((s: { headings: string[] }) => s.headings.includes("التاريخ"))).toBe(true);
  });

  it("prints the text with its headings marked and its page breaks shown", () => {
    const { status, stdout } = extract([join(DOCUMENTS_DIR, "wiki.chromium-naskh.pdf")]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^## التاريخ$/m);
    expect(stdout).toMatch(/^── p\. 1 ──$/m);
    expect(stdout).toMatch(/^── p\. 2 ──$/m);
  });

  it("reads a sidecar beside the file", async () => {
    const dir = await scratchDir();
    await copyFile(join(DOCUMENTS_DIR, "wiki.mediawiki.html"), join(dir, "page.html"));
    await (await import("node:fs/promises")).writeFile(join(dir, "page.html.meta"), "title: عنوان من الملف الجانبي\n");
    const { status, stdout } = extract([join(dir, "page.html"), "--json"]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).meta).toMatchObject({ id: "page", title: "عنوان من الملف الجانبي" });
  });

  it("exits 1 with one line naming a file it cannot read and why", () => {
    for (const [file, reason] of [
      ["encrypted.pdf", /encrypted\.pdf: .*password/i],
      ["scanned.pdf", /scanned\.pdf: .*(no text|scanned)/i],
      ["truncated.pdf", /truncated\.pdf: .*(corrupt|damaged|truncated|malformed)/i],
    ] as const) {
      const { status, stdout, stderr } = extract([join(DOCUMENTS_DIR, file), "--json"]);
      expect(status, file).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n"), file).toHaveLength(1);
      expect(stderr, file).toMatch(reason);
    }
  });

  it("refuses a missing file and a wrong use", () => {
    expect(extract([join(DOCUMENTS_DIR, "nothing-here.pdf")])).toMatchObject({ status: 1, stderr: "error: nothing-here.pdf: no such file\n" });
    expect(extract([]).status).toBe(2);
    expect(extract(["a.pdf", "b.pdf"]).status).toBe(2);
  });
});
