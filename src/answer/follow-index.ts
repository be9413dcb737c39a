/**
 * Keeps an engine on the newest index in its folder: every few seconds it asks the engine to swap
 * in an index that another instance's /reindex or `npm run index` wrote there. With several
 * instances behind one webhook address, each is on the new index within one period.
 */
import type { Logger } from "../log/logger.js";
import type { AnswerEngine } from "./engine.js";

/** Starts checking every `seconds`; returns a function that stops it. The timer never keeps the process alive. */
export function followIndex(engine: AnswerEngine, seconds: number, log: Logger): () => void {
  let checking = false;
  const timer = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      if (await engine.refresh()) log.info("swapped in the index found on disk", { version: engine.status().version, passages: engine.status().passages });
    } catch (error) {
      log.warn("could not check the index folder for a newer index", { error });
    } finally {
      checking = false;
    }
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
