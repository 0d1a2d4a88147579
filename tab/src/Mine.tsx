// Mine forløb: a mentor's or relative coach's own cases over time — goal scores, progress, measures — and how often
// they prepared and reflected (GET /api/mine, which answers the caller's own cases only). No one else sees this page.
import { Body1, Caption1, Card, CardHeader, Spinner, Subtitle1, Subtitle2, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Api, Mine } from "./api";
import { BarChart } from "./BarChart";
import { fill, monthLabel, Note } from "./figures";
import { POINT_MARKS, seriesColour } from "./chartLook";
import { LineChart } from "./LineChart";
import type { Strings } from "./strings";

const date = (iso: string, locale: string) => new Date(iso).toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/Copenhagen" });
const count = (v: number, of?: number, locale?: string) => (of ? `${v} (${Math.round((100 * v) / of).toLocaleString(locale)} %)` : String(v));

function Line(props: { label: string; value: string; testId?: string }) {
  return (
    // On a narrow screen the value goes under its label rather than squeezing it.
    <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "baseline", columnGap: "1rem", padding: "0.2rem 0" }} data-testid={props.testId}>
      <Body1 style={{ flex: "1 1 12rem" }}>{props.label}</Body1>
      <Body1 style={{ fontWeight: tokens.fontWeightSemibold, marginLeft: "auto", textAlign: "right" }}>{props.value}</Body1>
    </div>
  );
}

export function MineView(props: { api: Api; t: Strings; lang: "da" | "en"; stage: boolean }) {
  const { api, t, lang, stage } = props;
  const m = t.mine;
  const [data, setData] = useState<Mine>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.mine().then(setData, () => setFailed(true));
  }, [api]);
  const gap = stage ? "1.5rem" : "1rem";
  if (failed) return <Body1 role="alert">{t.failed}</Body1>;
  if (!data) return <Spinner label={t.loading} style={{ marginTop: gap }} />;
  const lineTable = { partHeader: t.chartTable.date, none: t.chartTable.none, show: t.chartTable.show, hide: t.chartTable.hide };
  const sum = (k: keyof Mine["months"][number]) => data.months.reduce((s, x) => s + (x[k] as number), 0);
  const asGroup = (k: "prepared" | "reflections") => ({ total: { value: sum(k), n: sum(k) }, parts: Object.fromEntries(data.months.map((x) => [x.month, { value: x[k], n: x[k] }])) });
  return (
    <div style={{ display: "grid", gap, marginTop: gap }} data-testid="mine">
      <Caption1 as="p" role="note" style={{ margin: 0 }}>{m.intro}</Caption1>
      <Card data-testid="mine-method">
        <CardHeader header={<Subtitle2 as="h2">{m.method}</Subtitle2>} />
        <div style={{ display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, 16rem), 1fr))`, columnGap: "2rem" }}>
          <div>
            <Line label={m.prepared} value={count(sum("prepared"))} testId="mine-prepared" />
            <Line label={m.reflectedOn} value={count(sum("reflectedOn"), sum("prepared"), t.locale)} />
          </div>
          <div>
            <Line label={m.reflections} value={count(sum("reflections"))} testId="mine-reflections" />
            <Line label={m.within24h} value={count(sum("within24h"), sum("afterPreparation"), t.locale)} />
          </div>
        </div>
        <BarChart
          parts={data.months.map((x) => x.month)}
          label={(x) => monthLabel(x, lang).replace(/\.? \d{4}$/, "")}
          hiddenLabel=""
          ariaLabel={m.perMonth}
          height={stage ? "16rem" : "11rem"}
          series={[
            { label: m.prepared, group: asGroup("prepared") },
            { label: m.reflections, group: asGroup("reflections") },
          ]}
          table={{ partHeader: t.chartTable.month, hidden: "", show: t.chartTable.show, hide: t.chartTable.hide, locale: t.locale }}
        />
      </Card>
      {data.cases.length === 0 && <Body1>{m.noCases}</Body1>}
      <div style={{ display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, ${stage ? "30rem" : "24rem"}), 1fr))`, gap }}>
        {data.cases.map((c) => {
          // A case's charts share its time: from a few days before it opened to its closing, or today.
          const span = { from: Date.parse(c.openedAt) - 3 * 86_400_000, to: Math.max(Date.parse(c.closedAt ?? data.asOf), ...c.progress.map((p) => Date.parse(p.at)), ...c.goals.flatMap((g) => g.scores.map((s) => Date.parse(s.at)))) + 3 * 86_400_000 };
          return (
          <Card key={c.code} data-testid="mine-case" data-code={c.code}>
            <CardHeader
              header={<Subtitle1 as="h2">{`${c.code} · ${t.kinds[c.kind]}`}</Subtitle1>}
              description={
                <Caption1 style={{ color: tokens.colorNeutralForeground3 }}>
                  {[m.statuses[c.status], fill(m.opened, { date: date(c.openedAt, t.locale) }), ...(c.closedAt ? [fill(m.closedOn, { date: date(c.closedAt, t.locale) })] : [])].join(" · ")}
                </Caption1>
              }
            />
            <Subtitle2 as="h3">{m.goals}</Subtitle2>
            {c.goals.some((g) => g.scores.length > 0) ? (
              <>
                <LineChart series={c.goals.map((g) => ({ label: g.text, points: g.scores.map((s) => ({ at: s.at, value: s.score })) }))} {...span} yTicks={[0, 2, 4, 6, 8, 10]} locale={t.locale} ariaLabel={m.goals} table={lineTable} height={stage ? "14rem" : "10rem"} />
                <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {c.goals.map((g, i) => (
                    <li key={g.id} style={{ display: "flex", gap: "0.5rem", alignItems: "baseline" }}>
                      <span aria-hidden="true" style={{ color: seriesColour(i), flex: "0 0 auto" }}>{POINT_MARKS[i % POINT_MARKS.length]}</span>
                      <Body1 style={{ flex: "1 1 auto", minWidth: 0, overflowWrap: "anywhere" }}>{g.text}</Body1>
                      <Body1 style={{ fontWeight: tokens.fontWeightSemibold }}>{g.scores.length ? g.scores[g.scores.length - 1].score : "–"}</Body1>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <Note>{m.noScores}</Note>
            )}
            <Subtitle2 as="h3">{m.progress}</Subtitle2>
            {c.progress.length > 0 ? (
              <LineChart series={[{ label: m.progress, points: c.progress }]} {...span} yTicks={[1, 4, 7, 10]} locale={t.locale} ariaLabel={m.progress} table={lineTable} height={stage ? "10rem" : "7rem"} />
            ) : (
              <Note>{m.noScores}</Note>
            )}
            {(["who5", "gse"] as const).map((i) => {
              const x = c.measures[i];
              if (!x?.pre) return null;
              const value = x.post ? fill(m.measure, { pre: x.pre.score, post: x.post.score, change: `${(x.change ?? 0) > 0 ? "+" : ""}${x.change ?? 0}` }) : fill(m.measureStart, { pre: x.pre.score });
              return <Line key={i} label={t[i]} value={value} />;
            })}
          </Card>
          );
        })}
      </div>
    </div>
  );
}
