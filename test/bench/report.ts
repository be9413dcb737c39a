/** Pieces of the benchmark reports: the machine, Markdown tables, and SVG charts. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import type { ModelSource } from "../../src/embedding/embedder.js";

/** The machine and software a figure was measured on. */
export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`;
}

/** sha256 of the random-weight e5 copy in ../shared/models (its README gives it). */
export const RANDOM_MODEL_SHA256 = "eeefc0f2f3fba2837735c07cb2d5a4034483e9195f27656490e16b0cf1aff715";

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Whether the model's rankings mean anything: a folder holding the random-weight copy does not. */
export async function modelHasMeaning(source: ModelSource): Promise<boolean> {
  if (source.kind === "hub") return true;
  try {
    return (await sha256(join(source.dir, "onnx", "model_quantized.onnx"))) !== RANDOM_MODEL_SHA256;
  } catch {
    return false;
  }
}

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

const PALETTE = ["#1b6ca8", "#e07b39", "#3a9e5f", "#b5446e", "#7a5cbf", "#8c8c8c", "#c9a227"];

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A grouped bar chart: one group per category, one bar per series, values from 0 to `max`. */
export function barChartSvg(title: string, categories: string[], series: { name: string; values: number[] }[], max = 1): string {
  const width = 760;
  const height = 360;
  const left = 50;
  const top = 40;
  const plotHeight = 220;
  const groupWidth = (width - left - 20) / categories.length;
  const barWidth = Math.min(36, (groupWidth - 20) / series.length);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    const y = top + plotHeight - (plotHeight * tick) / 4;
    parts.push(
      `<line x1="${left}" x2="${width - 20}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${fixed(value, 2)}</text>`,
    );
  }
  categories.forEach((category, c) => {
    const x0 = left + c * groupWidth + (groupWidth - barWidth * series.length) / 2;
    series.forEach((s, i) => {
      const value = Math.max(0, Math.min(max, s.values[c] ?? 0));
      const h = (plotHeight * value) / max;
      const x = x0 + i * barWidth;
      parts.push(
        `<rect x="${x}" y="${top + plotHeight - h}" width="${barWidth - 2}" height="${h}" fill="${PALETTE[i % PALETTE.length]}">` +
          `<title>${escapeXml(`${s.name}: ${fixed(s.values[c] ?? NaN)}`)}</title></rect>`,
      );
    });
    parts.push(`<text x="${left + c * groupWidth + groupWidth / 2}" y="${top + plotHeight + 18}" text-anchor="middle">${escapeXml(category)}</text>`);
  });
  series.forEach((s, i) => {
    const y = top + plotHeight + 40 + Math.floor(i / 2) * 18;
    const x = left + (i % 2) * 340;
    parts.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`,
      `<text x="${x + 18}" y="${y}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

/** A line chart on log-log axes: x values shared by every series. */
export function logLogChartSvg(title: string, xLabel: string, yLabel: string, xs: number[], series: { name: string; values: number[] }[]): string {
  const width = 640;
  const height = 380;
  const left = 70;
  const top = 40;
  const plotWidth = 520;
  const plotHeight = 240;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const px = (x: number) => left + (plotWidth * Math.log10(x / xMin)) / Math.log10(xMax / xMin || 10);
  const py = (y: number) => top + plotHeight - (plotHeight * Math.log10(y / yMin)) / Math.log10(yMax / yMin || 10);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    `<text x="${left + plotWidth / 2}" y="${top + plotHeight + 38}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(16 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  ];
  for (let y = yMin; y <= yMax * 1.0001; y *= 10) {
    parts.push(
      `<line x1="${left}" x2="${left + plotWidth}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${py(y) + 4}" text-anchor="end">${y >= 1 ? y : y.toPrecision(1)}</text>`,
    );
  }
  for (const x of xs) parts.push(`<text x="${px(x)}" y="${top + plotHeight + 18}" text-anchor="middle">${x.toLocaleString("en")}</text>`);
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const points = xs.map((x, j) => `${px(x)},${py(Math.max(s.values[j]!, yMin))}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const [j, x] of xs.entries()) {
      parts.push(
        `<circle cx="${px(x)}" cy="${py(Math.max(s.values[j]!, yMin))}" r="3.5" fill="${color}">` +
          `<title>${escapeXml(`${s.name} at ${x}: ${s.values[j]}`)}</title></circle>`,
      );
    }
    parts.push(
      `<rect x="${left + 10}" y="${top + 8 + i * 18}" width="12" height="12" fill="${color}"/>`,
      `<text x="${left + 28}" y="${top + 18 + i * 18}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
