/**
 * Zip archives read within the limits (zip.ts, shared by the Word and EPUB readers): zip bombs
 * made here in milliseconds (a deflate stream of a gigabyte of zeros is ~1 MB: one flushed
 * megabyte repeated), with honest and with lying sizes; encrypted, truncated and damaged zips.
 */

import { constants, crc32, createInflateRaw, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readDocx } from "../../../src/corpus/readers/docx.js";
import { readEpub } from "../../../src/corpus/readers/epub.js";
import type { ReadLimits } from "../../../src/corpus/readers/reader.js";
import { ZipArchive } from "../../../src/corpus/readers/zip.js";

const LIMITS: ReadLimits = { maxBytes: 50 * 1024 * 1024, maxInflatedBytes: 200 * 1024 * 1024, maxPages: 1000 };

interface RawEntry {
  name: string;
  /** The entry's bytes as stored (already deflated for method 8). */
  data: Uint8Array;
  method?: number;
  /** The uncompressed size the directory declares. */
  size: number;
  crc?: number;
  flags?: number;
}

/** A zip of `entries` with exactly the sizes, flags and checksums given. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags ?? 0x800, 6);
    local.writeUInt16LE(entry.method ?? 8, 8);
    local.writeUInt32LE(entry.crc ?? 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0x800, 8);
    central.writeUInt16LE(entry.method ?? 8, 10);
    central.writeUInt32LE(entry.crc ?? 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    directory.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const size = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

/** An honest deflated entry of `text`. */
function textEntry(name: string, text: string): RawEntry {
  const bytes = Buffer.from(text);
  return { name, data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/**
 * A raw deflate stream of `megabytes` MB of zeros: one megabyte deflated and flushed to a byte
 * boundary (a non-final block), repeated, then an empty final block. About 1 KB per MB.
 */
function deflatedZeros(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), Buffer.from([0x03, 0x00])]);
}

/** The parts of a Word document that make mammoth read it: content types, relationships, the document. */
function docxEntries(body: string): RawEntry[] {
  return [
    textEntry(
      "[Content_Types].xml",
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    textEntry(
      "_rels/.rels",
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    ),
    textEntry(
      "word/document.xml",
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        `<w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  ];
}

const GIGABYTE_AND_MORE = 1100; // megabytes of zeros in a bomb
const MB = 1024 * 1024;

/** A DOCX-shaped zip whose document is `megabytes` MB of deflated zeros declared as `declared` bytes. */
function docxBomb(declared: number): Buffer {
  const [types, rels, document] = docxEntries("x");
  return rawZip([types!, rels!, { ...document!, data: deflatedZeros(GIGABYTE_AND_MORE), size: declared, crc: 0 }]);
}

/** How long `read` takes to fail, its error, and how much the process grew meanwhile. */
async function refusal(read: () => Promise<unknown>) {
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const error = await read().then(
    () => undefined,
    (e: unknown) => e as { kind?: string; message?: string },
  );
  return { error, ms: performance.now() - started, grewMB: (process.memoryUsage().rss - rss) / MB };
}

describe("zip bombs", () => {
  it("the test's bomb is small and does inflate past a gigabyte", async () => {
    const zeros = deflatedZeros(GIGABYTE_AND_MORE);
    expect(zeros.length).toBeLessThan(2 * MB);
    expect(await inflatedSize(zeros)).toBe(GIGABYTE_AND_MORE * MB);
  });

  it("refuses a DOCX whose entries declare more than the limit, before inflating anything", async () => {
    const { error, ms, grewMB } = await refusal(() => readDocx(docxBomb(GIGABYTE_AND_MORE * MB), LIMITS));
    expect(error).toMatchObject({ kind: "too-big" });
    expect(ms).toBeLessThan(1000);
    expect(grewMB).toBeLessThan(100);
  });

  it("refuses a DOCX bomb that lies about its size as soon as it inflates past what it declares", async () => {
    const { error, ms, grewMB } = await refusal(() => readDocx(docxBomb(1000), LIMITS));
    expect(error).toMatchObject({ kind: "too-big" });
    expect(error?.message).toContain("zip bomb");
    expect(ms).toBeLessThan(2000);
    expect(grewMB).toBeLessThan(100);
  });

  it("stops a lying entry declared just under the limit at its declared size, within the limit", async () => {
    const { error, ms } = await refusal(() => readDocx(docxBomb(100 * MB), LIMITS));
    expect(error).toMatchObject({ kind: "too-big" });
    expect(ms).toBeLessThan(2000);
  });

  it("counts every entry against the limit, not each alone", () => {
    const half = { name: "a", data: new Uint8Array(0), size: 120 * MB };
    expect(() => new ZipArchive(rawZip([half, { ...half, name: "b" }]), LIMITS)).toThrow(expect.objectContaining({ kind: "too-big" }));
    expect(() => new ZipArchive(rawZip([half]), LIMITS)).not.toThrow();
  });

  it("refuses an EPUB bomb the same way", async () => {
    const container = textEntry("META-INF/container.xml", '<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>');
    const bomb = rawZip([container, { name: "content.opf", data: deflatedZeros(GIGABYTE_AND_MORE), size: 1000 }]);
    const { error, ms } = await refusal(() => readEpub(bomb, LIMITS));
    expect(error).toMatchObject({ kind: "too-big" });
    expect(ms).toBeLessThan(2000);
  });
});

describe("zips that cannot be read", () => {
  const honest = () => rawZip(docxEntries("نص"));

  it("reads an honest zip's entries", () => {
    const zip = new ZipArchive(honest(), LIMITS);
    expect(zip.names()).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    expect(zip.text("word/document.xml")).toContain("<w:t>نص</w:t>");
    expect(zip.read("missing")).toBeUndefined();
  });

  it("refuses a truncated zip as corrupt, wherever it is cut", async () => {
    const bytes = honest();
    for (const cut of [0.3, 0.6, 0.95]) {
      await expect(readDocx(bytes.subarray(0, Math.floor(bytes.length * cut)), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
    }
    await expect(readDocx(new Uint8Array(0), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
  });

  it("refuses an entry that does not match its checksum, or points outside the file, as corrupt", () => {
    const entries = docxEntries("نص");
    const zip = new ZipArchive(rawZip([...entries.slice(0, 2), { ...entries[2]!, crc: 1234 }]), LIMITS);
    expect(() => zip.read("word/document.xml")).toThrow(expect.objectContaining({ kind: "corrupt" }));
    const pointing = rawZip(entries);
    pointing.writeUInt32LE(0x7fffffff, pointing.length - 6); // the directory's offset
    expect(() => new ZipArchive(pointing, LIMITS)).toThrow(expect.objectContaining({ kind: "corrupt" }));
  });

  it("refuses an encrypted zip as encrypted", async () => {
    const entries = docxEntries("نص").map((entry) => ({ ...entry, flags: 0x801 }));
    await expect(readDocx(rawZip(entries), LIMITS)).rejects.toMatchObject({ kind: "encrypted" });
  });

  it("refuses a compression method it does not read as unsupported", () => {
    const entries = docxEntries("نص");
    const zip = new ZipArchive(rawZip([{ ...entries[2]!, method: 12 }]), LIMITS);
    expect(() => zip.read("word/document.xml")).toThrow(expect.objectContaining({ kind: "unsupported" }));
  });
});

/** The inflated size of a raw deflate stream, counted chunk by chunk without keeping the output. */
async function inflatedSize(data: Buffer): Promise<number> {
  let size = 0;
  const inflater = createInflateRaw({ chunkSize: 1024 * 1024 });
  inflater.on("data", (chunk: Buffer) => {
    size += chunk.length;
  });
  await new Promise((resolve, reject) => inflater.on("end", resolve).on("error", reject).end(data));
  return size;
}
