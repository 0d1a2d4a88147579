// Adgangslog: the corps' access log (GET /api/access) for its data protection officer (DPO) — who reads the log and
// never a case, an entry or a figure — and its coordinators: who reached which case (by code), when, as what, what
// they did and through which flow, newest first. The newest 200 lines, up to 1000 on request; a box finds the lines
// that name a case code. Reading the log reaches no case, so it adds no line to it.
import { Body1, Button, Caption1, Field, Input, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { ApiError, type Api, type CorpsLogLine } from "./api";
import { date, time } from "./Cases";
import { fill } from "./figures";
import { useNarrow } from "./Implementation";
import type { Strings } from "./strings";

/** Lines asked for first (the server's default too), and at most (the server's cap). */
export const FIRST_LINES = 200;
export const MOST_LINES = 1000;

/** A code as typed or shown, compared without case or dashes: "ab12cd" finds AB-12CD. */
const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

export function AccessLogView(props: { api: Api; t: Strings; lang: "da" | "en"; stage: boolean }) {
  const { api, t, stage } = props;
  const a = t.access;
  const gap = stage ? "1.5rem" : "1rem";
  const narrow = useNarrow();
  const [lines, setLines] = useState<CorpsLogLine[]>();
  /** How many lines were asked for: fewer back means the whole log is shown. */
  const [asked, setAsked] = useState(FIRST_LINES);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<string>();
  const [q, setQ] = useState("");
  const failure = (e: unknown, otherwise: string) => (e instanceof ApiError && e.status === 403 ? a.forbidden : otherwise);
  // After «Vis flere» the button is gone: focus goes to the first line that was not shown before (or the count).
  const view = useRef<HTMLDivElement>(null);
  const focusFrom = useRef<number>();
  useEffect(() => {
    const from = focusFrom.current;
    if (from === undefined || !view.current) return;
    focusFrom.current = undefined;
    const next = Array.from(view.current.querySelectorAll<HTMLElement>("[data-line]")).find((el) => Number(el.dataset.line) >= from);
    (next ?? view.current.querySelector<HTMLElement>("[data-testid=access-count]"))?.focus();
  });

  const newestFirst = (ls: CorpsLogLine[]) => [...ls].sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
  useEffect(() => {
    api.corpsAccess(FIRST_LINES, props.lang).then(
      (r) => setLines(newestFirst(r.lines)),
      (e) => setError(failure(e, a.failed)),
    );
  }, [api, t]);
  const more = async () => {
    const before = lines?.length ?? 0;
    setBusy(true);
    setMoreError(undefined);
    try {
      const r = await api.corpsAccess(MOST_LINES, props.lang);
      focusFrom.current = before;
      setAsked(MOST_LINES);
      setLines(newestFirst(r.lines));
    } catch (e) {
      setMoreError(failure(e, a.moreFailed));
    }
    setBusy(false);
  };

  if (error) return <Body1 role="alert" style={{ display: "block", marginTop: gap }}>{error}</Body1>;
  if (!lines) return <Spinner label={t.loading} style={{ marginTop: gap }} />;

  const wanted = bare(q);
  const shown = lines.map((l, i) => ({ l, i })).filter(({ l }) => !wanted || l.codes.some((c) => bare(c).includes(wanted)));
  const whole = lines.length < asked;
  const who = (l: CorpsLogLine) => (l.role === "system" ? a.system : l.name || a.formerMember);
  const role = (l: CorpsLogLine) => a.roles[l.role] ?? l.role;
  const action = (l: CorpsLogLine) => t.cases.actions[l.action] ?? l.action;
  const named = (l: CorpsLogLine) => (l.more > 0 ? fill(a.manyCases, { n: l.more }) : l.codes.join(", "));
  const when = (iso: string) => fill(t.cases.when, { date: date(iso, t.locale), time: time(iso) });
  // A line the DPO cannot name a person for reads as what it is, not as a blank.
  const nameStyle = (l: CorpsLogLine) => (l.role !== "system" && !l.name ? { fontStyle: "italic" as const } : {});
  const count = wanted
    ? shown.length === 0
      ? fill(a.noMatch, { n: lines.length, q: q.trim() })
      : fill(shown.length === 1 ? a.matchOne : a.matches, { m: shown.length, n: lines.length, q: q.trim() })
    : whole
      ? fill(lines.length === 1 ? a.wholeOne : a.whole, { n: lines.length })
      : fill(a.newest, { n: lines.length });
  const muted = { color: tokens.colorNeutralForeground3, margin: 0 };

  return (
    <div ref={view} style={{ display: "grid", gap, marginTop: gap }} data-testid="access-log">
      <div role="note" style={{ display: "grid", gap: "0.25rem", maxWidth: "48rem" }}>
        <Body1 as="p" style={{ margin: 0 }}>{a.intro}</Body1>
        <Body1 as="p" style={{ margin: 0, color: tokens.colorNeutralForeground2 }}>{fill(a.introMore, { n: FIRST_LINES })}</Body1>
      </div>
      {lines.length === 0 ? (
        <Body1>{a.empty}</Body1>
      ) : (
        <>
          <Field label={a.search} style={{ maxWidth: "20rem" }}>
            <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} autoComplete="off" spellCheck={false} />
          </Field>
          <div style={{ display: "grid", gap: "0.25rem" }}>
            {/* The count says what the table holds, and is read out as the filter changes it. */}
            <Body1 as="p" role="status" tabIndex={-1} data-testid="access-count" style={{ margin: 0, outline: "none" }}>{count}</Body1>
            {wanted && <Caption1 as="p" style={muted}>{!whole && asked < MOST_LINES ? `${a.manyNote} ${fill(a.searchMore, { n: MOST_LINES })}` : a.manyNote}</Caption1>}
          </div>
          {shown.length > 0 &&
            (narrow ? (
              // On a phone: each line as its time, then who as what, what and how, then the cases.
              <ul aria-label={a.title} data-testid="access-lines" style={{ listStyle: "none", padding: 0, margin: 0, display: "grid" }}>
                {shown.map(({ l, i }) => (
                  <li key={i} data-line={i} data-action={l.action} tabIndex={-1} style={{ display: "grid", padding: "0.5rem 0", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, overflowWrap: "anywhere" }}>
                    <Body1 style={{ fontWeight: tokens.fontWeightSemibold }}><time dateTime={l.at}>{when(l.at)}</time></Body1>
                    <Body1>
                      {l.role === "system" ? role(l) : <><span style={nameStyle(l)}>{who(l)}</span> ({role(l)})</>}
                    </Body1>
                    <Body1>{`${action(l)} · ${l.flow}`}</Body1>
                    <Body1>{l.more > 0 ? named(l) : fill(a.casesLine, { codes: named(l) })}</Body1>
                  </li>
                ))}
              </ul>
            ) : (
              // The columns as wide as their words; the header stays in sight down a long log.
              <Table aria-label={a.title} data-testid="access-lines" size="small" style={{ tableLayout: "auto" }}>
                <TableHeader style={{ position: "sticky", top: 0, zIndex: 1, background: tokens.colorNeutralBackground2, boxShadow: `0 ${tokens.strokeWidthThin} 0 ${tokens.colorNeutralStroke1}` }}>
                  <TableRow>
                    <TableHeaderCell>{a.columns.at}</TableHeaderCell>
                    <TableHeaderCell>{a.columns.name}</TableHeaderCell>
                    <TableHeaderCell>{a.columns.role}</TableHeaderCell>
                    <TableHeaderCell>{a.columns.action}</TableHeaderCell>
                    <TableHeaderCell>{a.columns.flow}</TableHeaderCell>
                    <TableHeaderCell>{a.columns.cases}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {shown.map(({ l, i }) => (
                    <TableRow key={i} data-line={i} data-action={l.action} tabIndex={-1}>
                      <TableCell style={{ whiteSpace: "nowrap" }}><time dateTime={l.at}>{when(l.at)}</time></TableCell>
                      <TableCell style={nameStyle(l)}>{who(l)}</TableCell>
                      <TableCell>{role(l)}</TableCell>
                      <TableCell>{action(l)}</TableCell>
                      <TableCell>{l.flow}</TableCell>
                      <TableCell style={{ overflowWrap: "anywhere" }}>{named(l)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ))}
          {!whole && asked < MOST_LINES && (
            <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.5rem" }}>
              <Button onClick={() => void more()} disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined} aria-describedby="access-more-what">{a.more}</Button>
              <Caption1 id="access-more-what" style={muted}>{fill(a.moreWhat, { n: MOST_LINES })}</Caption1>
            </div>
          )}
          {moreError && <Body1 role="alert">{moreError}</Body1>}
          {!whole && asked >= MOST_LINES && <Caption1 as="p" style={muted}>{fill(a.capped, { n: lines.length })}</Caption1>}
        </>
      )}
    </div>
  );
}
