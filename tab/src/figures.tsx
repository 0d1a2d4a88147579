// How the tab shows one figure: its value in the page's language, or «Skjult» with the reason (decided by the server).
import { Body1, tokens } from "@fluentui/react-components";
import type { Dashboard, Figure } from "./api";
import type { Strings } from "./strings";

export const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k) => (k in v ? String(v[k]) : m));

/** "dec. 2025" / "Dec 2025" for "2025-12". */
export const monthLabel = (m: string, lang: "da" | "en") =>
  new Date(`${m}-15T12:00:00Z`).toLocaleDateString(lang === "da" ? "da-DK" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** The figure at a dotted path of the dashboard ("method.preparedShare"), if there is one. */
export function figureAt(d: Dashboard, path: string): Figure | undefined {
  const f = path.split(".").reduce<unknown>((node, k) => (node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined), d);
  return f && typeof f === "object" && ("suppressed" in f || "value" in f) ? (f as Figure) : undefined;
}

export function FigureValue(props: { f: Figure; t: Strings; big?: boolean; minCases: number }) {
  const { f, t } = props;
  if ("suppressed" in f)
    return (
      <span title={fill(t.suppressedWhy, { n: props.minCases })} data-suppressed="true" style={{ color: tokens.colorNeutralForeground3, fontStyle: "italic" }}>
        {t.suppressed}
      </span>
    );
  return <span style={{ fontSize: props.big ? tokens.fontSizeHero800 : undefined, fontWeight: tokens.fontWeightSemibold }} data-figure={f.value}>{f.value.toLocaleString(t.locale)}</span>;
}

export function Row(props: { label: string; f: Figure; t: Strings; minCases: number; testId?: string }) {
  return (
    <div style={{ display: "flex", justifyContent: "space-between", gap: "1rem", padding: "0.25rem 0" }} data-testid={props.testId}>
      <Body1>{props.label}</Body1>
      <FigureValue f={props.f} t={props.t} minCases={props.minCases} />
    </div>
  );
}
