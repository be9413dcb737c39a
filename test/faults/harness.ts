/**
 * What every scenario counts, and how: a logger that keeps the bot's log lines (errors are
 * crashes: an update that failed, a webhook request that failed), a listener for unhandled
 * rejections, and a check of every call the bot made to the Bot API emulator against Telegram's
 * rules (see telegram-rules.ts).
 */
import { createLogger, type Logger } from "../../src/log/logger.js";
import type { BotApiEmulator } from "../helpers/telegram-emulator.js";
import { callProblems, REPLY_METHODS } from "./telegram-rules.js";

/** Log lines, unhandled rejections and the first example of each kind of fault, for one scenario. */
export class FaultWatch {
  readonly lines: Record<string, unknown>[] = [];
  readonly unhandled: unknown[] = [];
  /** The first few findings of each kind, for the report. */
  readonly findings: string[] = [];
  private readonly kinds = new Map<string, number>();
  readonly log: Logger;
  private readonly onRejection = (reason: unknown) => {
    this.unhandled.push(reason);
    this.note("unhandled", `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  };

  constructor() {
    this.log = createLogger({ level: "info", format: "json", write: (line) => this.lines.push(JSON.parse(line) as Record<string, unknown>) });
    process.on("unhandledRejection", this.onRejection);
  }

  /** Keeps a finding, at most `perKind` of each kind so the report stays short. */
  note(kind: string, finding: string, perKind = 2): void {
    const seen = this.kinds.get(kind) ?? 0;
    this.kinds.set(kind, seen + 1);
    if (seen < perKind) this.findings.push(finding.length > 400 ? `${finding.slice(0, 400)}…` : finding);
  }

  /** Error lines logged so far (each a failed update or request), from `from` on. */
  errors(from = 0): Record<string, unknown>[] {
    return this.lines.slice(from).filter((l) => l.level === "error");
  }

  /** Crashes: error log lines plus unhandled rejections. */
  crashes(): number {
    for (const line of this.errors()) this.note(`error:${String(line.message)}`, `logged error "${String(line.message)}": ${JSON.stringify(line.error ?? line).slice(0, 300)}`);
    return this.errors().length + this.unhandled.length;
  }

  /**
   * The replies to the bot with `tokens` that Telegram would refuse, each noted with `describe`
   * (which says what input it answered, when known).
   */
  rejectedReplies(emulator: BotApiEmulator, tokens: string[], describe: (body: Record<string, unknown>) => string = () => ""): number {
    let rejected = 0;
    for (const call of emulator.calls) {
      if (!tokens.includes(call.token) || !REPLY_METHODS.has(call.method)) continue;
      const problems = callProblems(call.method, call.body);
      if (!problems.length) continue;
      rejected++;
      const kind = problems[0]!.replace(/\d+/g, "N");
      this.note(`reject:${kind}`, `${problems.join("; ")}${describe(call.body) ? ` — in answer to ${describe(call.body)}` : ""}`);
    }
    return rejected;
  }

  dispose(): void {
    process.off("unhandledRejection", this.onRejection);
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `probe` holds or `timeoutMs` passes; true when it held. */
export async function until(probe: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (probe()) return true;
    await sleep(stepMs);
  }
  return probe();
}

/** A short printable form of a test input: kind, length, first characters with escapes. */
export function describeInput(kind: string, text: string): string {
  const head = JSON.stringify(text.slice(0, 60)).replace(/[\u0080-\uffff]/g, (c) => (c.length === 1 && /[\u0600-\u06ff]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  return `${kind} (${text.length} units) ${head}${text.length > 60 ? "…" : ""}`;
}
