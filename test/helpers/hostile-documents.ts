/**
 * Hostile documents made at test time (issue 25, scope 8), small on disk and quick to write: a
 * DOCX zip bomb (honest or lying about its size), a PDF of many pages, deeply nested HTML and a
 * sparse 1 GiB file. Committed fixtures would be either large or as quick to make as these.
 */
import { open, writeFile } from "node:fs/promises";
import { constants, crc32, deflateRawSync } from "node:zlib";

const GiB = 1024 ** 3;

export interface ZipBombOptions {
  /** How many bytes word/document.xml inflates to: past 1 GiB unless told (at most 4 GiB - 1, no zip64). */
  inflatedBytes?: number;
  /** The uncompressed size the local header and the central directory claim for word/document.xml, instead of the true one. */
  claimedBytes?: number;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  "</Relationships>";
/** The bomb's document: one paragraph whose run holds a letter repeated past 1 GiB (a 2-byte period deflates about 1000:1). */
const DOCUMENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  "<w:body><w:p><w:r><w:t>";
const DOCUMENT_TAIL = "</w:t></w:r></w:p></w:body></w:document>";

interface ZipEntry {
  name: string;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** DOS time and date fields of 2023-11-14 00:00. */
const DOS_TIME = 0;
const DOS_DATE = ((2023 - 1980) << 9) | (11 << 5) | 14;

function localHeader(name: Buffer, crc: number, compressed: number, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
  header.writeUInt16LE(8, 8); // method: deflate
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(crc >>> 0, 14);
  header.writeUInt32LE(compressed, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function centralHeader(entry: ZipEntry): Buffer {
  const name = Buffer.from(entry.name);
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(0x0800, 8);
  header.writeUInt16LE(8, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc >>> 0, 16);
  header.writeUInt32LE(entry.compressed, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, name]);
}

/**
 * Writes a DOCX-shaped zip ([Content_Types].xml, _rels/.rels, word/document.xml) whose
 * document.xml inflates past 1 GiB (one paragraph of one letter) while the file stays about 1 MB; with
 * `claimedBytes`, its headers and central directory lie about that size. Takes well under a second:
 * one chunk is deflated once (full flush, so each copy stands alone) and its output repeated.
 */
export async function writeZipBomb(path: string, options: ZipBombOptions = {}): Promise<{ inflatedBytes: number; bytes: number }> {
  const target = options.inflatedBytes ?? GiB + 64 * 1024 ** 2;
  const chunk = Buffer.from("ب".repeat(512 * 1024));
  const head = Buffer.from(DOCUMENT_HEAD);
  const tail = Buffer.from(DOCUMENT_TAIL);
  const copies = Math.max(1, Math.ceil((target - head.length - tail.length) / chunk.length));
  const size = head.length + copies * chunk.length + tail.length;
  if (size >= 2 ** 32) throw new RangeError(`a zip bomb of ${size} bytes needs zip64, which this writer does not make`);
  const full = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const [headDeflated, chunkDeflated, tailDeflated] = [deflateRawSync(head, full), deflateRawSync(chunk, full), deflateRawSync(tail, { level: 9 })];
  let crc = crc32(head);
  for (let i = 0; i < copies; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  const compressed = headDeflated.length + copies * chunkDeflated.length + tailDeflated.length;

  const file = await open(path, "w");
  try {
    const entries: ZipEntry[] = [];
    let offset = 0;
    const write = async (buffer: Buffer) => {
      await file.write(buffer);
      offset += buffer.length;
    };
    for (const [name, text] of [
      ["[Content_Types].xml", CONTENT_TYPES],
      ["_rels/.rels", RELS],
    ] as const) {
      const data = Buffer.from(text);
      const deflated = deflateRawSync(data, { level: 9 });
      const entry = { name, crc: crc32(data), compressed: deflated.length, size: data.length, offset };
      entries.push(entry);
      await write(localHeader(Buffer.from(name), entry.crc, entry.compressed, entry.size));
      await write(deflated);
    }
    const document = { name: "word/document.xml", crc, compressed, size: options.claimedBytes ?? size, offset };
    entries.push(document);
    await write(localHeader(Buffer.from(document.name), crc, compressed, document.size));
    await write(headDeflated);
    // Many copies per write: 64 MiB of output is about 60 KB of deflated bytes.
    const batch = Buffer.concat(Array.from({ length: Math.min(copies, 64) }, () => chunkDeflated));
    for (let left = copies; left > 0; left -= 64) await write(left >= 64 ? batch : batch.subarray(0, left * chunkDeflated.length));
    await write(tailDeflated);
    const directoryOffset = offset;
    for (const entry of entries) await write(centralHeader(entry));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset - directoryOffset, 12);
    end.writeUInt32LE(directoryOffset, 16);
    await write(end);
    return { inflatedBytes: size, bytes: offset };
  } finally {
    await file.close();
  }
}

/** Writes the zip bomb of writeZipBomb whose headers and central directory claim document.xml is only `claimedBytes` (4 KiB). */
export function writeLyingZipBomb(path: string, claimedBytes = 4096): Promise<{ inflatedBytes: number; bytes: number }> {
  return writeZipBomb(path, { claimedBytes });
}

/** Writes a minimal valid PDF of `pages` pages (one shared font and content stream: a word at the top), with its xref table. */
export async function writeManyPagesPdf(path: string, pages = 10_000): Promise<void> {
  const parts: string[] = ["%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"];
  const offsets: number[] = [];
  let length = Buffer.byteLength(parts[0]!, "latin1");
  const object = (n: number, body: string) => {
    offsets[n] = length;
    const text = `${n} 0 obj\n${body}\nendobj\n`;
    parts.push(text);
    length += Buffer.byteLength(text, "latin1");
  };
  // 1 catalog, 2 page tree, 3 font, 4 content, then the pages from 5.
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(" ");
  const content = "BT /F1 12 Tf 72 770 Td (Page) Tj ET";
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, `<< /Type /Pages /Count ${pages} /Kids [${kids}] >>`);
  object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  object(4, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  for (let i = 0; i < pages; i++) {
    object(first + i, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>");
  }
  const count = first + pages;
  const xref = [`xref\n0 ${count}\n0000000000 65535 f \n`];
  for (let n = 1; n < count; n++) xref.push(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  parts.push(...xref, `trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  await writeFile(path, Buffer.from(parts.join(""), "latin1"));
}

/** Writes an HTML page whose text sits inside `depth` nested div elements. */
export async function writeNestedHtml(path: string, depth = 100_000): Promise<void> {
  const head = '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>متداخل</title></head><body>';
  await writeFile(path, `${head}${"<div>".repeat(depth)}نص في العمق${"</div>".repeat(depth)}</body></html>\n`);
}

/** Writes a sparse file of `bytes` (1 GiB unless told) that uses almost no disk: `head` (if any) at the start, zeros after. */
export async function writeHugeFile(path: string, bytes = GiB, head: string | Uint8Array = ""): Promise<void> {
  const file = await open(path, "w");
  try {
    if (head.length > 0) await file.write(typeof head === "string" ? Buffer.from(head) : head);
    await file.truncate(bytes);
  } finally {
    await file.close();
  }
}
