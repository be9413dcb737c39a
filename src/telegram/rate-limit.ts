/**
 * Per-user rate limiting: at most `limit` updates per user in any `windowMs`. The first update
 * over the limit gets a friendly notice; further ones in the same window are dropped silently.
 */
import type { Context, MiddlewareFn } from "grammy";

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** Called once when a user passes the limit, with the seconds until they may ask again. */
  onLimited: (ctx: Context, retryAfterSeconds: number) => Promise<unknown>;
}

export function rateLimit({ limit, windowMs, onLimited }: RateLimitOptions): MiddlewareFn<Context> {
  const recent = new Map<number, { times: number[]; notified: boolean }>();
  let lastSweep = Date.now();
  return async (ctx, next) => {
    const user = ctx.from?.id;
    if (user === undefined) return next();
    const now = Date.now();
    if (now - lastSweep > windowMs) {
      // Forget users who have been quiet for a whole window, so the map stays small.
      for (const [id, entry] of recent) if (now - entry.times.at(-1)! > windowMs) recent.delete(id);
      lastSweep = now;
    }
    const entry = recent.get(user) ?? { times: [], notified: false };
    entry.times = entry.times.filter((t) => now - t < windowMs);
    recent.set(user, entry);
    if (entry.times.length >= limit) {
      if (!entry.notified) {
        entry.notified = true;
        await onLimited(ctx, Math.ceil((windowMs - (now - entry.times[0]!)) / 1000));
      }
      return;
    }
    entry.times.push(now);
    entry.notified = false;
    return next();
  };
}
