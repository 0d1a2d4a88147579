// Halvårsskema: the coordinator's answers to the half-yearly questionnaire about current cases that the national centre
// (CDE) sends the corps' coordinators (issue 24). Løft has the half-year's figures ready — for the whole corps, its
// mentor cases and its relative-coach cases — exactly as counted (GET /api/halfyear: the coordinator sees the corps'
// cases anyway); the coordinator checks them, writes a note to CDE about what Løft does not know, and downloads the
// file for CDE, in which the leaders' hiding applies (the server makes it). Coordinators only, never on a meeting's
// shared stage (App.tsx decides).
import { Body1, Button, Caption1, Card, Dropdown, Field, Option, Spinner, Subtitle2, Textarea, tokens, typographyStyles } from "@fluentui/react-components";
import { Fragment, useEffect, useRef, useState } from "react";
import { ApiError, type Api, type Dashboard, type Figure, type HalfYear, type HalfYearNote, type Kind } from "./api";
import { date, time } from "./Cases";
import { fill, FigureValue, periodLabel, restsOn } from "./figures";
import { useNarrow } from "./Implementation";
import type { Strings } from "./strings";

const KINDS: Kind[] = ["all", "mentor", "relativeCoach"];
/** What the server takes (PUT /api/halfyear/:period/note). */
const NOTE_MAX = 2000;
const REASONS = ["goalsReached", "noProgress", "citizenEnded", "moved", "noContact", "declined", "other"] as const;
const DIMENSIONS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
const METHOD = ["preparedShare", "reflectedShare", "timelyShare", "checkInsAnsweredShare"] as const;

/** A row of the table: its name, where its figure is in each kind's answer, and whether it is a count (its own n). */
type Line = { id: string; label: string; at: (d: Dashboard) => Figure | undefined; count?: boolean };

function sections(t: Strings): Array<{ id: string; title: string; lines: Line[] }> {
  const h = t.halfYear;
  return [
    {
      id: "cases",
      title: h.sections.cases,
      lines: [
        { id: "new", label: t.newInPeriod, at: (d) => d.overview.newPerQuarter.total, count: true },
        { id: "closed", label: t.closedInPeriod, at: (d) => d.overview.closeReasons.total, count: true },
        { id: "meanDays", label: t.meanDays, at: (d) => d.overview.meanDays },
        { id: "active", label: t.active, at: (d) => d.overview.active.total, count: true },
      ],
    },
    { id: "reasons", title: h.sections.reasons, lines: REASONS.map((r) => ({ id: `reason-${r}`, label: t.reasons[r], at: (d: Dashboard) => d.overview.closeReasons.parts[r], count: true })) },
    { id: "referrals", title: h.sections.referrals, lines: DIMENSIONS.map((k) => ({ id: `dimension-${k}`, label: t.dimensions[k], at: (d: Dashboard) => d.referrals.dimensions[k], count: true })) },
    { id: "method", title: h.sections.method, lines: METHOD.map((k) => ({ id: `method-${k}`, label: t.methodFigures[k], at: (d: Dashboard) => d.method[k] })) },
    {
      id: "measures",
      title: h.sections.measures,
      lines: [
        { id: "who5-pre", label: h.who5Pre, at: (d) => d.measures.who5.preMean },
        { id: "who5-post", label: h.who5Post, at: (d) => d.measures.who5.postMean },
        { id: "gse-pre", label: h.gsePre, at: (d) => d.measures.gse.preMean },
        { id: "gse-post", label: h.gsePost, at: (d) => d.measures.gse.postMean },
      ],
    },
  ];
}

/** Whether an element is wider than its box (the table on a narrow screen): then it is a scrollable, focusable region. */
function useOverflows<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const seen = new ResizeObserver(check);
    seen.observe(el);
    if (el.firstElementChild) seen.observe(el.firstElementChild);
    return () => seen.disconnect();
  }, []);
  return [ref, overflows] as const;
}

/**
 * The figures: a row per figure, a column per kind of case. On a narrow screen (a phone, a meeting's side panel) each
 * figure's name is a line of its own above its three values, so the three columns keep the whole width; the column
 * headers stay in sight, and each value names its headers (`headers`) for a screen reader.
 */
function FiguresTable(props: { data: HalfYear; t: Strings; lang: "da" | "en" }) {
  const { data, t, lang } = props;
  const h = t.halfYear;
  const narrow = useNarrow();
  const [box, overflows] = useOverflows<HTMLDivElement>();
  const pad = narrow ? "0.3rem 0.25rem" : "0.35rem 0.5rem";
  const line = `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`;
  const cell = { padding: pad, borderBottom: line, verticalAlign: "top" } as const;
  const colHead = { ...cell, textAlign: "right", borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`, background: tokens.colorNeutralBackground1 } as const;
  const sectionHead = { ...cell, ...typographyStyles.subtitle2, textAlign: "left", paddingTop: "1rem", background: tokens.colorNeutralBackground3 } as const;
  const value = (l: Line, k: Kind, headers?: string) => {
    const f = l.at(data.figures[k]);
    const n = f && !l.count ? restsOn(f, t) : undefined;
    return (
      <td key={k} data-kind={k} headers={headers} style={{ ...cell, textAlign: "right", ...(narrow ? { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` } : {}) }}>
        {f ? <FigureValue f={f} t={t} /> : "–"}
        {n && <Caption1 as="span" style={{ display: "block", textAlign: "right", color: tokens.colorNeutralForeground3 }}>{n}</Caption1>}
      </td>
    );
  };
  return (
    <div style={{ display: "grid", gap: "0.5rem" }}>
      <Subtitle2 as="h3" id="halfyear-table-title" style={{ margin: 0 }}>{fill(h.tableTitle, { half: periodLabel(data.period, lang) })}</Subtitle2>
      <Caption1 as="p" id="halfyear-table-what" style={{ margin: 0, color: tokens.colorNeutralForeground2 }}>{h.tableWhat}</Caption1>
      {/* Wider than its box (a window just too narrow for four columns): the table scrolls inside it, by keyboard too. */}
      <div
        ref={box}
        {...(overflows ? { role: "region", tabIndex: 0, "aria-labelledby": "halfyear-table-title" } : {})}
        style={{ overflowX: narrow ? "visible" : "auto", maxWidth: "100%" }}
        data-testid="halfyear-table-box"
      >
        <table aria-labelledby="halfyear-table-title" aria-describedby="halfyear-table-what" data-testid="halfyear-table" style={{ borderCollapse: "collapse", width: "100%", ...typographyStyles.body1 }}>
          <thead style={narrow ? { position: "sticky", top: 0, zIndex: 1 } : undefined}>
            <tr>
              {!narrow && <th scope="col" style={{ ...colHead, textAlign: "left" }}>{h.figure}</th>}
              {KINDS.map((k) => (
                <th key={k} scope="col" id={`halfyear-col-${k}`} data-kind={k} style={{ ...colHead, width: narrow ? "33.3%" : "clamp(6rem, 16vw, 11rem)" }}>
                  {h.columns[k]}
                </th>
              ))}
            </tr>
          </thead>
          {sections(t).map((s) => (
            <tbody key={s.id} data-section={s.id}>
              <tr>
                <th scope="rowgroup" colSpan={narrow ? KINDS.length : 1 + KINDS.length} style={sectionHead}>{s.title}</th>
              </tr>
              {s.lines.map((l) =>
                narrow ? (
                  <Fragment key={l.id}>
                    <tr>
                      <th id={`halfyear-row-${l.id}`} colSpan={KINDS.length} style={{ ...cell, borderBottom: "none", textAlign: "left", fontWeight: tokens.fontWeightRegular, paddingBottom: 0 }}>{l.label}</th>
                    </tr>
                    <tr data-row={l.id}>{KINDS.map((k) => value(l, k, `halfyear-row-${l.id} halfyear-col-${k}`))}</tr>
                  </Fragment>
                ) : (
                  <tr key={l.id} data-row={l.id}>
                    <th scope="row" style={{ ...cell, textAlign: "left", fontWeight: tokens.fontWeightRegular }}>{l.label}</th>
                    {KINDS.map((k) => value(l, k))}
                  </tr>
                ),
              )}
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}

export function HalfYearView(props: { api: Api; t: Strings; lang: "da" | "en"; download: (blob: Blob, name: string) => void }) {
  const { api, t, lang, download } = props;
  const h = t.halfYear;
  const gap = "1rem";
  /** The half-year asked for: none yet means the server's default (the latest that has ended, by the server's clock). */
  const [asked, setAsked] = useState<string>();
  const [data, setData] = useState<HalfYear>();
  const [none, setNone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  /** What the coordinator has written, per half-year (a change of half-year loses nothing). */
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  const [justSaved, setJustSaved] = useState(false);
  const [busy, setBusy] = useState<"csv" | "html">();
  const [fileStatus, setFileStatus] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const failure = (e: unknown, otherwise: string) => (e instanceof ApiError && e.status === 403 ? h.forbidden : otherwise);

  useEffect(() => {
    let gone = false;
    setLoading(true);
    setError(undefined);
    api.halfYear(asked).then(
      (d) => {
        if (gone) return;
        setLoading(false);
        if (!d) return setNone(true);
        setData(d);
      },
      (e) => {
        if (gone) return;
        setLoading(false);
        setError(failure(e, h.failed));
      },
    );
    return () => {
      gone = true;
    };
  }, [api, asked]);

  const choose = (p: string) => {
    if (p === data?.period) return;
    setAsked(p);
    setProblem(undefined);
    setSaveError(undefined);
    setJustSaved(false);
    setFileStatus(undefined);
    setFileError(undefined);
  };

  if (error && !data) return <Body1 role="alert" style={{ display: "block", marginTop: gap }}>{error}</Body1>;
  if (none) return <Body1 as="p" style={{ display: "block", marginTop: gap }} data-testid="halfyear-none">{h.none}</Body1>;
  if (!data) return <Spinner label={t.loading} style={{ marginTop: gap }} />;

  const period = data.period;
  const saved = data.note?.text ?? "";
  const draft = drafts[period] ?? saved;
  const dirty = draft.trim() !== saved;
  const when = (iso: string) => fill(t.cases.when, { date: date(iso, t.locale), time: time(iso) });
  const savedLine = (n: HalfYearNote | null) => (n ? fill(h.savedBy, { by: n.by || t.access.formerMember, when: when(n.at) }) : h.noNote);

  const save = async () => {
    setSaving(true);
    setProblem(undefined);
    setSaveError(undefined);
    setJustSaved(false);
    try {
      const r = await api.saveHalfYearNote(period, draft);
      if (r.kind === "saved") {
        setData((d) => (d && d.period === period ? { ...d, note: r.note } : d));
        setDrafts((ds) => ({ ...ds, [period]: r.note.text }));
        setJustSaved(true);
      } else {
        // The text stays as written: the coordinator takes out what is refused.
        const codes = r.problems.filter((p) => p.field === "note").map((p) => p.code);
        setProblem(codes.map((c) => h.problems[c] ?? h.problems.invalid).filter((x, i, xs) => xs.indexOf(x) === i).join(" ") || h.problems.invalid);
        noteBox.current?.focus();
      }
    } catch (e) {
      setSaveError(failure(e, h.saveFailed));
    }
    setSaving(false);
  };

  const fetchFile = async (format: "csv" | "html") => {
    setBusy(format);
    setFileStatus(undefined);
    setFileError(undefined);
    try {
      const { blob, name } = await api.halfYearFile(period, format);
      download(blob, name);
      setFileStatus(fill(h.downloaded, { file: name }));
    } catch (e) {
      setFileError(failure(e, h.downloadFailed));
    }
    setBusy(undefined);
  };

  const muted = { margin: 0, color: tokens.colorNeutralForeground2 };
  return (
    <div style={{ display: "grid", gap, marginTop: gap, maxWidth: "60rem" }} data-testid="halfyear" data-period={period}>
      <div style={{ display: "grid", gap: "0.5rem" }}>
        <h2 style={{ ...typographyStyles.subtitle1, margin: 0, overflowWrap: "anywhere" }}>{fill(h.title, { half: periodLabel(period, lang) })}</h2>
        <div role="note" style={{ display: "grid", gap: "0.25rem" }}>
          <Body1 as="p" style={{ margin: 0 }}>{h.intro}</Body1>
          <Body1 as="p" style={muted}>{h.privacy}</Body1>
        </div>
      </div>
      <div className="no-print" style={{ display: "flex", flexWrap: "wrap", alignItems: "end", gap }}>
        <Field label={h.period}>
          <Dropdown
            value={periodLabel(period, lang)}
            selectedOptions={[period]}
            onOptionSelect={(_, d) => d.optionValue && choose(d.optionValue)}
            aria-label={h.period}
            clearButton={{ "aria-label": t.clearSelection }}
            style={{ minWidth: "12rem" }}
          >
            {data.periods.map((p) => <Option key={p} value={p}>{periodLabel(p, lang)}</Option>)}
          </Dropdown>
        </Field>
        {loading && <Spinner size="tiny" label={t.loading} />}
      </div>
      {error && <Body1 role="alert">{error}</Body1>}
      {/* Not clipped (a Card's default): on a phone the table's column headers stay in sight as the page scrolls. */}
      <Card style={{ overflow: "visible" }}>
        <FiguresTable data={data} t={t} lang={lang} />
      </Card>
      <Card data-testid="halfyear-note">
        <Field
          label={{ children: h.noteLabel, style: typographyStyles.subtitle2 }}
          hint={h.noteHint}
          validationState={problem ? "error" : "none"}
          validationMessage={problem}
        >
          <Textarea
            ref={noteBox}
            value={draft}
            onChange={(_, d) => {
              setDrafts((ds) => ({ ...ds, [period]: d.value }));
              setJustSaved(false);
            }}
            maxLength={NOTE_MAX}
            resize="vertical"
            rows={4}
          />
        </Field>
        <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.5rem 1rem" }}>
          {/* While saving it only looks disabled: a disabled button would drop the keyboard focus to the top of the page. */}
          <Button appearance="primary" onClick={() => void save()} disabledFocusable={saving || loading} icon={saving ? <Spinner size="tiny" /> : undefined}>{h.save}</Button>
          <Body1 as="p" role="status" data-testid="halfyear-note-status" style={{ margin: 0 }}>
            {justSaved ? `${h.justSaved} ${savedLine(data.note)}` : savedLine(data.note)}
          </Body1>
        </div>
        {saveError && <Body1 role="alert">{saveError}</Body1>}
      </Card>
      <Card data-testid="halfyear-file" className="no-print">
        <Subtitle2 as="h3" style={{ margin: 0 }}>{h.fileTitle}</Subtitle2>
        <Body1 as="p" style={{ margin: 0 }}>{h.fileWhat}</Body1>
        {dirty && (
          <Body1 as="p" id="halfyear-unsaved" data-testid="halfyear-unsaved" style={{ margin: 0, color: tokens.colorPaletteDarkOrangeForeground1 }}>
            {h.unsaved}
          </Body1>
        )}
        <div style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem" }}>
          <Button appearance="primary" aria-describedby={dirty ? "halfyear-unsaved" : undefined} onClick={() => void fetchFile("csv")} disabledFocusable={!!busy || loading} icon={busy === "csv" ? <Spinner size="tiny" /> : undefined}>{h.csv}</Button>
          <Button aria-describedby={dirty ? "halfyear-unsaved" : undefined} onClick={() => void fetchFile("html")} disabledFocusable={!!busy || loading} icon={busy === "html" ? <Spinner size="tiny" /> : undefined}>{h.html}</Button>
        </div>
        <div role="status" data-testid="halfyear-file-status">{fileStatus && <Body1>{fileStatus}</Body1>}</div>
        {fileError && <Body1 role="alert">{fileError}</Body1>}
      </Card>
    </div>
  );
}
