/** Command-line parsing with node:util parseArgs, and how a command reports usage errors and failures. */
import { type ParseArgsConfig, parseArgs } from "node:util";

export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `argv` strictly against `options`; anything else starting with "-" (before "--") is a UsageError. */
export function parseCommandLine<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS")) throw new UsageError(describeMistake(argv, options, error as Error));
    throw error;
  }
}

/**
 * The first thing wrong with `argv`, in one short line. Node's own messages are written for
 * programmers (and the one for an unknown option ends with an unbalanced quote), so the same
 * arguments are parsed again leniently and the offending option is named from its token.
 */
function describeMistake(argv: string[], options: Options, error: Error): string {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    // An argument with spaces is a question that starts with "-" ("-what is …"): parseArgs read it as options.
    if (!option) return /\s/.test(argv[token.index]!) ? `${argv[token.index]}: a question starting with "-" goes after --` : `unknown option ${token.rawName}`;
    if (option.type === "boolean" && token.value !== undefined) return `${token.rawName} takes no value`;
    if (option.type !== "string" || token.inlineValue) continue;
    // A value that looks like an option is refused unless joined with "=": the next option (-k --json) means
    // the value was forgotten; anything else (-k -1, --corpus -dir) only needs the "=".
    if (token.value === undefined || /^--?[A-Za-z]+$/.test(token.value)) return `${token.rawName} needs a value`;
    if (token.value.startsWith("-")) return `${token.rawName} ${token.value}: a value starting with "-" goes as ${token.rawName}=${token.value}`;
  }
  return error.message.split("\n")[0]!;
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
