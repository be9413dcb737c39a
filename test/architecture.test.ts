/**
 * The layers of src/ (docs/architecture.md): a folder imports only from folders below it, so that
 * the pipeline never reaches up to what shows its answers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/paths.js";

const SRC = join(ROOT, "src");

/** The layer of each folder, lowest first, as docs/architecture.md lists them between its layers markers. */
function layers(): Map<string, number> {
  const doc = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
  const line = /<!-- layers -->(.*)<!-- \/layers -->/.exec(doc)?.[1];
  if (!line) throw new Error("docs/architecture.md has no <!-- layers --> line");
  return new Map(line.split("·").flatMap((level, rank) => level.split(",").map((folder): [string, number] => [folder.trim(), rank])));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The top folder of src/ that `file` is in. */
const folderOf = (file: string) => relative(SRC, file).split("/")[0]!;

describe("the layers of src/", () => {
  it("name every folder of src/", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "types")
      .map((e) => e.name);
    expect([...layers().keys()].sort()).toEqual(folders.sort());
  });

  it("are kept by every import: none reaches a folder at its own level or above", () => {
    const rank = layers();
    const climbs: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+)"/g)) {
        const target = resolve(dirname(file), specifier!);
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from === to || to === "types") continue;
        if (!(rank.get(to)! < rank.get(from)!)) climbs.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
      }
    }
    expect(climbs).toEqual([]);
  });
});

describe("the source files", () => {
  it("have no line over 160 characters (Biome's line width, which it cannot hold for strings)", () => {
    const files = [...sourceFiles(SRC), ...sourceFiles(join(ROOT, "test")).filter((file) => !file.includes("/fixtures/") && !file.includes("/datasets/"))];
    const long = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => ([...line].length > 160 ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(long).toEqual([]);
  });
});
