// The leaders' tab: the corps' figures for a period (every small figure hidden by the server, and said so), the same
// figures beside the learning meeting's reflection questions, and the implementation plan with its checklists.
import { Body1, Button, Caption1, Card, CardHeader, Dropdown, Field, Option, Spinner, Subtitle2, Tab, TabList, Title2, Title3 } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { ApiError, ChooseCorps, type Api, type Dashboard, type Me } from "./api";
import { BarChart } from "./BarChart";
import { fill, FigureValue, monthLabel, Row } from "./figures";
import { Implementation } from "./Implementation";
import { Meeting } from "./Meeting";
import type { Strings } from "./strings";

type View = "overview" | "meeting" | "implementation";

/** The `n` months up to `month` (YYYY-MM), oldest first. */
function lastMonths(month: string, n: number): string[] {
  const [y, m] = month.split("-").map(Number);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 15));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

export function App(props: { api: Api; t: Strings; lang: "da" | "en"; stage: boolean }) {
  const { t, stage } = props;
  // A member of several corps, outside a team's tab: the corps they pick (asked when the server says 409).
  const [api, setApi] = useState(props.api);
  const [corpsChoice, setCorpsChoice] = useState<ChooseCorps["corps"]>();
  const [kind, setKind] = useState<"all" | "mentor" | "relativeCoach">("all");
  const [view, setView] = useState<View>("overview");
  const [me, setMe] = useState<Me>();
  // The months offered and the default period (the twelve months up to this one) follow the server's clock, not
  // the browser's: the figures are the server's, and a meeting room's PC may be set to any date.
  const months = useMemo(() => (me ? lastMonths(me.month, 24) : []), [me]);
  const [period, setPeriod] = useState<{ from: string; to: string }>();
  const from = period?.from ?? "";
  const to = period?.to ?? "";
  const setFrom = (m: string) => setPeriod((p) => p && { ...p, from: m });
  const setTo = (m: string) => setPeriod((p) => p && { ...p, to: m });
  const [data, setData] = useState<Dashboard>();
  const [error, setError] = useState<string>();
  const failed = (e: unknown) =>
    e instanceof ChooseCorps
      ? setCorpsChoice(e.corps)
      : setError(e instanceof ApiError && e.status === 403 ? t.forbidden : e instanceof ApiError && e.status === 401 ? t.unauthorized : t.failed);

  useEffect(() => {
    api.me().then((m) => {
      setMe(m);
      const all = lastMonths(m.month, 24);
      setPeriod({ from: all[12], to: all[23] });
    }, failed);
  }, [api]);
  useEffect(() => {
    if (!period) return;
    setData(undefined);
    setError(undefined);
    api.dashboard({ from: period.from, to: period.to, kind: kind === "all" ? undefined : kind }).then(setData, failed);
  }, [api, period, kind, t]);

  const downloadCsv = async () => {
    const blob = await api.csv({ from, to, kind: kind === "all" ? undefined : kind });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `loft-${from}-${to}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  const gap = stage ? "1.5rem" : "1rem";
  const periodMonths = data ? Object.keys(data.overview.newPerMonth.parts) : [];
  if (corpsChoice) {
    return (
      <main style={{ maxWidth: "32rem", margin: "2rem auto", display: "grid", gap }} data-ready="true">
        <Title2 as="h1">{t.title}</Title2>
        <Body1>{props.lang === "en" ? "You are in more than one corps. Which corps do you want to see?" : "Du er med i flere korps. Hvilket korps vil du se?"}</Body1>
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
  return (
    <main style={{ maxWidth: stage ? "none" : "72rem", margin: "0 auto", padding: gap, fontSize: stage ? "1.25rem" : undefined }} data-ready={data || error ? "true" : "false"}>
      <Title2 as="h1">{me ? `${t.title} · ${me.corps.name}` : t.title}</Title2>
      <TabList className="no-print" selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)} size={stage ? "large" : "medium"}>
        {(["overview", "meeting", "implementation"] as const).map((v) => <Tab key={v} value={v}>{t.views[v]}</Tab>)}
      </TabList>
      {view === "implementation" ? (
        <div style={{ marginTop: gap }}>
          <div className="no-print" style={{ marginBottom: gap }}>
            <Button onClick={() => window.print()}>{t.print}</Button>
          </div>
          <Implementation api={api} t={t} stage={stage} />
        </div>
      ) : (
        <>
          {period && <div className="no-print" style={{ display: "flex", flexWrap: "wrap", gap, margin: `${gap} 0` }}>
            <Field label={t.from}>
              <Dropdown value={monthLabel(from, props.lang)} selectedOptions={[from]} onOptionSelect={(_, d) => d.optionValue && setFrom(d.optionValue)} aria-label={t.from}>
                {months.filter((m) => m <= to).map((m) => <Option key={m} value={m}>{monthLabel(m, props.lang)}</Option>)}
              </Dropdown>
            </Field>
            <Field label={t.to}>
              <Dropdown value={monthLabel(to, props.lang)} selectedOptions={[to]} onOptionSelect={(_, d) => d.optionValue && setTo(d.optionValue)} aria-label={t.to}>
                {months.filter((m) => m >= from).map((m) => <Option key={m} value={m}>{monthLabel(m, props.lang)}</Option>)}
              </Dropdown>
            </Field>
            <Field label={t.kind}>
              <Dropdown value={t.kinds[kind]} selectedOptions={[kind]} onOptionSelect={(_, d) => d.optionValue && setKind(d.optionValue as typeof kind)} aria-label={t.kind}>
                {(["all", "mentor", "relativeCoach"] as const).map((k) => <Option key={k} value={k}>{t.kinds[k]}</Option>)}
              </Dropdown>
            </Field>
          </div>}
          {data && (
            <div className="no-print" style={{ display: "flex", gap, marginBottom: gap }}>
              <Button onClick={() => void downloadCsv()}>{t.exportCsv}</Button>
              <Button onClick={() => window.print()}>{t.print}</Button>
            </div>
          )}
          {error && <Body1 role="alert">{error}</Body1>}
          {!data && !error && <Spinner label={t.loading} />}
          {data && view === "meeting" && (
            <>
              <Caption1 as="p" role="note">{fill(t.suppressedWhy, { n: data.minCases })}</Caption1>
              <Meeting data={data} t={t} stage={stage} toPlan={() => setView("implementation")} />
            </>
          )}
          {data && view === "overview" && (
            <>
              <Caption1 as="p" role="note">{fill(t.suppressedWhy, { n: data.minCases })}</Caption1>
              <div style={{ display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(${stage ? "22rem" : "18rem"}, 1fr))`, gap, marginTop: gap }}>
                <Card>
                  <CardHeader header={<Subtitle2 as="h2">{t.active}</Subtitle2>} />
                  <div data-testid="active-total"><FigureValue f={data.overview.active.total} t={t} big minCases={data.minCases} /></div>
                  {Object.entries(data.overview.active.parts).map(([k, f]) => <Row key={k} label={t.kinds[k as "mentor"]} f={f} t={t} minCases={data.minCases} testId={`active-${k}`} />)}
                </Card>
                <Card>
                  <CardHeader header={<Subtitle2 as="h2">{t.closeReasons}</Subtitle2>} />
                  <Row label={t.total} f={data.overview.closeReasons.total} t={t} minCases={data.minCases} testId="closed-total" />
                  {Object.entries(data.overview.closeReasons.parts).map(([k, f]) => <Row key={k} label={t.reasons[k as "other"]} f={f} t={t} minCases={data.minCases} />)}
                  <Row label={t.medianDays} f={data.overview.medianDays} t={t} minCases={data.minCases} />
                </Card>
                <Card>
                  <CardHeader header={<Subtitle2 as="h2">{t.progress}</Subtitle2>} />
                  <Row label={t.firstMean} f={data.progress.firstMean} t={t} minCases={data.minCases} />
                  <Row label={t.latestMean} f={data.progress.latestMean} t={t} minCases={data.minCases} />
                  <Row label={t.improvingShare} f={data.progress.improvingShare} t={t} minCases={data.minCases} />
                </Card>
                <Card>
                  <CardHeader header={<Subtitle2 as="h2">{t.referrals}</Subtitle2>} />
                  <Row label={t.opened} f={data.referrals.opened} t={t} minCases={data.minCases} />
                  {Object.entries(data.referrals.dimensions).map(([d, f]) => <Row key={d} label={t.dimensions[d as "1"]} f={f} t={t} minCases={data.minCases} />)}
                </Card>
                <Card>
                  <CardHeader header={<Subtitle2 as="h2">{t.method}</Subtitle2>} />
                  {(["preparedShare", "reflectedShare", "timelyShare", "checkInsAnsweredShare"] as const).map((k) => (
                    <Row key={k} label={t.methodFigures[k]} f={data.method[k]} t={t} minCases={data.minCases} testId={`method-${k}`} />
                  ))}
                </Card>
                {(["who5", "gse"] as const).map((m) => (
                  <Card key={m}>
                    <CardHeader header={<Subtitle2 as="h2">{t[m]}</Subtitle2>} />
                    <Row label={t.preMean} f={data.measures[m].preMean} t={t} minCases={data.minCases} testId={`${m}-pre`} />
                    <Row label={t.postMean} f={data.measures[m].postMean} t={t} minCases={data.minCases} />
                    {data.measures[m].improvedShare && <Row label={t.improvedShare} f={data.measures[m].improvedShare!} t={t} minCases={data.minCases} />}
                  </Card>
                ))}
              </div>
              <Card style={{ marginTop: gap }}>
                <CardHeader header={<Title3 as="h2">{t.newPerMonth} · {t.closedPerMonth}</Title3>} />
                <BarChart
                  months={periodMonths}
                  label={(m) => monthLabel(m, props.lang)}
                  hiddenLabel={t.chartHidden}
                  textColour={getComputedStyle(document.body).color}
                  ariaLabel={`${t.newPerMonth}, ${t.closedPerMonth}`}
                  series={[
                    { label: t.newPerMonth, group: data.overview.newPerMonth, colour: "#5b5fc7" },
                    { label: t.closedPerMonth, group: data.overview.closedPerMonth, colour: "#c4314b" },
                  ]}
                />
              </Card>
            </>
          )}
        </>
      )}
    </main>
  );
}
