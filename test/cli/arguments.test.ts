import { describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "../../src/cli/arguments.js";

const OPTIONS = { k: { type: "string", short: "k" }, json: { type: "boolean" } } as const;

/** The UsageError message parseCommandLine gives for `argv`. */
function mistake(argv: string[]): string {
  try {
    parseCommandLine(argv, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

describe("parseCommandLine", () => {
  it("names an unknown option in one clean line", () => {
    expect(mistake(["--bogus"])).toBe("unknown option --bogus");
    expect(mistake(["--bogus=1", "question"])).toBe("unknown option --bogus");
    expect(mistake(["-x"])).toBe("unknown option -x");
    expect(mistake(["-jk", "3"])).toBe("unknown option -j");
    expect(mistake(["-what is hamas?"])).toBe('-what is hamas?: a question starting with "-" goes after --');
  });

  it("says which option lacks its value, or has one it does not take", () => {
    expect(mistake(["-k"])).toBe("-k needs a value");
    expect(mistake(["-k", "--json", "question"])).toBe("-k needs a value");
    expect(mistake(["--json=yes", "question"])).toBe("--json takes no value");
    // A value starting with a dash was given, but needs the "=".
    expect(mistake(["-k", "-1", "question"])).toBe('-k -1: a value starting with "-" goes as -k=-1');
    expect(mistake(["-k", "-my-dir", "question"])).toBe('-k -my-dir: a value starting with "-" goes as -k=-my-dir');
  });

  it("accepts what is right, a value starting with a dash given inline, and anything after --", () => {
    expect(parseCommandLine(["-k", "2", "--json", "a", "question"], OPTIONS)).toMatchObject({ values: { k: "2", json: true }, positionals: ["a", "question"] });
    expect(parseCommandLine(["--k=-1"], OPTIONS).values.k).toBe("-1");
    expect(parseCommandLine(["--", "--bogus"], OPTIONS).positionals).toEqual(["--bogus"]);
  });
});
