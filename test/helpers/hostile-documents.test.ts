import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInflateRaw } from "node:zlib";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHugeFile, writeLyingZipBomb, writeManyPagesPdf, writeNestedHtml, writeZipBomb } from "./hostile-documents.js";

const GiB = 1024 ** 3;
const has = (tool: string) => spawnSync(tool, ["--version"]).error === undefined;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hostile-documents-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The zip's entries as its central directory lists them, without inflating any. */
function listZip(bytes: Uint8Array): Map<string, { size: number; originalSize: number }> {
  const entries = new Map<string, { size: number; originalSize: number }>();
  unzipSync(bytes, {
    filter: ({ name, size, originalSize }) => {
      entries.set(name, { size, originalSize });
      return false;
    },
  });
  return entries;
}

/** How many bytes the zip entry `entryName` inflates to, found by its local header: streamed, stopping past `limit`. */
async function inflatedSize(path: string, entryName: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
  const bytes = await readFile(path);
  const nameBytes = Buffer.from(entryName);
  let offset = 0;
  while (bytes.readUInt32LE(offset) === 0x04034b50) {
    const compressed = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const data = offset + 30 + nameLength + bytes.readUInt16LE(offset + 28);
    if (bytes.subarray(offset + 30, offset + 30 + nameLength).equals(nameBytes)) {
      const inflate = createInflateRaw();
      let total = 0;
      const done = new Promise<number>((resolve, reject) => {
        inflate.on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            inflate.destroy();
            resolve(total);
          }
        });
        inflate.on("end", () => resolve(total));
        inflate.on("error", reject);
      });
      createReadStream(path, { start: data, end: data + compressed - 1 }).pipe(inflate);
      return done;
    }
    offset = data + compressed;
  }
  throw new Error(`${entryName} not in ${path}`);
}

describe("hostile documents", () => {
  it("writes a DOCX-shaped zip of about 1 MB that inflates past 1 GiB", async () => {
    const path = join(dir, "bomb.docx");
    const { inflatedBytes, bytes } = await writeZipBomb(path);
    expect((await stat(path)).size).toBe(bytes);
    expect(bytes).toBeGreaterThan(200_000);
    expect(bytes).toBeLessThan(2.5 * 1024 ** 2);
    expect(inflatedBytes).toBeGreaterThan(GiB);
    const entries = listZip(await readFile(path));
    expect([...entries.keys()]).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    expect(entries.get("word/document.xml")!.originalSize).toBe(inflatedBytes);
    if (has("unzip")) {
      const listing = spawnSync("unzip", ["-l", path], { encoding: "utf8" });
      expect(listing.status).toBe(0);
      expect(listing.stdout).toContain(`${inflatedBytes}  `);
    }
    expect(await inflatedSize(path, "word/document.xml")).toBe(inflatedBytes);
  }, 60_000);

  it("writes a zip bomb whose central directory lies about the inflated size", async () => {
    const path = join(dir, "lying-bomb.docx");
    const { inflatedBytes } = await writeLyingZipBomb(path, 4096);
    const entries = listZip(await readFile(path));
    expect(entries.get("word/document.xml")!.originalSize).toBe(4096);
    expect(inflatedBytes).toBeGreaterThan(GiB);
    expect(await inflatedSize(path, "word/document.xml", 64 * 1024 ** 2)).toBeGreaterThan(64 * 1024 ** 2);
  }, 60_000);

  it("writes a valid PDF of 10,000 pages", async () => {
    const path = join(dir, "pages.pdf");
    await writeManyPagesPdf(path);
    const { size } = await stat(path);
    expect(size).toBeLessThan(3 * 1024 ** 2);
    expect((await readFile(path)).subarray(0, 5).toString()).toBe("%PDF-");
    if (!has("qpdf")) return;
    expect(spawnSync("qpdf", ["--check", path], { encoding: "utf8" }).status).toBe(0);
    expect(spawnSync("qpdf", ["--show-npages", path], { encoding: "utf8" }).stdout.trim()).toBe("10000");
  }, 60_000);

  it("writes HTML nested 100,000 elements deep", async () => {
    const path = join(dir, "nested.html");
    await writeNestedHtml(path);
    const html = await readFile(path, "utf8");
    expect(html.match(/<div>/g)).toHaveLength(100_000);
    expect(html.match(/<\/div>/g)).toHaveLength(100_000);
    expect(html).toContain("نص في العمق");
  });

  it("writes a sparse 1 GiB file that uses almost no disk", async () => {
    const path = join(dir, "huge.pdf");
    await writeHugeFile(path, GiB, "%PDF-1.7\n");
    const { size, blocks } = await stat(path);
    expect(size).toBe(GiB);
    expect(blocks * 512).toBeLessThan(1024 ** 2);
    const head = Buffer.alloc(9);
    const file = await open(path);
    await file.read(head, 0, 9, 0);
    await file.close();
    expect(head.toString()).toBe("%PDF-1.7\n");
  });
});
