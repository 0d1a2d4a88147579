// Forløb: the coordinator's view of the corps' cases (GET /api/cases) — open and closed, by code — and, for a chosen
// case, its access log (who reached it when, as what and how; never its content) and the export a citizen's request
// for access (indsigt) is answered with, as a Danish page or as JSON. Coordinators only (the server refuses anyone
// else); no figures of the dashboard here. Reading the list, the log and the export are each written to the case's log
// by the server.
import { Body1, Button, Caption1, Card, CardHeader, Field, Input, Spinner, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { ApiError, type AccessLogLine, type Api, type CaseSummary, type Lendings } from "./api";
import { fill } from "./figures";
import { useNarrow } from "./Implementation";
import type { Strings } from "./strings";

const ZONE = "Europe/Copenhagen";
/** The most lines GET /api/cases/:caseId/access answers with (src/api/index.ts); the export holds them all. */
const SERVER_LOG_MAX = 500;
/** Lines shown before «Vis alle»: the leaders' and coordinators' figures add a line to every case each time they are read. */
const FIRST_LINES = 50;

export const date = (iso: string, locale: string) => new Date(iso).toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric", timeZone: ZONE });
/** 10:00, as the bot's log and the export write it (Danish ICU would write 10.00). */
export const time = (iso: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: ZONE }).format(new Date(iso));
/** By code, character by character: codes are random letters and digits, neither numbers nor Danish words (no AA = Å). */
const byCode = (a: CaseSummary, b: CaseSummary) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function CasesView(props: { api: Api; t: Strings; lang: "da" | "en"; stage: boolean; download: (blob: Blob, name: string) => void }) {
  const { api, t, stage, download } = props;
  const c = t.cases;
  const gap = stage ? "1.5rem" : "1rem";
  const narrow = useNarrow();
  const [cases, setCases] = useState<CaseSummary[]>();
  const [lendings, setLendings] = useState<Lendings>();
  const [error, setError] = useState<string>();
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<CaseSummary>();
  // Back from a case: the keyboard focus returns to the case's button in the list (not the top of the page).
  const list = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string>();
  useEffect(() => {
    const key = focusNext.current;
    if (!key || !list.current) return;
    focusNext.current = undefined;
    list.current.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  });

  useEffect(() => {
    api.cases().then(
      (r) => {
        setCases(r.cases);
        setLendings(r.lendings);
      },
      (e) => setError(e instanceof ApiError && e.status === 403 ? c.forbidden : c.failed),
    );
  }, [api, t]);

  if (error) return <Body1 role="alert" style={{ display: "block", marginTop: gap }}>{error}</Body1>;
  if (!cases) return <Spinner label={t.loading} style={{ marginTop: gap }} />;
  if (chosen)
    return (
      <CaseDetail
        key={chosen.id}
        api={api}
        t={t}
        lang={props.lang}
        gap={gap}
        narrow={narrow}
        summary={chosen}
        download={download}
        onBack={() => {
          focusNext.current = chosen.id;
          setChosen(undefined);
        }}
      />
    );

  const wanted = q.trim().toLowerCase();
  const shown = cases.filter((x) => x.code.toLowerCase().includes(wanted));
  const open = shown.filter((x) => x.status !== "closed").sort(byCode);
  const closed = shown.filter((x) => x.status === "closed").sort(byCode);
  const choose = (x: CaseSummary) => setChosen(x);
  const section = (id: "open" | "closed", rows: CaseSummary[]) => (
    <section aria-labelledby={`cases-${id}`} data-testid={`cases-${id}`}>
      <Subtitle2 as="h2" id={`cases-${id}`} style={{ display: "block", marginBottom: "0.5rem" }}>{fill(c[id], { n: rows.length })}</Subtitle2>
      {rows.length === 0 ? (
        <Body1>{wanted ? fill(c.noMatch, { q: q.trim() }) : id === "open" ? c.noneOpen : c.noneClosed}</Body1>
      ) : narrow ? (
        // On a phone: one button per case, its kind, status and dates under the code.
        <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {rows.map((x) => (
            <li key={x.id} data-case={x.code} style={{ borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` }}>
              <Button appearance="subtle" onClick={() => choose(x)} data-focus={x.id} style={{ width: "100%", justifyContent: "flex-start", gap: "0.5rem", textAlign: "left", padding: "0.5rem 0.25rem", minHeight: "3rem" }}>
                <span style={{ display: "grid", flex: "1 1 auto" }}>
                  <span style={{ fontWeight: tokens.fontWeightSemibold }}>{x.code}</span>
                  <Caption1 style={{ color: tokens.colorNeutralForeground2 }}>{describe(x, t)}</Caption1>
                </span>
                <span aria-hidden="true" style={{ flex: "0 0 auto", fontSize: tokens.fontSizeBase500, color: tokens.colorNeutralForeground3 }}>›</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Table aria-labelledby={`cases-${id}`} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{c.columns.code}</TableHeaderCell>
              <TableHeaderCell>{c.columns.kind}</TableHeaderCell>
              {id === "open" && <TableHeaderCell>{c.columns.status}</TableHeaderCell>}
              <TableHeaderCell>{c.columns.opened}</TableHeaderCell>
              {id === "closed" && <TableHeaderCell>{c.columns.closed}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((x) => (
              <TableRow key={x.id} data-case={x.code}>
                <TableCell>
                  <Button appearance="transparent" onClick={() => choose(x)} data-focus={x.id} style={{ padding: 0, minWidth: 0, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForegroundLink, textDecoration: "underline" }}>
                    {x.code}
                  </Button>
                </TableCell>
                <TableCell>{t.kinds[x.kind]}</TableCell>
                {id === "open" && <TableCell>{t.mine.statuses[x.status]}</TableCell>}
                <TableCell>{date(x.openedAt, t.locale)}</TableCell>
                {id === "closed" && <TableCell>{x.closedAt ? date(x.closedAt, t.locale) : "–"}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
  return (
    <div ref={list} style={{ display: "grid", gap, marginTop: gap, maxWidth: "48rem" }} data-testid="cases">
      <Caption1 as="p" role="note" style={{ margin: 0 }}>{c.intro}</Caption1>
      {lendings && lendings.borrowed.length + lendings.lent.length > 0 && (
        <section aria-labelledby="cases-lendings" data-testid="cases-lendings">
          <Subtitle2 as="h2" id="cases-lendings" style={{ display: "block", marginBottom: "0.5rem" }}>{c.lendings.title}</Subtitle2>
          <ul style={{ margin: 0, paddingLeft: "1.25rem" }}>
            {lendings.borrowed.map((l) => (
              <li key={`b${l.caseId}`}>{fill(l.guest ? c.lendings.borrowed : c.lendings.borrowedAsked, { code: l.code ?? "–", guest: l.guest ?? "", corps: l.corps, date: date(l.since, t.locale) })}</li>
            ))}
            {lendings.lent.map((l, i) => (
              <li key={`l${i}`}>{fill(l.guest ? c.lendings.lent : c.lendings.lentAsked, { guest: l.guest ?? "", corps: l.corps, kind: c.lendings.person[l.kind], date: date(l.since, t.locale) })}</li>
            ))}
          </ul>
          <Caption1 as="p" style={{ margin: "0.25rem 0 0" }}>{c.lendings.where}</Caption1>
        </section>
      )}
      {cases.length === 0 ? (
        <Body1>{c.empty}</Body1>
      ) : (
        <>
          <Field label={c.search} style={{ maxWidth: "20rem" }}>
            <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} autoComplete="off" spellCheck={false} />
          </Field>
          {section("open", open)}
          {section("closed", closed)}
        </>
      )}
    </div>
  );
}

/** "Mentorforløb · Aktivt · Oprettet 3. feb. 2026 · Afsluttet …" */
function describe(x: CaseSummary, t: Strings): string {
  return [t.kinds[x.kind], t.mine.statuses[x.status], fill(t.cases.opened, { date: date(x.openedAt, t.locale) }), ...(x.closedAt ? [fill(t.cases.closedOn, { date: date(x.closedAt, t.locale) })] : [])].join(" · ");
}

function CaseDetail(props: { api: Api; t: Strings; lang: "da" | "en"; gap: string; narrow: boolean; summary: CaseSummary; download: (blob: Blob, name: string) => void; onBack: () => void }) {
  const { api, t, gap, narrow, summary: x, download } = props;
  const c = t.cases;
  const [lines, setLines] = useState<AccessLogLine[]>();
  const [logError, setLogError] = useState<string>();
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState<"html" | "json">();
  const [notice, setNotice] = useState<string>();
  const [exportError, setExportError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const failure = (e: unknown, otherwise: string) => (e instanceof ApiError && e.status === 404 ? c.notFound : e instanceof ApiError && e.status === 403 ? c.forbidden : otherwise);
  const loadLog = () =>
    api.caseAccess(x.id, props.lang).then(
      (r) => {
        setLogError(undefined);
        // Newest first (the server's order too; equal instants keep it).
        setLines([...r.lines].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)));
      },
      (e) => setLogError(failure(e, c.logFailed)),
    );
  useEffect(() => {
    heading.current?.focus(); // the case replaced the list: the reader starts at its heading
    void loadLog();
  }, [x.id]);

  const exportAs = async (format: "html" | "json") => {
    setBusy(format);
    setNotice(undefined);
    setExportError(undefined);
    try {
      const name = `indsigt-${x.code}.${format}`;
      download(await api.caseExport(x.id, format), name);
      setNotice(fill(c.exported, { file: name }));
      // The download is in the log now: show it.
      void loadLog();
    } catch (e) {
      setExportError(failure(e, c.exportFailed));
    }
    setBusy(undefined);
  };

  const role = (r: string) => (r === "coach" ? c.roles[x.kind] : c.roles[r] ?? r);
  const action = (a: string) => c.actions[a] ?? a;
  const when = (iso: string) => fill(c.when, { date: date(iso, t.locale), time: time(iso) });
  const shown = lines && (all ? lines : lines.slice(0, FIRST_LINES));
  const muted = { color: tokens.colorNeutralForeground3, margin: 0 };
  return (
    <div style={{ display: "grid", gap, marginTop: gap, maxWidth: "48rem" }} data-testid="case" data-code={x.code}>
      <div>
        <Button onClick={props.onBack}>{c.back}</Button>
      </div>
      <div>
        <h2 ref={heading} tabIndex={-1} style={{ ...typographyStyles.subtitle1, margin: 0, outline: "none" }}>{fill(c.title, { code: x.code })}</h2>
        <Caption1 style={{ color: tokens.colorNeutralForeground2 }}>{describe(x, t)}</Caption1>
      </div>
      <Card data-testid="case-export">
        <CardHeader header={<Subtitle2 as="h3">{c.exportTitle}</Subtitle2>} />
        <Body1 as="p" style={{ margin: 0 }}>{c.exportWhat}</Body1>
        <div style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem" }}>
          <Button appearance="primary" onClick={() => void exportAs("html")} disabledFocusable={!!busy} icon={busy === "html" ? <Spinner size="tiny" /> : undefined}>{c.exportHtml}</Button>
          <Button onClick={() => void exportAs("json")} disabledFocusable={!!busy} icon={busy === "json" ? <Spinner size="tiny" /> : undefined}>{c.exportJson}</Button>
        </div>
        <div role="status" data-testid="case-export-status">{notice && <Body1>{notice}</Body1>}</div>
        {exportError && <Body1 role="alert">{exportError}</Body1>}
      </Card>
      <Card data-testid="case-access">
        <CardHeader header={<Subtitle2 as="h3" id="case-access-title">{c.logTitle}</Subtitle2>} description={<Caption1 as="p" style={muted}>{c.logWhat}</Caption1>} />
        {logError ? (
          <Body1 role="alert">{logError}</Body1>
        ) : !shown ? (
          <Spinner label={t.loading} size="small" />
        ) : shown.length === 0 ? (
          <Body1>{c.logEmpty}</Body1>
        ) : narrow ? (
          // On a phone: each line as its time, then who-as-what, what and how.
          <ul aria-labelledby="case-access-title" data-testid="access-lines" style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: "0.5rem" }}>
            {shown.map((l, i) => (
              <li key={i} data-action={l.action} style={{ display: "grid" }}>
                <Body1 style={{ fontWeight: tokens.fontWeightSemibold }}><time dateTime={l.at}>{when(l.at)}</time></Body1>
                <Body1>{[role(l.role), action(l.action), l.flow].join(" · ")}</Body1>
              </li>
            ))}
          </ul>
        ) : (
          <Table aria-labelledby="case-access-title" data-testid="access-lines" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{c.logColumns.at}</TableHeaderCell>
                <TableHeaderCell>{c.logColumns.role}</TableHeaderCell>
                <TableHeaderCell>{c.logColumns.action}</TableHeaderCell>
                <TableHeaderCell>{c.logColumns.flow}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((l, i) => (
                <TableRow key={i} data-action={l.action}>
                  <TableCell><time dateTime={l.at}>{when(l.at)}</time></TableCell>
                  <TableCell>{role(l.role)}</TableCell>
                  <TableCell>{action(l.action)}</TableCell>
                  <TableCell>{l.flow}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {lines && lines.length > FIRST_LINES && (
          <div>
            <Button onClick={() => setAll(!all)} aria-expanded={all}>{all ? fill(c.showFewer, { n: FIRST_LINES }) : fill(c.showAll, { n: lines.length })}</Button>
          </div>
        )}
        {lines && lines.length >= SERVER_LOG_MAX && <Caption1 as="p" style={muted}>{fill(c.capped, { n: lines.length })}</Caption1>}
      </Card>
    </div>
  );
}
