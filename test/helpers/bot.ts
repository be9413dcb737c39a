import { createLogger } from "../../src/log/logger.js";
import type { BotOptions } from "../../src/telegram/bot.js";

/**
 * The options the bot tests create a bot with, against the emulator at `apiRoot`: no admins, 60
 * questions a minute, pages of 3, no examples, only errors logged. `overrides` changes any of them.
 */
export function testBotOptions(token: string, apiRoot: string, overrides: Partial<BotOptions> = {}): BotOptions {
  return { token, apiRoot, adminIds: new Set(), rateLimitPerMinute: 60, pageSize: 3, examples: [], log: createLogger({ level: "error" }), ...overrides };
}
