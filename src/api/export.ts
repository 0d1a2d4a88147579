// The export for a citizen's access request (issue 22): everything Løft holds about one case, and a readable Danish
// rendering of it a coordinator can hand over. Names are the practitioners' (who wrote, who looked); the citizen is
// only the case code.
import { flowName, type AccessLine } from "../domain/access-log";
import type { Case, Corps, Entry, Member } from "../domain/model";
import { localTime, shortDateOf } from "../domain/time";

export interface CaseExport {
  exportedAt: string;
  corps: { name: string; municipalityCode?: string };
  case: Case;
  entries: Entry[];
  accessLog: Array<{ at: string; by: string; name: string; role: string; action: string; flow: string }>;
}

export function caseExport(c: Case, entries: readonly Entry[], log: readonly AccessLine[], members: readonly Member[], corps: Corps, now: Date): CaseExport {
  const name = (id: string) => members.find((m) => m.aadObjectId.toLowerCase() === id.toLowerCase())?.name ?? "";
  return {
    exportedAt: now.toISOString(),
    corps: { name: corps.name, ...(corps.municipalityCode ? { municipalityCode: corps.municipalityCode } : {}) },
    case: c,
    entries: [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    accessLog: log.map((l) => ({ at: l.at, by: l.by, name: name(l.by), role: l.role, action: l.action, flow: flowName(l.flow, "da") })),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const ENTRY_NAMES: Record<Entry["type"], string> = {
  preparation: "Forberedelse",
  reflection: "Refleksion efter samtale",
  statusCheckIn: "Månedlig status",
  assessment: "Måling (WHO-5 / mestringstro)",
  closing: "Afslutningssamtale",
  afterReflection: "Efterrefleksion",
  conversationForm: "Samtaleskema",
  concern: "Akut bekymring (kun tidspunktet)",
  notHeld: "Samtale ikke holdt",
  meetingRequest: "Ønske om møde",
  goalProposal: "Forslag til mål",
};
/** The entries' free-text fields: what the practitioner wrote. */
const TEXT_FIELDS = ["answers", "text", "note", "perspective", "goals", "learning", "colleagues"] as const;
const STATUSES: Record<Case["status"], string> = { referred: "henvist", clarifying: "afklaring", active: "aktivt", paused: "på pause", closing: "afsluttes", closed: "afsluttet" };
const STATES: Record<string, string> = { onTrack: "på rette spor", needsHelp: "brug for sparring", stalled: "ingen fremskridt", readyToClose: "klar til afslutning" };
const ACTIONS: Record<string, string> = { read: "så forløbet", create: "oprettede forløbet", update: "ændrede forløbet", aggregate: "talt med i korpsets tal", export: "eksporterede forløbet" };

/** The export as a page: the case, its goals, each entry's texts and figures, and the access log — in Danish. */
export function exportHtml(x: CaseExport): string {
  const c = x.case;
  const when = (iso: string) => esc(`${shortDateOf(new Date(iso), "da")} ${localTime(new Date(iso))}`);
  // What the practitioner wrote (the free-text fields), and a figure where the entry is one.
  const texts = (e: Entry): string[] => {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === "string" && v.trim()) out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
    };
    const fields = e as unknown as Record<string, unknown>;
    for (const key of TEXT_FIELDS) walk(fields[key]);
    if (e.type === "assessment") out.unshift(`${e.instrument === "who5" ? "WHO-5" : "Mestringstro (GSE)"}, ${e.phase === "pre" ? "startmåling" : "slutmåling"}: ${e.score}`);
    if (e.type === "reflection" && e.progress !== undefined) out.push(`Progression: ${e.progress}/10`);
    if (e.type === "statusCheckIn") out.unshift(`Status: ${STATES[e.state] ?? e.state}`);
    return out;
  };
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Indsigt · ${esc(c.code)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}</style>
</head><body>
<h1>Indsigt: forløb ${esc(c.code)}</h1>
<p>${esc(x.corps.name)} · udtrukket ${when(x.exportedAt)}. Borgeren er i Løft kun kendt ved forløbskoden ${esc(c.code)} — ingen navne og ingen CPR-numre.</p>
<h2>Forløbet</h2>
<ul><li>Status: ${esc(STATUSES[c.status])}</li><li>Henvist: ${esc(shortDateOf(new Date(c.referral.receivedAt), "da"))}</li><li>Oprettet: ${esc(shortDateOf(new Date(c.openedAt), "da"))}</li>${c.closedAt ? `<li>Afsluttet: ${esc(shortDateOf(new Date(c.closedAt), "da"))}</li>` : ""}</ul>
<h3>Målskema</h3>
<ul>${c.goalForm.goals.map((g) => `<li>${esc(g.text)}${g.score === undefined ? "" : ` (${g.score}/10)`}</li>`).join("")}</ul>
${c.goalForm.worries ? `<p><strong>Hvad er vi bekymrede for:</strong> ${esc(c.goalForm.worries)}</p>` : ""}${c.goalForm.working ? `<p><strong>Hvad fungerer godt:</strong> ${esc(c.goalForm.working)}</p>` : ""}
<h2>Registreringer (${x.entries.length})</h2>
${x.entries.map((e) => `<section><h3>${esc(ENTRY_NAMES[e.type])} · ${when(e.createdAt)}${e.deletedAt ? " (slettet af den, der skrev den)" : ""}</h3>${texts(e).map((t) => `<p>${esc(t)}</p>`).join("")}${e.history?.length ? `<p><em>Rettet ${e.history.length} gang(e).</em></p>` : ""}</section>`).join("\n")}
<h2>Adgangslog (${x.accessLog.length})</h2>
<table><thead><tr><th>Tidspunkt</th><th>Hvem</th><th>Hvad</th><th>Hvordan</th></tr></thead><tbody>
${x.accessLog.map((l) => `<tr><td>${when(l.at)}</td><td>${esc(l.name || l.by)} (${esc(l.role)})</td><td>${esc(ACTIONS[l.action] ?? l.action)}</td><td>${esc(l.flow)}</td></tr>`).join("\n")}
</tbody></table>
</body></html>
`;
}
