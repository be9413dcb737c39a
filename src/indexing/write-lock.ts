/**
 * The write lock of a corpus and its index: every change to either (a rebuild, a document added or
 * removed) holds it, so that instances sharing CORPUS_DIR and INDEX_DIR change them one after the
 * other and none serves a half-built index. It is a folder in the index folder (proper-lockfile:
 * mkdir is atomic on local and network file systems), kept fresh while held; one whose holder died
 * goes stale and is taken over.
 */
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { makeFolder, removeFolders } from "./atomic-write.js";

/** The lock's name inside the index folder (store.ts lets it be there). */
export const WRITE_LOCK = "write.lock";

/** How long a lock nobody refreshes stays held: its holder was killed. proper-lockfile refreshes it every half of this. */
const STALE_MS = 10_000;

/** Writers in this process wait here first: one process does not poll its own lock. */
const queues = new Map<string, Promise<unknown>>();

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
  const turn = (queues.get(indexDir) ?? Promise.resolve()).then(() => holding(indexDir, work, options));
  const settled = turn.catch(() => undefined);
  queues.set(indexDir, settled);
  void settled.then(() => {
    if (queues.get(indexDir) === settled) queues.delete(indexDir);
  });
  return turn;
}

/** Why a lock cannot be made in a folder nobody can write to either (read-only, full): the work then runs as it is, and its own write says why it fails. */
const UNWRITABLE = new Set(["EROFS", "EACCES", "EPERM", "ENOSPC", "EDQUOT"]);

async function holding<T>(indexDir: string, work: () => Promise<T>, options: WriteLockOptions): Promise<T> {
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
  const release = await lockIn(indexDir, waitMs, onWait);
  return async () => {
    await release();
    await removeFolders(made);
  };
}

async function lockIn(indexDir: string, waitMs: number, onWait: (() => void) | undefined): Promise<() => Promise<void>> {
  const lockfilePath = join(indexDir, WRITE_LOCK);
  // A lock found taken over (this process stalled past STALE_MS) is not worth crashing for: the
  // index writes are atomic, so the worst case is a rebuild that another one follows.
  const onCompromised = () => undefined;
  const attempt = () => lockfile.lock(indexDir, { lockfilePath, realpath: false, stale: STALE_MS, update: STALE_MS / 2, onCompromised });
  try {
    return await attempt();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    onWait?.();
    return waitForLock(attempt, waitMs);
  }
}

async function waitForLock(attempt: () => Promise<() => Promise<void>>, waitMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    try {
      return await attempt();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      if (Date.now() + delay > deadline) throw new WriteLockTimeout(`another instance has been changing the index for over ${Math.round(waitMs / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
