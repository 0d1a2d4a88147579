// The leaders' overview of one period: today's active cases, the cases of the period, closing reasons, progress,
// referrals, start and end measures and how the method is followed — each figure with what it rests on.
import { Card, CardHeader, Caption1, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Dashboard, MethodShare } from "./api";
import { BarChart } from "./BarChart";
import { allHiddenNote, FigureValue, fill, isHidden, methodWhy, Note, periodLabel, Rows } from "./figures";
import type { Strings } from "./strings";

const METHOD: MethodShare[] = ["preparedShare", "reflectedShare", "timelyShare", "checkInsAnsweredShare"];

/** A card of figures: its title, what its figures are (`what`, if they need saying) and which cases they count (`who`). */
function Box(props: { title: string; what?: string; who?: string; children: ReactNode; testId?: string }) {
  const lines = [props.what, props.who].filter((x): x is string => !!x);
  return (
    <Card data-testid={props.testId}>
      <CardHeader
        header={<Subtitle2 as="h2">{props.title}</Subtitle2>}
        description={lines.length > 0 ? <div>{lines.map((x) => <Caption1 key={x} as="p" style={{ display: "block", color: tokens.colorNeutralForeground3, margin: 0 }}>{x}</Caption1>)}</div> : undefined}
      />
      <div>{props.children}</div>
    </Card>
  );
}

export function Overview(props: { data: Dashboard; t: Strings; lang: "da" | "en"; stage: boolean }) {
  const { data: d, t, lang, stage } = props;
  const gap = stage ? "1.5rem" : "1rem";
  const o = d.overview;
  const quarters = d.period.quarters;
  const why = methodWhy(d, t);
  const allHidden = allHiddenNote(d, t);
  // The quarterly chart, if any quarter has a bar to show; its labels say which series a quarter hides.
  const series = [
    { label: t.newInPeriod, group: o.newPerQuarter },
    { label: t.closedInPeriod, group: o.closedPerQuarter },
  ];
  const bar = (g: typeof o.newPerQuarter, q: string) => g.parts[q] && !isHidden(g.parts[q]) && (g.parts[q] as { value: number }).value > 0;
  const anyBar = quarters.some((q) => series.some((s) => bar(s.group, q)));
  return (
    <>
      <div style={{ display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, ${stage ? "24rem" : "18rem"}), 1fr))`, gap }}>
        <Box title={t.active} testId="card-active">
          {isHidden(o.active.total) ? (
            <Note testId="all-hidden">{fill(t.allHidden, { n: d.minCases })}</Note>
          ) : (
            <>
              <div data-testid="active-total">
                <FigureValue f={o.active.total} t={t} big />
              </div>
              {d.kind === "all" && <Rows rows={Object.entries(o.active.parts).map(([k, f]) => ({ label: t.kinds[k as "mentor"], f, testId: `active-${k}` }))} t={t} allHidden={allHidden} count />}
            </>
          )}
        </Box>
        <Box title={t.inPeriod} testId="card-period">
          <Rows
            rows={[
              { label: t.newInPeriod, f: o.newPerQuarter.total, testId: "new-total", count: true },
              { label: t.closedInPeriod, f: o.closeReasons.total, testId: "closed-total", count: true },
              { label: t.meanDays, f: o.meanDays },
            ]}
            t={t}
            allHidden={allHidden}
          />
        </Box>
        <Box title={t.closeReasons}>
          <Rows rows={Object.entries(o.closeReasons.parts).map(([k, f]) => ({ label: t.reasons[k as "other"], f }))} t={t} allHidden={allHidden} count />
        </Box>
        <Box title={t.progress} what={t.progressWhat} who={t.progressWho} testId="card-progress">
          <Rows rows={[{ label: t.firstMean, f: d.progress.firstMean }, { label: t.latestMean, f: d.progress.latestMean }, { label: t.improvingShare, f: d.progress.improvingShare }]} t={t} allHidden={allHidden} />
        </Box>
        <Box title={t.method} who={why ? undefined : fill(t.methodWho, { p: d.minPractitioners, n: d.minCases })} testId="card-method">
          {why ? <Note testId="method-why">{why}</Note> : <Rows rows={METHOD.map((k) => ({ label: t.methodFigures[k], f: d.method[k], testId: `method-${k}` }))} t={t} allHidden={allHidden} />}
        </Box>
        {(["who5", "gse"] as const).map((m) => (
          <Box key={m} title={t[m]} who={t.measuresWho}>
            <Rows
              rows={[
                { label: t.preMean, f: d.measures[m].preMean, testId: `${m}-pre` },
                { label: t.postMean, f: d.measures[m].postMean },
                ...(m === "who5" ? [{ label: t.improvedShare, f: d.measures.who5.improvedShare }] : []),
              ]}
              t={t}
              allHidden={allHidden}
            />
          </Box>
        ))}
        <Box title={t.referrals} who={t.referralsWho}>
          <Rows rows={[{ label: t.opened, f: d.referrals.opened }, ...(isHidden(d.referrals.opened) ? [] : Object.entries(d.referrals.dimensions).map(([k, f]) => ({ label: t.dimensions[k as "1"], f })))]} t={t} allHidden={allHidden} count />
        </Box>
      </div>
      {quarters.length > 1 && (
        <Card style={{ marginTop: gap }} data-testid="card-quarters">
          <CardHeader header={<Subtitle2 as="h2">{t.perQuarter}</Subtitle2>} />
          {anyBar ? (
            <BarChart
              parts={quarters}
              label={(q) => periodLabel(q, lang, true)}
              hidden={(q) => series.filter((s) => isHidden(s.group.parts[q])).map((s) => s.label)}
              hiddenLabel={t.chartHidden}
              ariaLabel={t.perQuarter}
              height={stage ? "20rem" : "14rem"}
              series={series}
              table={{ partHeader: t.chartTable.quarter, hidden: fill(t.chartTable.hidden, { n: d.minCases }), show: t.chartTable.show, hide: t.chartTable.hide, locale: t.locale }}
            />
          ) : (
            <Note testId="quarters-none">{t.chartNothing}</Note>
          )}
        </Card>
      )}
    </>
  );
}
