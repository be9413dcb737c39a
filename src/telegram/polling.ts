/**
 * Long polling through grammY's runner: updates of different chats processed concurrently, each
 * chat in order, with every poll watched for a lost connection.
 */
import { run } from "@grammyjs/runner";
import { type Bot, GrammyError, type Transformer } from "grammy";
import type { Logger } from "../log/logger.js";
import { ALLOWED_UPDATES, type GrammySignal, initialize, type RunningBot } from "./run.js";

/** Long-poll duration asked of Telegram, in seconds. */
const POLL_TIMEOUT_S = 10;
/** A poll that has not returned this long after its long-poll duration is taken as a lost connection. */
const POLL_GRACE_MS = 5_000;
/** Pauses between polls while Telegram cannot be reached: doubling from the first, never over the last. */
const RECONNECT_DELAY_MS = { first: 1_000, max: 30_000 };

/**
 * Watches getUpdates for the runner. The auto-retry plugin retries a failed poll with pauses that
 * double up to an hour and says nothing; the runner's own retry prints errors to the console,
 * underlying network error included. Here each poll gets a deadline; a poll that fails or misses
 * it is logged (once per outage), retried after a pause that doubles up to 30 s, and the recovery
 * is logged too. The runner only ever sees polls that worked, or its own stop.
 */
function watchPolling(log: Logger, token: string): Transformer {
  let failingSince: number | undefined;
  let delay = RECONNECT_DELAY_MS.first;
  return async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    const pollSeconds = Number((payload as { timeout?: number }).timeout ?? 0);
    for (;;) {
      const deadline = AbortSignal.timeout(pollSeconds * 1000 + POLL_GRACE_MS);
      try {
        const result = await prev(
          method,
          payload,
          (signal ? AbortSignal.any([signal as unknown as AbortSignal, deadline]) : deadline) as unknown as GrammySignal,
        );
        if (failingSince !== undefined) {
          log.info("connection to Telegram is back", { outageSeconds: Math.round((Date.now() - failingSince) / 1000) });
          failingSince = undefined;
          delay = RECONNECT_DELAY_MS.first;
        }
        return result;
      } catch (error) {
        if (signal?.aborted) throw error;
        // Telegram answered, and said no (a revoked token, another poller): the runner decides, as before.
        if (error instanceof GrammyError && error.error_code < 500 && error.error_code !== 429) throw error;
        const reason = (error instanceof Error ? error.message : String(error)).replaceAll(token, "<token>");
        if (failingSince === undefined) {
          failingSince = Date.now();
          log.warn("lost the connection to Telegram; retrying with backoff", { reason });
        } else log.debug("still no connection to Telegram", { reason, retryInMs: delay });
        // The pause ends early when the runner stops, so that stopping never waits out a backoff.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          (signal as unknown as AbortSignal | undefined)?.addEventListener(
            "abort",
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
        delay = Math.min(delay * 2, RECONNECT_DELAY_MS.max);
        if (signal?.aborted) throw error;
      }
    }
  };
}

export async function startPolling(bot: Bot, log: Logger): Promise<RunningBot> {
  await initialize(bot, log);
  await bot.api.deleteWebhook().catch((error: unknown) => log.warn("could not remove a webhook", { error }));
  bot.api.config.use(watchPolling(log, bot.token));
  const handle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: POLL_TIMEOUT_S }, silent: true } });
  log.info("polling for updates");
  return {
    async stop() {
      if (handle.isRunning()) await handle.stop();
    },
  };
}
