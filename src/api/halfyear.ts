// The half-yearly questionnaire as it leaves for the national centre: one table over the corps, its mentor cases and its
// relative-coach cases, each figure with the leaders' hiding (src/domain/halfyear.ts), as CSV or as a printable page.
import { figureRows } from "../domain/dashboard";
import { toCsv } from "../domain/csv";
import type { Figures } from "../domain/halfyear";
import { shortDateOf } from "../domain/time";

export interface HalfYearHead {
  corps: string;
  municipality: string;
  period: string;
  name: string;
  made: Date;
  note: string;
}

const KINDS = ["all", "mentor", "relativeCoach"] as const;

/** Rows of (area, figure) with a value and n per kind, in the dashboard's order. */
function table(f: Figures, label: (path: string) => string, hidden: string) {
  const byKind = KINDS.map((k) => figureRows(f[k], label, hidden));
  // The kinds' views have the same figures in the same order, but "active" lists only its own kind's part: joined by name.
  const names = [...new Map(byKind.flat().map((r) => [`${r.area}\u0000${r.figure}`, r])).values()];
  return names.map((r) => ({ area: r.area, figure: r.figure, cells: byKind.map((rows) => rows.find((x) => x.area === r.area && x.figure === r.figure)) }));
}

export function halfYearCsv(h: HalfYearHead, f: Figures, label: (path: string) => string, hidden: string): string {
  return toCsv([
    ["Halvårsskema til CDE", h.name],
    ["Korps", h.corps],
    ["Kommune", h.municipality],
    ["Lavet", shortDateOf(h.made, "da")],
    ["Koordinatorens bemærkning", h.note],
    [],
    [label("area"), label("figure"), ...KINDS.flatMap((k) => [label(`kind.${k}`), `${label(`kind.${k}`)}: ${label("n")}`])],
    ...table(f, label, hidden).map((r) => [r.area, r.figure, ...r.cells.flatMap((c) => [c?.value ?? "", c?.n ?? ""])]),
  ]);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

export function halfYearHtml(h: HalfYearHead, f: Figures, label: (path: string) => string, hidden: string): string {
  const rows = table(f, label, hidden);
  const areas = [...new Set(rows.map((r) => r.area))];
  const section = (area: string) =>
    `<h2>${esc(area)}</h2><table><thead><tr><th scope="col">Tal</th>${KINDS.map((k) => `<th scope="col">${esc(label(`kind.${k}`))}</th>`).join("")}</tr></thead><tbody>${rows
      .filter((r) => r.area === area)
      .map((r) => `<tr><th scope="row">${esc(r.figure)}</th>${r.cells.map((c) => `<td>${esc(c ? c.value : "")}${c?.n ? ` <span class="n">(n = ${esc(c.n)})</span>` : ""}</td>`).join("")}</tr>`)
      .join("")}</tbody></table>`;
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Halvårsskema til CDE · ${esc(h.name)} · ${esc(h.corps)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#eee}.n{color:#444;font-size:.85em}@media print{body{margin:0}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}</style></head>
<body><h1>Halvårsskema til CDE · ${esc(h.name)}</h1>
<p>Korps: ${esc(h.corps)}${h.municipality ? ` · ${esc(h.municipality)} Kommune` : ""} · lavet ${esc(shortDateOf(h.made, "da"))} af Løft ud fra korpsets registreringer.</p>
<p>Tal bygget på 1–4 forløb — og tal, som de kunne regnes ud af — står som «${esc(hidden)}», ligesom i ledelsens overblik.</p>
${h.note ? `<h2>Koordinatorens bemærkning</h2><p>${esc(h.note).replace(/\n/g, "<br>")}</p>` : ""}
${areas.map(section).join("\n")}
</body></html>`;
}
