/**
 * Progress of a long task: on a terminal, one line on stderr rewritten in place; otherwise a log
 * line every few seconds, so that a build of a large corpus in a container log is not silent.
 */
import { type Logger, silentLogger } from "./logger.js";

/** How often a log line is written when stderr is no terminal, and the line redrawn when it is. */
const LOG_EVERY_MS = 5_000;
const REDRAW_EVERY_MS = 250;

export interface ProgressOptions {
  log: Logger;
  /** What is being done: "indexing". */
  label: string;
  /** The total amount of work, in any unit (the count `done` is given in). */
  total: number;
  /** Whether to draw on a terminal; by default when stderr is one and the log is not silent. */
  terminal?: boolean;
  now?: () => number;
}

export class Progress {
  private readonly started: number;
  private last = 0;
  private drawn = false;
  private readonly terminal: boolean;

  constructor(private readonly options: ProgressOptions) {
    this.terminal = options.terminal ?? (!!process.stderr.isTTY && options.log !== silentLogger);
    this.started = this.now();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** `done` of the total is done; `counts` says what, in words ("120 documents, 3,400 passages"). */
  update(done: number, counts: string): void {
    const now = this.now();
    if (now - this.last < (this.terminal ? REDRAW_EVERY_MS : LOG_EVERY_MS)) return;
    this.last = now;
    const elapsed = now - this.started;
    const left = done > 0 ? Math.round(((this.options.total - done) * elapsed) / done / 1000) : undefined;
    const percent = Math.floor((100 * done) / Math.max(1, this.options.total));
    const line = `${this.options.label}: ${counts}, ${percent}%${left === undefined ? "" : `, about ${left} s left`}`;
    if (this.terminal) {
      process.stderr.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else if (elapsed >= LOG_EVERY_MS) this.options.log.info(line);
  }

  /** Ends the terminal line, if one was drawn. */
  finish(): void {
    if (this.drawn) process.stderr.write("\r\x1b[K");
    this.drawn = false;
  }
}
