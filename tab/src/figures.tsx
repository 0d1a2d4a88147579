// How the tab shows figures: a value with the cases it rests on, «Skjult» (decided by the server — the tab never sees
// a hidden figure), or "–" when there is no case at all. Where every figure of a card or list is hidden, one sentence
// says so instead of a column of «Skjult».
import { Body1, Caption1, tokens } from "@fluentui/react-components";
import type { Dashboard, Figure } from "./api";
import type { Strings } from "./strings";

export const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m));

/** "dec. 2025" / "Dec 2025" for "2025-12". */
export const monthLabel = (m: string, lang: "da" | "en") =>
  new Date(`${m}-15T12:00:00Z`).toLocaleDateString(lang === "da" ? "da-DK" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026", "1. halvår 2026", "3. kvartal 2026" / "2026", "H1 2026", "Q3 2026". */
export function periodLabel(id: string, lang: "da" | "en", short = false): string {
  const [year, part] = id.split("-");
  if (!part) return year;
  if (lang === "en") return `${part} ${year}`;
  return `${part.slice(1)}. ${part[0] === "H" ? "halvår" : short ? "kvt." : "kvartal"} ${year}`;
}

/** "the year 2026" for the sentence that says what the figures are for. */
export const periodPhrase = (id: string, lang: "da" | "en") => (id.includes("-") ? periodLabel(id, lang) : lang === "da" ? `året ${id}` : `the year ${id}`);

export const isHidden = (f: Figure | undefined) => !!f && "suppressed" in f;

/** The figure at a dotted path of the dashboard ("method.preparedShare"), if there is one. */
export function figureAt(d: Dashboard, path: string): Figure | undefined {
  const f = path.split(".").reduce<unknown>((node, k) => (node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined), d);
  return f && typeof f === "object" && ("suppressed" in f || "value" in f) ? (f as Figure) : undefined;
}

export function FigureValue(props: { f: Figure; t: Strings; big?: boolean }) {
  const { f, t } = props;
  if ("suppressed" in f)
    return (
      <span title={t.suppressedWhy} data-suppressed="true" style={{ color: tokens.colorNeutralForeground3, fontStyle: "italic" }}>
        {t.suppressed}
      </span>
    );
  if (f.value === null)
    return (
      <span title={t.none} aria-label={t.none} data-none="true" style={{ color: tokens.colorNeutralForeground3 }}>
        –
      </span>
    );
  return (
    <span style={{ fontSize: props.big ? tokens.fontSizeHero800 : undefined, lineHeight: props.big ? tokens.lineHeightHero800 : undefined, fontWeight: tokens.fontWeightSemibold }} data-figure={f.value}>
      {f.value.toLocaleString(t.locale)}
    </span>
  );
}

/** What a shown mean or share rests on: "n = 12" or "12 forløb · 4 praktikere" (a count is its own n). */
export function restsOn(f: Figure, t: Strings): string | undefined {
  if ("suppressed" in f || f.value === null) return undefined;
  return f.practitioners !== undefined ? fill(t.nMethod, { n: f.n, p: f.practitioners }) : fill(t.nCases, { n: f.n });
}

export function Row(props: { label: string; f: Figure; t: Strings; testId?: string; count?: boolean }) {
  const n = props.count ? undefined : restsOn(props.f, props.t);
  return (
    <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: "1rem", padding: "0.25rem 0" }} data-testid={props.testId}>
      <Body1 style={{ flex: "1 1 auto", minWidth: 0 }}>{props.label}</Body1>
      <span style={{ flex: "0 0 auto", textAlign: "right", whiteSpace: "nowrap" }}>
        <FigureValue f={props.f} t={props.t} />
        {n && <Caption1 as="span" data-n="true" style={{ display: "block", color: tokens.colorNeutralForeground3 }}>{n}</Caption1>}
      </span>
    </div>
  );
}

/** A muted line of text: why something is not shown. */
export const Note = (props: { children: string; testId?: string }) => (
  <Caption1 as="p" data-testid={props.testId} style={{ color: tokens.colorNeutralForeground3, margin: "0.25rem 0" }}>
    {props.children}
  </Caption1>
);

/** The sentence for a card whose figures are all hidden (a shorter period: try a whole year). */
export const allHiddenNote = (d: Dashboard, t: Strings) => `${fill(t.allHidden, { n: d.minCases })}${d.period.level === "year" ? "" : ` ${t.tryYear}`}`;

/**
 * Rows of figures; the hidden ones named on one line ("Skjult: Flyttet, Andet"), and one sentence when all are hidden.
 */
export function Rows(props: { rows: Array<{ label: string; f: Figure; testId?: string; count?: boolean }>; t: Strings; allHidden: string; count?: boolean }) {
  const { rows, t } = props;
  const hidden = rows.filter((r) => isHidden(r.f));
  if (rows.length > 0 && hidden.length === rows.length) return <Note testId="all-hidden">{props.allHidden}</Note>;
  return (
    <>
      {rows.filter((r) => !isHidden(r.f)).map((r) => <Row key={r.label} label={r.label} f={r.f} t={t} testId={r.testId} count={r.count ?? props.count} />)}
      {hidden.length > 0 && <Note>{fill(t.hiddenRows, { names: hidden.map((r) => r.label).join(" · ") })}</Note>}
    </>
  );
}

/** The method figures' words when none may be shown for this selection (and why), or undefined. */
export function methodWhy(d: Dashboard, t: Strings): string | undefined {
  const m = d.method;
  if (m.why === "practitioners")
    return fill(m.practitioners === 1 ? t.methodWhy.practitioners : t.methodWhy.practitionersPlural, { kind: t.kindNames[d.kind], count: m.practitioners, min: d.minPractitioners });
  if (m.why === "hidden") return fill(t.methodWhy.hidden, { n: d.minCases, p: d.minPractitioners });
  return undefined;
}
