/**
 * Logging: one line per event, to standard error. "json" lines suit a server's log collector,
 * "text" lines a person at a terminal. The bot token is masked in every line, whatever logs it.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: "json" | "text";
  /** Strings that must never appear in a log line (the bot token). */
  secrets?: string[];
  write?: (line: string) => void;
}

export function createLogger({ level = "info", format = "text", secrets = [], write = (l) => process.stderr.write(`${l}\n`) }: LoggerOptions = {}): Logger {
  const hidden = secrets.filter((s) => s.length >= 8);
  const mask = (line: string) => hidden.reduce((text, secret) => text.split(secret).join("[secret]"), line);
  const log =
    (at: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (RANK[at] < RANK[level]) return;
      const line =
        format === "json"
          ? JSON.stringify({ time: new Date().toISOString(), level: at, message, ...fields }, (_k, v) =>
              v instanceof Error ? { name: v.name, message: v.message } : v,
            )
          : [
              at === "info" ? "" : `${at}: `,
              message,
              ...Object.entries(fields).map(([k, v]) => ` ${k}=${v instanceof Error ? v.message : JSON.stringify(v)}`),
            ].join("");
      write(mask(line));
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** A count and its noun, plural unless the count is 1 ("1 document", "18 passages"): for log lines, which are English. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A size as people read it: "1.5 MB", "40 KB" (messages about files and limits). */
export function sizeLabel(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round((bytes / 2 ** 20) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
