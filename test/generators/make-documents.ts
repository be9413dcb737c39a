/**
 * Makes the document fixtures of test/fixtures/documents (issue 25): the two seed documents of
 * corpus/, read with the project's own loader, written as PDF, DOCX, EPUB and web pages by tools
 * the project did not write (Chromium, LibreOffice, pandoc, qpdf, poppler), each with the truth
 * file a benchmark compares a reader with, plus small broken and hostile files.
 *
 *   npm run fixtures:documents            the document fixtures
 *   npm run fixtures:documents -- --xquad the XQuAD Arabic articles, one PDF each, in test/fixtures/xquad-pdf
 *
 * The outputs are committed: a clone needs none of these tools. Without one the script stops
 * and names it.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../src/config/settings.js";
import { mediawikiPage, newsPage, printHtml } from "./documents-html.js";
import { escapeHtml, loadSources, markdownOf, type SourceDocument, truthOf } from "./documents-structure.js";

const run = promisify(execFile);

const OUT = resolve(PROJECT_ROOT, "test/fixtures/documents");
const XQUAD_OUT = resolve(PROJECT_ROOT, "test/fixtures/xquad-pdf");
const CORPUS = resolve(PROJECT_ROOT, "corpus");

/** Dates the tools write into their files: fixed, so a rebuild differs less (2023-11-14). */
const SOURCE_DATE_EPOCH = "1700000000";
const ENV = { ...process.env, SOURCE_DATE_EPOCH, TZ: "UTC", LC_ALL: "C.UTF-8" };

/** The tools, each with the Debian package that has it. */
const TOOLS = {
  chromium: "chromium",
  soffice: "libreoffice-writer-nogui",
  pandoc: "pandoc",
  qpdf: "qpdf",
  pdftoppm: "poppler-utils",
} as const;
type Tool = keyof typeof TOOLS;

/** The five fonts of issue 25, by the short name the file names carry. */
const FONTS: [string, string][] = [
  ["naskh", "Noto Naskh Arabic"],
  ["sans", "Noto Sans Arabic"],
  ["dejavu", "DejaVu Sans"],
  ["amiri", "Amiri"],
  ["kufi", "Noto Kufi Arabic"],
];

/** The wiki references made footnotes in the pandoc files: cited once each, first in the text, so Word's numbers 1–3 match. */
const FOOTNOTES = [1, 2, 3];

/** Every file made, with the command (as a reader would type it) that made it. */
const made: { file: string; what: string; command: string }[] = [];

async function requireTools(tools: readonly Tool[]): Promise<Record<Tool, string>> {
  const versions = {} as Record<Tool, string>;
  const missing: string[] = [];
  for (const tool of tools) {
    try {
      const { stdout, stderr } = await run(tool, tool === "pdftoppm" ? ["-v"] : ["--version"], { env: ENV, timeout: 60_000 });
      versions[tool] = `${stdout}${stderr}`
        .split("\n")
        .find((line) => line.trim() !== "" && !line.includes("ERROR:"))!
        .trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") missing.push(`${tool} (Debian package ${TOOLS[tool]})`);
      else throw new Error(`${tool} --version failed: ${(error as Error).message}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`needs ${missing.join(", ")}, not found on PATH. The fixtures are committed: only remaking them needs the tools.`);
  }
  return versions;
}

/** Chromium's flags: headless, no first-run work, nothing from the network, a profile of its own. */
function chromiumFlags(profile: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
    "--no-pdf-header-footer",
  ];
}

/** Prints the page `html` (written to `work`/`name`.html) to the PDF `out` with Chromium. */
async function chromiumPdf(html: string, out: string, work: string, name: string): Promise<void> {
  const page = join(work, `${name}.html`);
  await writeFile(page, html);
  const profile = await mkdtemp(join(work, "chromium-profile-"));
  await rm(out, { force: true });
  await run("chromium", [...chromiumFlags(profile), `--print-to-pdf=${out}`, `file://${page}`], { env: ENV, timeout: 120_000 });
  await rm(profile, { recursive: true, force: true });
  if ((await stat(out).catch(() => undefined))?.size === undefined) throw new Error(`chromium wrote no ${out}`);
}

async function pageCount(pdf: string): Promise<number> {
  const { stdout } = await run("qpdf", ["--show-npages", pdf], { env: ENV });
  return Number(stdout.trim());
}

/** LibreOffice's conversion of `input` to `format` (its --convert-to argument) into `dir`; returns the file it wrote. */
async function soffice(input: string, format: string, dir: string, work: string, inFilter?: string): Promise<string> {
  const profile = await mkdtemp(join(work, "soffice-profile-"));
  await run(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      ...(inFilter ? [`--infilter=${inFilter}`] : []),
      "--convert-to",
      format,
      "--outdir",
      dir,
      input,
    ],
    { env: ENV, timeout: 180_000 },
  );
  await rm(profile, { recursive: true, force: true });
  const stem = input.replace(/^.*\//, "").replace(/\.[^.]+$/, "");
  return join(dir, `${stem}.${format.split(":")[0]}`);
}

function rel(path: string): string {
  return path.startsWith(`${PROJECT_ROOT}/`) ? path.slice(PROJECT_ROOT.length + 1) : path;
}

async function makeChromium(sources: SourceDocument[], work: string): Promise<void> {
  for (const source of sources) {
    const fonts = source.name === "wiki" ? FONTS : FONTS.filter(([short]) => short === "naskh");
    for (const [short, font] of fonts) {
      const file = `${source.name}.chromium-${short}.pdf`;
      await chromiumPdf(printHtml(source, { font }), join(OUT, file), work, `${source.name}-${short}`);
      made.push({
        file,
        what: `Chromium print of the right-to-left HTML (A4, 12pt justified ${font}, h1/h2/h3, p)`,
        command: `chromium --headless … --no-pdf-header-footer --print-to-pdf=${file} ${source.name}-${short}.html`,
      });
    }
  }
  // A running header on every page and a page number at each foot, for header and footer removal.
  const wiki = sources.find((s) => s.name === "wiki")!;
  const font = "Noto Sans Arabic";
  const header = `${wiki.meta.title} — ويكيبيديا، الموسوعة الحرة`;
  const file = "wiki.chromium-sans-running.pdf";
  const out = join(OUT, file);
  await chromiumPdf(printHtml(wiki, { font, running: { header } }), out, work, "wiki-sans-running");
  const pages = await pageCount(out);
  await chromiumPdf(printHtml(wiki, { font, running: { header, pages } }), out, work, "wiki-sans-running");
  if ((await pageCount(out)) !== pages) throw new Error(`${file}: the page numbers changed the page count (${pages})`);
  made.push({
    file,
    what: `as wiki.chromium-sans.pdf, with a running header («${header}») repeated on each page (a table's thead) and a page number at each foot`,
    command: `chromium --headless … --no-pdf-header-footer --print-to-pdf=${file} wiki-sans-running.html (printed twice: the first print counts the pages)`,
  });
}

async function makeLibreOffice(sources: SourceDocument[], work: string): Promise<void> {
  for (const source of sources) {
    const html = join(work, `${source.name}.libreoffice.html`);
    await writeFile(html, printHtml(source, { font: "Noto Naskh Arabic" }));
    for (const format of ["pdf:writer_pdf_Export", "docx:MS Word 2007 XML"]) {
      const written = await soffice(html, format, work, work, "HTML (StarWriter)");
      const extension = format.split(":")[0]!;
      const file = `${source.name}.libreoffice.${extension}`;
      await copyFile(written, join(OUT, file));
      made.push({
        file,
        what: `LibreOffice Writer's ${extension.toUpperCase()} of the right-to-left HTML (Noto Naskh Arabic; h1/h2/h3 as Heading 1/2/3)`,
        command: `soffice --headless --infilter="HTML (StarWriter)" --convert-to "${format}" ${source.name}.libreoffice.html`,
      });
    }
  }
}

async function makePandoc(sources: SourceDocument[], work: string): Promise<void> {
  for (const source of sources) {
    const markdown = join(work, `${source.name}.md`);
    const footnotes = source.name === "wiki" ? FOOTNOTES : [];
    await writeFile(markdown, markdownOf(source, footnotes));
    const metadata = [
      `title=${source.meta.title}`,
      "lang=ar",
      "dir=rtl",
      ...(source.meta.author ? [`author=${source.meta.author}`] : []),
      `identifier=urn:x-arabic-corpus-qa-bot:${source.meta.id}`,
    ];
    const metadataArgs = metadata.flatMap((m) => ["--metadata", m]);
    const flags = metadata.map((m) => `--metadata '${m.replace(/'/g, "'\\''")}'`).join(" ");
    const notes = footnotes.length > 0 ? `; references ${footnotes.join(", ")} as footnotes at their [n] markers` : "";
    // The EPUB reads right to left: its spine says so, and a style sheet (pandoc 2.17 puts no dir on the pages).
    const css = join(work, "rtl.css");
    await writeFile(css, "body { direction: rtl; text-align: justify; }\n");
    for (const [format, extra, shown] of [
      ["docx", [], ""],
      ["epub3", ["--metadata", "page-progression-direction=rtl", "--css", css], " --metadata 'page-progression-direction=rtl' --css rtl.css"],
    ] as const) {
      const file = `${source.name}.pandoc.${format.replace("3", "")}`;
      await run("pandoc", ["-f", "markdown-smart", "-t", format, ...metadataArgs, ...extra, "-o", join(OUT, file), markdown], { env: ENV, timeout: 120_000 });
      made.push({
        file,
        what: `pandoc's ${format.replace("3", "").toUpperCase()} of the seed as Markdown (# for top-level sections${notes})`,
        command: `pandoc -f markdown-smart -t ${format} ${flags}${shown} -o ${file} ${source.name}.md`,
      });
    }
  }
}

async function makeWebPages(sources: SourceDocument[]): Promise<void> {
  const wiki = sources.find((s) => s.name === "wiki")!;
  const news = sources.find((s) => s.name === "news")!;
  await writeFile(join(OUT, "wiki.mediawiki.html"), mediawikiPage(wiki));
  made.push({
    file: "wiki.mediawiki.html",
    what:
      "the wiki seed shaped like a saved Arabic Wikipedia article (Vector 2022 markup: canonical link, header, menus, #toc, " +
      "[عدل] edit links, figure captions, sup.reference markers, ol.references, navbox, categories, footer)",
    command: "written by test/generators/documents-html.ts (mediawikiPage)",
  });
  await writeFile(join(OUT, "news.site.html"), newsPage(news));
  made.push({
    file: "news.site.html",
    what:
      "the news seed shaped like a news site's article page (top bar, header with menu and search, breaking-news ticker, breadcrumbs, " +
      "article with h1, byline and h2 subheadings, share bars, tags, related links, comments, sidebar, footer, cookie notice)",
    command: "written by test/generators/documents-html.ts (newsPage)",
  });
}

async function makeHostile(work: string): Promise<void> {
  const source = join(OUT, "wiki.chromium-dejavu.pdf");
  const bytes = await readFile(source);
  const cut = Math.floor(bytes.length * 0.6);
  await writeFile(join(OUT, "truncated.pdf"), bytes.subarray(0, cut));
  made.push({
    file: "truncated.pdf",
    what: "the first 60% of the bytes of wiki.chromium-dejavu.pdf (no xref, no trailer, streams cut short)",
    command: `head -c ${cut} wiki.chromium-dejavu.pdf > truncated.pdf`,
  });

  await rm(join(OUT, "encrypted.pdf"), { force: true });
  await run("qpdf", ["--encrypt", "user", "owner", "256", "--", join(OUT, "news.chromium-naskh.pdf"), join(OUT, "encrypted.pdf")], { env: ENV });
  made.push({
    file: "encrypted.pdf",
    what: "news.chromium-naskh.pdf encrypted with AES-256: user password «user», owner password «owner»",
    command: "qpdf --encrypt user owner 256 -- news.chromium-naskh.pdf encrypted.pdf",
  });

  // A scan: the first two pages as grey JPEG images, printed full-page with no text layer.
  const scan = join(work, "scan");
  await run("pdftoppm", ["-f", "1", "-l", "2", "-r", "100", "-gray", "-jpeg", "-jpegopt", "quality=55", join(OUT, "wiki.chromium-naskh.pdf"), scan], {
    env: ENV,
  });
  const images = (await readdir(work)).filter((f) => f.startsWith("scan") && f.endsWith(".jpg")).sort();
  const pages = images.map((f) => `<img src="${escapeHtml(f)}" alt="">`).join("\n");
  const html =
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: A4; margin: 0 } html, body { margin: 0 } ` +
    `img { display: block; width: 210mm; height: 297mm; break-after: page; }</style></head><body>\n${pages}\n</body></html>\n`;
  await chromiumPdf(html, join(OUT, "scanned.pdf"), work, "scanned");
  made.push({
    file: "scanned.pdf",
    what: "a scan: pages 1–2 of wiki.chromium-naskh.pdf as 100 dpi grey JPEG images, one per page, and no text layer",
    command:
      "pdftoppm -f 1 -l 2 -r 100 -gray -jpeg -jpegopt quality=55 wiki.chromium-naskh.pdf scan; " +
      "chromium … --print-to-pdf=scanned.pdf (a page of the <img>s)",
  });

  await copyFile(join(OUT, "news.libreoffice.docx"), join(OUT, "lying-extension.pdf"));
  made.push({
    file: "lying-extension.pdf",
    what: "news.libreoffice.docx under a .pdf name: a DOCX (zip) whose extension says PDF",
    command: "cp news.libreoffice.docx lying-extension.pdf",
  });

  await copyFile(join(OUT, "news.site.html"), join(OUT, "html-saved-as.txt"));
  made.push({
    file: "html-saved-as.txt",
    what: "news.site.html under a .txt name: a web page whose extension says plain text",
    command: "cp news.site.html html-saved-as.txt",
  });
}

async function writeReadme(sources: SourceDocument[], versions: Record<Tool, string>): Promise<void> {
  const sizes = new Map<string, number>();
  for (const name of await readdir(OUT)) sizes.set(name, (await stat(join(OUT, name))).size);
  const rows = made.map(
    ({ file, what, command }) => `| \`${file}\` | ${Math.ceil((sizes.get(file) ?? 0) / 1024)} KB | ${what} | \`${command.replace(/\|/g, "\\|")}\` |`,
  );
  const truths = sources.map((s) => {
    const truth = truthOf(s);
    return (
      `| \`${s.name}.source.json\` | \`corpus/${s.file}\` | ${truth.headings.length} | ${truth.paragraphs.length} | ` + `${truth.references?.length ?? 0} |`
    );
  });
  const text = `# Document fixtures (issue 25)

Made by \`npm run fixtures:documents\` (test/generators/make-documents.ts) from the two seed documents of
\`corpus/\`, read with the project's own \`loadCorpus\`, and written by tools the project did not write. Do not
edit them by hand: change the generator and run it again. A clone needs none of the tools; the files are
committed.

## Truth files

\`NAME.source.json\` is what a reader should recover from every fixture made from that seed:
\`{ title, headings, paragraphs, references? }\`, the headings in order (each once, the title not among them:
a top-level section's heading is h2 in HTML, # in Markdown; a subsection's h3, ##), the paragraphs in order
as the index reads them (with their \`[n]\` markers), and the wiki seed's reference list.

| File | Seed | Headings | Paragraphs | References |
|---|---|---|---|---|
${truths.join("\n")}

What the files hold beside the truth: the printed and converted files (PDF, DOCX, EPUB) hold the title, the
headings and the paragraphs and nothing else (no reference list: the \`[n]\` markers stay in the text), except
the running header and page numbers of \`wiki.chromium-sans-running.pdf\`; the pandoc files of the wiki seed
make references 1–3 footnotes (cited once each, in that order, so Word numbers them 1–3 as the markers did);
pandoc's DOCX has the title in the Title style (and the news seed's author in Author), its EPUB a title page and a
navigation document listing the headings, beside the chapters (one per top-level section).
The web pages add the chrome of their site, which a reader should drop; in \`wiki.mediawiki.html\` the seed's
two image captions are \`figure\` captions, its references are \`ol.references\`, and each entry links its
publisher's home page where the entry names one (the seed keeps no addresses: these links are not in the
truth file). The news page's site («أخبار اليوم», \`akhbar.example\`, a reserved domain) is invented: the seed
names no publisher.

## Files

| File | Size | What | Command |
|---|---|---|---|
${rows.join("\n")}

\`chromium --headless …\` stands for \`chromium --headless --no-sandbox --disable-gpu --no-first-run
--disable-background-networking --disable-component-update --disable-sync --user-data-dir=<fresh temp folder>\`.
LibreOffice ran with a fresh profile (\`-env:UserInstallation=file://<temp folder>\`). All ran with
\`SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH}\`; Chromium and qpdf still write the time and random ids, so a
rebuild is not byte-identical.

## Tools

- ${versions.chromium}
- ${versions.soffice}
- ${versions.pandoc}
- ${versions.qpdf}
- ${versions.pdftoppm}
- fonts: Debian's fonts-noto-core (Noto Naskh Arabic, Noto Sans Arabic, Noto Kufi Arabic), fonts-hosny-amiri (Amiri),
  fonts-dejavu-core (DejaVu Sans); Latin letters in the Noto Arabic fonts fall back to Liberation.

## License

The wiki seed's text is from Arabic Wikipedia, «${sources.find((s) => s.name === "wiki")!.meta.title}», CC BY-SA 4.0
(see its header in \`corpus/wiki-russia-hamas.txt\`): every file made from it is CC BY-SA 4.0 with that attribution.
The news seed («${sources.find((s) => s.name === "news")!.meta.title}», by ${sources.find((s) => s.name === "news")!.meta.author}) is
used as it is in \`corpus/\`; neither its header nor \`corpus/README.md\` states a license, and the files made from
it carry the same terms as the seed. The generator and the invented page chrome are the project's (MIT).
`;
  await writeFile(join(OUT, "README.md"), text);
}

async function makeDocuments(): Promise<void> {
  const versions = await requireTools(Object.keys(TOOLS) as Tool[]);
  const sources = await loadSources(CORPUS);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), "make-documents-"));
  try {
    for (const source of sources) await writeFile(join(OUT, `${source.name}.source.json`), `${JSON.stringify(truthOf(source), null, 2)}\n`);
    await makeChromium(sources, work);
    await makeLibreOffice(sources, work);
    await makePandoc(sources, work);
    await makeWebPages(sources);
    await makeHostile(work);
    await writeReadme(sources, versions);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  let total = 0;
  for (const name of await readdir(OUT)) total += (await stat(join(OUT, name))).size;
  console.log(`${rel(OUT)}: ${made.length} fixtures and ${sources.length} truth files, ${Math.round(total / 1024)} KB`);
}

interface SquadFile {
  data: { title?: string; paragraphs: { context: string }[] }[];
}

/** The XQuAD Arabic articles, one PDF each (title as h1, each paragraph a p), Noto Naskh Arabic. */
async function makeXquad(): Promise<void> {
  const versions = await requireTools(["chromium"]);
  const squad = JSON.parse(await readFile(resolve(PROJECT_ROOT, "test/datasets/xquad/xquad.ar.json"), "utf8")) as SquadFile;
  await rm(XQUAD_OUT, { recursive: true, force: true });
  await mkdir(XQUAD_OUT, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), "make-xquad-pdf-"));
  let total = 0;
  try {
    for (const [a, article] of squad.data.entries()) {
      // Named and titled as the benchmark's .md corpus names them (test/bench/xquad.ts): the dataset's titles are English.
      const id = `xquad-${String(a).padStart(2, "0")}`;
      const blocks = article.paragraphs.map((p) => ({ kind: "paragraph" as const, text: p.context.trim().replace(/\s*\n\s*/g, " ") }));
      const source: SourceDocument = { name: id, file: "", meta: { id, title: id }, blocks, references: [] };
      const out = join(XQUAD_OUT, `${id}.pdf`);
      await chromiumPdf(printHtml(source, { font: "Noto Naskh Arabic" }), out, work, id);
      total += (await stat(out)).size;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(
    join(XQUAD_OUT, "README.md"),
    `# XQuAD Arabic as PDFs (issue 25)

The ${squad.data.length} Arabic articles of XQuAD (\`test/datasets/xquad/xquad.ar.json\`), one PDF each
(${Math.round(total / 1024)} KB in all), for the retrieval benchmark's PDF corpus: \`xquad-NN.pdf\` holds article NN
as the benchmark's Markdown corpus does (test/bench/xquad.ts): the id \`xquad-NN\` as its h1 title (the dataset's
titles are English), then each paragraph as a \`p\`, with the whitespace inside a paragraph folded to one space.

Made by \`npm run fixtures:documents -- --xquad\` (test/generators/make-documents.ts): Chromium
\`--print-to-pdf --no-pdf-header-footer\` of a right-to-left page (\`<html lang="ar" dir="rtl">\`, A4, 20/22 mm
margins, 12pt justified Noto Naskh Arabic, Latin falling back to Liberation Serif), with the flags listed in
test/fixtures/documents/README.md. ${versions.chromium}.

License: XQuAD is CC BY-SA 4.0 (test/datasets/xquad/CC-BY-SA4.0.txt); these renderings are too.
`,
  );
  console.log(`${rel(XQUAD_OUT)}: ${squad.data.length} PDFs, ${Math.round(total / 1024)} KB`);
}

try {
  if (process.argv.includes("--xquad")) await makeXquad();
  else await makeDocuments();
} catch (error) {
  console.error(`make-documents: ${(error as Error).message}`);
  process.exit(1);
}
