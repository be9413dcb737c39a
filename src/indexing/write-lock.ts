/**
 * The write lock of a corpus and its index: every change to either (a rebuild, a document added or
 * removed) holds it, so that instances sharing CORPUS_DIR and INDEX_DIR change them one after the
 * other and none serves a half-built index. It is a folder in the index folder (mkdir is atomic on
 * local and network file systems) whose time a heartbeat keeps fresh while it is held; one whose
 * holder died goes stale and is taken over.
 *
 * The heartbeat runs in a worker thread of its own: building an index keeps the main thread busy
 * for seconds or minutes at a time, and a lock refreshed by the main thread's timers (as
 * proper-lockfile's is) goes stale under a live holder, which another instance then takes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { makeFolder, removeFolders } from "./atomic-write.js";

/** The lock's name inside the index folder (store.ts lets it be there). */
export const WRITE_LOCK = "write.lock";

/** A lock whose time is older than this has no live holder: the heartbeat touches it every HEARTBEAT_MS. */
const STALE_MS = 15_000;
const HEARTBEAT_MS = 2_000;

/** Why a lock cannot be made in a folder nobody can write to either (read-only, full): the work then runs as it is, and its own write says why it fails. */
const UNWRITABLE = new Set(["EROFS", "EACCES", "EPERM", "ENOSPC", "EDQUOT"]);

/** Writers in this process wait here first: one process does not poll its own lock. */
const queues = new Map<string, Promise<unknown>>();
/** The index folders whose lock the work running now holds: work inside a change (its rebuild) does not wait for itself. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

export class WriteLockTimeout extends Error {
  override name = "WriteLockTimeout";
}

export interface WriteLockOptions {
  /** How long to wait for another process's change to finish, in ms. Defaults to 10 minutes (a large corpus's rebuild). */
  waitMs?: number;
  /** Called once when the lock is held by another process, before waiting for it. */
  onWait?: () => void;
}

/** Runs `work` holding the write lock of the index in `indexDir`, after the changes before it, here or in another process. */
export function withWriteLock<T>(indexDir: string, work: () => Promise<T>, options: WriteLockOptions = {}): Promise<T> {
  const holding = held.getStore();
  if (holding?.has(indexDir)) return work();
  const inside = () => held.run(new Set([...(holding ?? []), indexDir]), work);
  const turn = (queues.get(indexDir) ?? Promise.resolve()).then(() => whileHeld(indexDir, inside, options));
  const settled = turn.catch(() => undefined);
  queues.set(indexDir, settled);
  void settled.then(() => {
    if (queues.get(indexDir) === settled) queues.delete(indexDir);
  });
  return turn;
}

async function whileHeld<T>(indexDir: string, work: () => Promise<T>, options: WriteLockOptions): Promise<T> {
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquire(indexDir, options);
  } catch (error) {
    if (!UNWRITABLE.has((error as { code?: string }).code ?? "")) throw error;
  }
  try {
    return await work();
  } finally {
    await release?.().catch(() => undefined);
  }
}

async function acquire(indexDir: string, { waitMs = 600_000, onWait }: WriteLockOptions): Promise<() => Promise<void>> {
  // Folders made for the lock go with it when the work wrote nothing there (a build that failed leaves no folder behind).
  const made = await makeFolder(indexDir);
  const lock = join(indexDir, WRITE_LOCK);
  const deadline = Date.now() + waitMs;
  let said = false;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await takeOverStale(lock)) continue;
    if (!said) onWait?.();
    said = true;
    if (Date.now() + delay > deadline) throw new WriteLockTimeout(`another instance has been changing the index for over ${Math.round(waitMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  const heartbeat = startHeartbeat(lock);
  return async () => {
    await heartbeat.terminate();
    await rm(lock, { recursive: true, force: true });
    await removeFolders(made);
  };
}

/**
 * Moves a stale lock out of the way; true when it did. It is renamed first, so that of two
 * instances finding it stale one takes it over; the other's rename then fails, and it waits.
 */
async function takeOverStale(lock: string): Promise<boolean> {
  const info = await stat(lock).catch(() => undefined);
  if (!info) return true;
  if (Date.now() - info.mtimeMs <= STALE_MS) return false;
  const aside = `${lock}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(lock, aside);
  } catch {
    return false;
  }
  await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  return true;
}

/** A worker thread that touches `lock` every HEARTBEAT_MS, whatever the main thread is doing; it dies with the process. */
function startHeartbeat(lock: string): Worker {
  const code = `const { utimesSync } = require("node:fs"); const lock = require("node:worker_threads").workerData;
    setInterval(() => { try { const now = new Date(); utimesSync(lock, now, now); } catch {} }, ${HEARTBEAT_MS});`;
  const worker = new Worker(code, { eval: true, workerData: lock });
  worker.unref();
  return worker;
}
