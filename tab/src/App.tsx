// The tab: for leaders and coordinators the corps' figures for a fixed period (every small figure hidden by the server,
// and said so), the same figures beside the learning meeting's reflection questions, and the implementation plan; for
// coordinators also the corps' cases with each case's access log and the export for a citizen's access request
// (Forløb), and the half-year's exact figures, note and file for the national centre's questionnaire (Halvårsskema);
// for the corps' data protection officer (DPO) — and its coordinators — the corps' access log (Adgangslog), and nothing
// else for a DPO: no figures, no cases; for a mentor or relative coach their own cases (Mine forløb), which no one else
// sees; and «Hele landet», the figures across every corps — for leaders and coordinators beside their corps' own, for
// the national centre's people with the list of corps municipalities.
import { Body1, Button, Caption1, Dropdown, Field, Option, OptionGroup, Spinner, Tab, TabList, Title2 } from "@fluentui/react-components";
import { Chart } from "chart.js";
import { useEffect, useState } from "react";
import { ApiError, ChooseCorps, type Api, type Dashboard, type Kind, type Me, type National } from "./api";
import { Beside, CorpsList, NationalNote } from "./National";
import { fill, periodLabel, periodPhrase } from "./figures";
import { AccessLogView } from "./AccessLog";
import { CasesView } from "./Cases";
import { HalfYearView } from "./HalfYear";
import { Implementation } from "./Implementation";
import { Meeting } from "./Meeting";
import { MineView } from "./Mine";
import { Overview } from "./Overview";
import type { Strings } from "./strings";

type View = "overview" | "meeting" | "implementation" | "cases" | "halfyear" | "access" | "mine" | "national";
const leads = (me?: Me) => !!me?.roles.some((r) => r === "leader" || r === "coordinator");
const coordinates = (me?: Me) => !!me?.roles.includes("coordinator");
const coaches = (me?: Me) => !!me?.roles.some((r) => r === "mentor" || r === "relativeCoach");
/** Who reads the corps' access log: its DPO and its coordinators. */
const readsLog = (me?: Me) => !!me?.roles.some((r) => r === "dpo" || r === "coordinator");
/** One of the national centre's people. */
const centre = (me?: Me) => !!me?.national;

export function App(props: { api: Api; t: Strings; lang: "da" | "en"; stage: boolean }) {
  const { t, stage, lang } = props;
  // Charts read from across a meeting room: their text a step larger too, like the page's.
  Chart.defaults.font.size = stage ? 16 : 12;
  // A member of several corps, outside a team's tab: the corps they pick (asked when the server says 409).
  const [api, setApi] = useState(props.api);
  const [corpsChoice, setCorpsChoice] = useState<ChooseCorps["corps"]>();
  const [kind, setKind] = useState<Kind>("all");
  const [view, setView] = useState<View>();
  const [me, setMe] = useState<Me>();
  // The period shown: none chosen yet means the server's default (this year by the server's clock, not the browser's:
  // a meeting room's PC may be set to any date); the answer says which periods may be chosen.
  const [period, setPeriod] = useState<string>();
  const [data, setData] = useState<Dashboard>();
  const [national, setNational] = useState<National>();
  const [error, setError] = useState<string>();
  const failed = (e: unknown) =>
    e instanceof ChooseCorps
      ? setCorpsChoice(e.corps)
      : setError(e instanceof ApiError && e.status === 403 ? t.forbidden : e instanceof ApiError && e.status === 401 ? t.unauthorized : t.failed);

  useEffect(() => {
    api.me().then((m) => {
      setMe(m);
      // A DPO (and nothing else) lands on the log — except on a meeting's shared stage, where it is never shown.
      setView(leads(m) ? "overview" : centre(m) ? "national" : coaches(m) ? "mine" : readsLog(m) && !stage ? "access" : undefined);
      if (!leads(m) && !coaches(m) && !readsLog(m) && !centre(m)) setError(t.forbidden);
      if (!leads(m) && !coaches(m) && readsLog(m)) document.title = t.access.pageTitle;
    }, failed);
  }, [api]);
  const nationalShown = view === "national";
  // The corps' own figures: its overview and learning meeting, and beside the country's.
  const figuresShown = leads(me) && (view === "overview" || view === "meeting" || nationalShown);
  useEffect(() => {
    if (!figuresShown) return;
    setData(undefined);
    setError(undefined);
    api.dashboard({ period, kind: kind === "all" ? undefined : kind }).then(setData, failed);
  }, [api, period, kind, figuresShown, t]);
  useEffect(() => {
    if (!nationalShown) return;
    setNational(undefined);
    setError(undefined);
    api.national({ period, kind: kind === "all" ? undefined : kind }).then(setNational, failed);
  }, [api, period, kind, nationalShown, t]);
  // What the period and kind controls are for: the country's figures in «Hele landet», else the corps'.
  const shown: Dashboard | undefined = nationalShown ? national : data;

  const download = (blob: Blob, name: string) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  const downloadCsv = async () => {
    if (!shown) return;
    const q = { period: shown.period.id, kind: kind === "all" ? undefined : kind };
    download(await (nationalShown ? api.nationalCsv(q) : api.csv(q)), `loft-${nationalShown ? "hele-landet-" : ""}${shown.period.id}${kind === "all" ? "" : `-${kind}`}.csv`);
  };
  // The after-reflections' learning for the infohus: the coordinators' to pass on (the server refuses anyone else).
  const downloadLearning = async () => download(await api.learningCsv(), "loft-laering-til-infohuset.csv");
  const gap = stage ? "1.5rem" : "1rem";
  if (corpsChoice) {
    return (
      <main style={{ maxWidth: "32rem", margin: "2rem auto", padding: "0 1rem", display: "grid", gap }} data-ready="true">
        <Title2 as="h1">{t.title}</Title2>
        <Body1>{lang === "en" ? "You are in more than one corps. Which corps do you want to see?" : "Du er med i flere korps. Hvilket korps vil du se?"}</Body1>
        {corpsChoice.map((c) => (
          <Button
            key={c.id}
            onClick={() => {
              setCorpsChoice(undefined);
              setApi(api.inCorps(c.id));
            }}
          >
            {c.name}
          </Button>
        ))}
      </main>
    );
  }
  // «Forløb» is case by case and «Halvårsskema» shows the exact figures (small ones too), both for the coordinator's own
  // screen, and «Adgangslog» names people and cases: none is ever on a meeting's shared stage.
  const views: View[] = [
    ...(leads(me) ? (["overview", "meeting", "implementation"] as const) : []),
    ...(coordinates(me) && !stage ? (["cases", "halfyear"] as const) : []),
    ...(readsLog(me) && !stage ? (["access"] as const) : []),
    ...(coaches(me) ? (["mine"] as const) : []),
    ...(leads(me) || centre(me) ? (["national"] as const) : []),
  ];
  const ready = !!error || (!!me && (!figuresShown || !!data) && (!nationalShown || !!national));
  const heading = leads(me) ? t.title : coaches(me) ? t.mine.title : readsLog(me) ? t.access.title : t.title;
  const byLevel = (level: string) => (shown?.periods ?? []).filter((p) => (level === "year" ? !p.includes("-") : p.includes(level === "half" ? "-H" : "-Q")));
  return (
    <main style={{ maxWidth: stage ? "none" : "72rem", margin: "0 auto", padding: gap }} data-ready={ready ? "true" : "false"}>
      <Title2 as="h1" style={{ overflowWrap: "anywhere" }}>{me?.corps ? `${heading} · ${me.corps.name}` : me ? `Løft · ${t.national.country}` : t.title}</Title2>
      {views.length > 1 && (
        <TabList className="no-print" selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)} size={stage ? "large" : "medium"} style={{ flexWrap: "wrap" }}>
          {views.map((v) => <Tab key={v} value={v}>{t.views[v]}</Tab>)}
        </TabList>
      )}
      {error && <Body1 role="alert" style={{ display: "block", marginTop: gap }}>{error}</Body1>}
      {view === "mine" && <MineView api={api} t={t} lang={lang} stage={stage} />}
      {view === "cases" && <CasesView api={api} t={t} lang={lang} stage={stage} download={download} />}
      {view === "halfyear" && <HalfYearView api={api} t={t} lang={lang} download={download} />}
      {view === "access" && <AccessLogView api={api} t={t} lang={lang} stage={stage} />}
      {me && !view && !error && readsLog(me) && stage && <Body1 style={{ display: "block", marginTop: gap }}>{t.access.notOnStage}</Body1>}
      {view === "implementation" && (
        <div style={{ marginTop: gap }}>
          <div className="no-print" style={{ marginBottom: gap }}>
            <Button onClick={() => window.print()}>{t.print}</Button>
          </div>
          <Implementation api={api} t={t} stage={stage} />
        </div>
      )}
      {(figuresShown || nationalShown) && (
        <>
          {shown && (
            <div className="no-print" style={{ display: "flex", flexWrap: "wrap", alignItems: "end", gap, margin: `${gap} 0` }}>
              <Field label={t.period}>
                <Dropdown value={periodLabel(shown.period.id, lang)} selectedOptions={[shown.period.id]} onOptionSelect={(_, d) => d.optionValue && setPeriod(d.optionValue)} aria-label={t.period} clearButton={{ "aria-label": t.clearSelection }}>
                  {(["year", "half", "quarter"] as const).map((level) => (
                    <OptionGroup key={level} label={t.periodGroups[level]}>
                      {byLevel(level).map((p) => <Option key={p} value={p}>{periodLabel(p, lang)}</Option>)}
                    </OptionGroup>
                  ))}
                </Dropdown>
              </Field>
              <Field label={t.kind}>
                <Dropdown value={t.kinds[kind]} selectedOptions={[kind]} onOptionSelect={(_, d) => d.optionValue && setKind(d.optionValue as Kind)} aria-label={t.kind} clearButton={{ "aria-label": t.clearSelection }}>
                  {(["all", "mentor", "relativeCoach"] as const).map((k) => <Option key={k} value={k}>{t.kinds[k]}</Option>)}
                </Dropdown>
              </Field>
              <Button onClick={() => void downloadCsv()}>{nationalShown ? t.national.exportCsv : t.exportCsv}</Button>
              {view === "meeting" && me?.roles.includes("coordinator") && <Button onClick={() => void downloadLearning().catch(failed)}>{t.exportLearning}</Button>}
              <Button onClick={() => window.print()}>{t.print}</Button>
            </div>
          )}
          {!shown && !error && <Spinner label={t.loading} style={{ marginTop: gap }} />}
          {shown && (
            <div role="note" style={{ display: "grid", gap: "0.25rem", marginBottom: gap }}>
              <Caption1 as="p" style={{ margin: 0 }} data-testid="what-counts">{fill(t.whatCounts, { period: periodPhrase(shown.period.id, lang) })}</Caption1>
              {nationalShown && national ? <NationalNote data={national} t={t} /> : <Caption1 as="p" style={{ margin: 0 }}>{t.suppressedWhy}</Caption1>}
            </div>
          )}
          {nationalShown && national && (
            <div style={{ display: "grid", gap, marginBottom: gap }}>
              {data && me?.corps && <Beside own={data} national={national} t={t} corpsName={me.corps.name} />}
              {centre(me) && !stage && <CorpsList api={api} t={t} failed={failed} />}
              <Overview data={national} t={t} lang={lang} stage={stage} />
            </div>
          )}
          {data && view === "meeting" && <Meeting data={data} t={t} stage={stage} toPlan={() => setView("implementation")} />}
          {data && view === "overview" && <Overview data={data} t={t} lang={lang} stage={stage} />}
        </>
      )}
    </main>
  );
}
