/** The worker thread that runs one document reader at a time (read-document.ts), so a file that hangs or bloats can be stopped. */
import { parentPort } from "node:worker_threads";
import { type DocumentFormat, formatRow } from "./formats.js";
import { DocumentReadError, type ReadLimits } from "./reader.js";

export interface ReadRequest {
  id: number;
  format: DocumentFormat;
  bytes: Uint8Array;
  limits: ReadLimits;
}

parentPort!.on("message", async ({ id, format, bytes, limits }: ReadRequest) => {
  try {
    const read = await formatRow(format).load();
    parentPort!.postMessage({ id, document: await read(bytes, limits) });
  } catch (error) {
    // A reader's own refusal keeps its kind; anything else it threw means the file is not what it seemed.
    const kind = error instanceof DocumentReadError ? error.kind : "corrupt";
    const message = error instanceof DocumentReadError ? error.message : `could not be read (${(error as Error)?.message ?? String(error)})`;
    parentPort!.postMessage({ id, error: { kind, message: message.split("\n")[0]!.slice(0, 300) } });
  }
});
