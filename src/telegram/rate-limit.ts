/**
 * Per-sender rate limiting: at most `limit` updates per sender in each window of `windowMs`. The
 * first update over the limit gets a friendly notice; further ones in the same window are dropped
 * silently. Counts live in a store: this process's memory, or Redis (REDIS_URL) so that several
 * instances of the bot share one limit per sender.
 *
 * The sender is the user, except for messages sent on behalf of a chat: every group's anonymous
 * admins arrive as one user (GroupAnonymousBot) and every channel's posts in a discussion group as
 * another (Channel_Bot), so those are counted by the chat they speak for (sender_chat).
 */
import type { Context, MiddlewareFn } from "grammy";
import type { Redis } from "ioredis";

/** One user's count in the current window. */
export interface WindowCount {
  /** Updates counted in this window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

/** Where counts are kept. */
export interface RateLimitStore {
  /** Counts one update of `key` in its current window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
}

/** Whose count an update adds to: "chat:<id>" for a message on behalf of a chat, else the user's id; undefined when neither. */
export function senderKey(ctx: Context): string | undefined {
  const onBehalfOf = (ctx.message ?? ctx.editedMessage)?.sender_chat;
  if (onBehalfOf) return `chat:${onBehalfOf.id}`;
  return ctx.from ? String(ctx.from.id) : undefined;
}

/** Counts in this process (one instance of the bot). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private lastSweep = Date.now();

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    if (now - this.lastSweep > windowMs) {
      // Forget ended windows, so the map stays small.
      for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
      this.lastSweep = now;
    }
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetMs: window.endsAt - now };
  }
}

/** Counts in Redis, shared by every instance connected to it: INCR, with the window as the key's expiry. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "qa-bot:rate:",
  ) {}

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const name = this.prefix + key;
    // NX: the expiry is set by the first update of a window only, so the window does not slide.
    const results = await this.redis.multi().incr(name).pexpire(name, windowMs, "NX").pttl(name).exec();
    if (!results) throw new Error("the Redis rate-limit transaction was aborted");
    const [[incrError, count], , [ttlError, ttl]] = results as [[Error | null, number], unknown, [Error | null, number]];
    if (incrError || ttlError) throw incrError ?? ttlError;
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  store: RateLimitStore;
  /** Called once when a sender passes the limit, with the seconds until they may ask again. */
  onLimited: (ctx: Context, retryAfterSeconds: number) => Promise<unknown>;
  /** Called when the store cannot count (Redis down): the update is let through rather than lost. */
  onStoreError: (error: unknown) => void;
}

export function rateLimit({ limit, windowMs, store, onLimited, onStoreError }: RateLimitOptions): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const sender = senderKey(ctx);
    if (sender === undefined) return next();
    let counted: WindowCount;
    try {
      counted = await store.hit(sender, windowMs);
    } catch (error) {
      onStoreError(error);
      return next();
    }
    const { count, resetMs } = counted;
    if (count <= limit) return next();
    if (count === limit + 1) await onLimited(ctx, Math.max(1, Math.ceil(resetMs / 1000)));
  };
}
