/**
 * Reading documents off the main thread: each file is read in a worker thread, so that a file
 * that takes too long is stopped (the worker is ended) and one that needs too much memory ends
 * only its worker. One worker serves file after file; a new one replaces it after a stop.
 */
import { Worker } from "node:worker_threads";
import type { DocumentLimits } from "../../config/defaults.js";
import type { DocumentFormat } from "./formats.js";
import type { ReadRequest } from "./read-worker.js";
import { DocumentReadError, type ReadDocument, type ReadFailure } from "./reader.js";

/** The heap a reader's worker may use: its file's text and structures, far under this for any file within the byte limit. */
const WORKER_HEAP_MB = 1024;

type Reply = { id: number; document: ReadDocument } | { id: number; error: { kind: ReadFailure; message: string } };

export class DocumentReaders {
  private worker: Worker | undefined;
  private nextId = 0;
  /** Reads wait for the one before: one file at a time per worker. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly limits: DocumentLimits) {}

  /** Reads `bytes` as `format`; throws DocumentReadError when it cannot be read within the limits. */
  read(bytes: Uint8Array, format: DocumentFormat): Promise<ReadDocument> {
    const turn = this.queue.then(() => this.readNow(bytes, format));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Ends the worker; a later read starts another. */
  async close(): Promise<void> {
    await this.queue;
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    const entry = new URL(import.meta.url.replace(/read-document\.(ts|js)$/, "read-worker.$1"));
    const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    // Run from TypeScript sources (tsx, vitest), the worker registers tsx's loader itself: a
    // worker does not inherit the loader hooks of the thread that starts it.
    const worker = entry.pathname.endsWith(".ts")
      ? new Worker(`const { register } = await import("tsx/esm/api"); register(); await import(${JSON.stringify(entry.href)});`, { ...options, eval: true })
      : new Worker(entry, options);
    // Not unref'd: a read in flight must keep the process alive; close() ends the worker.
    return worker;
  }

  private readNow(bytes: Uint8Array, format: DocumentFormat): Promise<ReadDocument> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    const { timeoutMs, ...limits } = this.limits;
    return new Promise<ReadDocument>((resolve, reject) => {
      const stop = (error: DocumentReadError) => {
        cleanup();
        // A worker stopped mid-read cannot be trusted with the next file.
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          stop(
            new DocumentReadError(
              "too-big",
              `took longer than ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} to read (DOCUMENT_READ_SECONDS)`,
            ),
          ),
        timeoutMs,
      );
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        cleanup();
        if ("error" in reply) reject(new DocumentReadError(reply.error.kind, reply.error.message));
        else resolve(reply.document);
      };
      const onError = (error: Error & { code?: string }) =>
        stop(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new DocumentReadError("too-big", `needed more than ${WORKER_HEAP_MB} MB of memory to read`)
            : new DocumentReadError("corrupt", `could not be read (${error.message.split("\n")[0]})`),
        );
      const onExit = () => stop(new DocumentReadError("corrupt", "could not be read: its reader stopped"));
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      };
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage({ id, format, bytes, limits } satisfies ReadRequest);
    });
  }
}
