/**
 * Zip archives (DOCX, EPUB) read within the limits: the central directory is read first and an
 * archive whose entries declare more than `maxInflatedBytes` is refused before anything is
 * inflated; an entry is inflated with its declared size as the most zlib may write, so an entry
 * that lies about its size (a zip bomb) stops one byte past it, and memory stays bounded by the
 * limit. Encrypted entries, and Office's password-protected files (which are not zips at all but
 * OLE compound files), are refused by name.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { DocumentReadError, type ReadLimits } from "./reader.js";

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream name an encrypted Office file (ECMA-376 agile or standard encryption) holds, in UTF-16LE. */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

const corrupt = (why: string) => new DocumentReadError("corrupt", `the ${why}: the file is damaged or truncated`);

/**
 * What an OLE compound file is, if `bytes` is one: a password-protected Office document (its
 * encrypted zip is a stream inside, beside an "EncryptionInfo" stream), or an old binary Office
 * file. The stream name is looked for in the first `scanBytes` bytes.
 */
export function oleKind(bytes: Uint8Array, scanBytes = bytes.byteLength): "office-encrypted" | "office-legacy" | undefined {
  if (!OLE_MAGIC.every((byte, i) => bytes[i] === byte)) return undefined;
  const scanned = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(scanBytes, bytes.byteLength));
  return scanned.includes(ENCRYPTION_INFO) ? "office-encrypted" : "office-legacy";
}

/** Refuses an OLE compound file (see oleKind): an old binary .doc is not read either. */
export function refuseOle(bytes: Uint8Array, format: string): void {
  const kind = oleKind(bytes);
  if (kind === "office-encrypted") {
    throw new DocumentReadError("encrypted", `the ${format} is password-protected: save a copy without a password`);
  }
  if (kind === "office-legacy") {
    throw new DocumentReadError("unsupported", `an old binary Office file (OLE), not a ${format}: save it in the current format`);
  }
}

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  /** Reads the central directory of `bytes`; throws a DocumentReadError for a file that cannot be read. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
  ) {
    try {
      this.readDirectory();
    } catch (error) {
      // A field pointing past the end of the file (DataView's RangeError) is damage like any other.
      if (error instanceof DocumentReadError) throw error;
      throw corrupt("zip directory points outside the file");
    }
  }

  private readDirectory(): void {
    const { bytes, limits } = this;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt("zip archive has no central directory");
    let count = view.getUint16(eocd + 10, true);
    let position = view.getUint32(eocd + 16, true);
    if (count === 0xffff || position === 0xffffffff) {
      // Zip64: the real values are in the zip64 end record, which the locator before the end record points to.
      const locator = eocd - 20;
      if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) throw corrupt("zip64 archive has no locator");
      const record = Number(view.getBigUint64(locator + 8, true));
      if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) throw corrupt("zip64 end record is missing");
      count = Number(view.getBigUint64(record + 32, true));
      position = Number(view.getBigUint64(record + 48, true));
    }
    let declared = 0;
    for (let i = 0; i < count; i++) {
      if (position + 46 > bytes.length || view.getUint32(position, true) !== 0x02014b50) throw corrupt("zip directory is cut short");
      const nameLength = view.getUint16(position + 28, true);
      const extraLength = view.getUint16(position + 30, true);
      const entry: Entry = {
        name: new TextDecoder().decode(bytes.subarray(position + 46, position + 46 + nameLength)),
        flags: view.getUint16(position + 8, true),
        method: view.getUint16(position + 10, true),
        crc: view.getUint32(position + 16, true),
        compressedSize: view.getUint32(position + 20, true),
        size: view.getUint32(position + 24, true),
        offset: view.getUint32(position + 42, true),
      };
      readZip64Extra(view, position + 46 + nameLength, extraLength, entry);
      position += 46 + nameLength + extraLength + view.getUint16(position + 32, true);
      if (entry.flags & 1 || entry.method === 99) throw new DocumentReadError("encrypted", "the archive is encrypted: save a copy without a password");
      declared += entry.size;
      if (declared > limits.maxInflatedBytes) {
        throw new DocumentReadError("too-big", `the archive inflates to more than ${limits.maxInflatedBytes} bytes (the limit)`);
      }
      this.entries.set(entry.name, entry);
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of entry `name` (undefined when absent), checked against its size and CRC. */
  read(name: string): Uint8Array | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (entry.offset + 30 > this.bytes.length || view.getUint32(entry.offset, true) !== 0x04034b50) throw corrupt(`zip entry ${name} is missing`);
    const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
    if (start + entry.compressedSize > this.bytes.length) throw corrupt(`zip entry ${name} is cut short`);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (this.inflated + entry.size > this.limits.maxInflatedBytes) {
      throw new DocumentReadError("too-big", `the archive inflates to more than ${this.limits.maxInflatedBytes} bytes (the limit)`);
    }
    let output: Uint8Array;
    if (entry.method === 0) output = data;
    else if (entry.method === 8) output = inflate(data, entry);
    else throw new DocumentReadError("unsupported", `zip entry ${name} uses compression method ${entry.method}, which is not read`);
    if (output.length !== entry.size || crc32(output) !== entry.crc) throw corrupt(`zip entry ${name} does not match its checksum`);
    this.inflated += output.length;
    return output;
  }

  /** Entry `name` as UTF-8 text (a byte-order mark dropped), or undefined when absent. */
  text(name: string): string | undefined {
    const bytes = this.read(name);
    return bytes && new TextDecoder().decode(bytes);
  }
}

/** Inflates one entry, writing at most one byte more than it declares: a lying entry stops there. */
function inflate(data: Uint8Array, entry: Entry): Uint8Array {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size + 1) });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new DocumentReadError("too-big", `zip entry ${entry.name} inflates past the ${entry.size} bytes it declares (a zip bomb)`);
    }
    throw corrupt(`zip entry ${entry.name} cannot be inflated`);
  }
}

/** Sizes and offset too large for 32 bits are in the entry's zip64 extra field, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: Entry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw corrupt("zip64 field is cut short");
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
      return;
    }
    at += 4 + size;
  }
}
