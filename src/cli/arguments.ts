/** A small command-line parser: flags with values, boolean switches, and the remaining words. */

export class UsageError extends Error {
  override name = "UsageError";
}

export interface ParsedArguments {
  values: Map<string, string>;
  switches: Set<string>;
  words: string[];
}

/**
 * Parses `argv`. `valueFlags` take the next argument as their value (e.g. -k 5, --index DIR);
 * `switchFlags` stand alone. Anything else starting with "-" is an error, except after "--".
 */
export function parseArguments(argv: string[], valueFlags: string[], switchFlags: string[]): ParsedArguments {
  const parsed: ParsedArguments = { values: new Map(), switches: new Set(), words: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      parsed.words.push(...argv.slice(i + 1));
      break;
    }
    if (valueFlags.includes(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      parsed.values.set(arg, value);
    } else if (switchFlags.includes(arg)) {
      parsed.switches.add(arg);
    } else if (arg.startsWith("-") && arg.length > 1 && !/^-\d/.test(arg)) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      parsed.words.push(arg);
    }
  }
  return parsed;
}

/** Runs a command's main function: usage errors and failures become one clear line and an exit code. */
export function runCommand(main: () => Promise<void>, usage: string): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  });
}
