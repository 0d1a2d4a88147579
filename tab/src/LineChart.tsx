// Scores over time as lines (chart.js): a case's goal scales, or its progress. Dates on the x axis, in the page's
// language; no time adapter needed (the x axis is linear in milliseconds). Each line takes a theme colour, a dash and a
// point shape of its own (the page's legend shows the shape); the same scores are a table under the chart.
import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import { ChartTable, DASHES, POINT_STYLES, themeColours } from "./chartLook";

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

export function LineChart(props: {
  series: Array<{ label: string; points: Array<{ at: string; value: number }> }>;
  /** The time shown (the case's: opened to closed or today), so a case's charts share one axis. */
  from: number;
  to: number;
  /** The values marked on the y axis (its ends are the first and the last). */
  yTicks: number[];
  locale: string;
  ariaLabel: string;
  height: string;
  /** The table of the same scores: its first column's header, what an empty cell says, its button. */
  table: { partHeader: string; none: string; show: string; hide: string };
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const day = (ms: number) => new Date(ms).toLocaleDateString(props.locale, { day: "numeric", month: "short" });
    const look = themeColours(canvas.current);
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        datasets: props.series.map((s, i) => ({
          label: s.label,
          data: s.points.map((p) => ({ x: Date.parse(p.at), y: p.value })),
          borderColor: look.series[i % look.series.length],
          backgroundColor: look.series[i % look.series.length],
          borderWidth: 2,
          borderDash: DASHES[i % DASHES.length],
          pointStyle: POINT_STYLES[i % POINT_STYLES.length],
          pointRadius: 4,
          tension: 0,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: "linear", min: props.from, max: props.to, ticks: { color: look.text, callback: (v) => day(Number(v)), maxTicksLimit: 5, maxRotation: 0 } },
          y: {
            min: props.yTicks[0],
            max: props.yTicks[props.yTicks.length - 1],
            ticks: { color: look.text },
            afterBuildTicks: (axis) => {
              axis.ticks = props.yTicks.map((value) => ({ value }));
            },
          },
        },
        plugins: {
          // The legend is the page's own (long goal texts wrap there; a canvas legend would cut them).
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => day(items[0].parsed.x ?? 0) } },
        },
      },
    });
    return () => chart.destroy();
  }, [props]);
  // The table: one row a day with a score, one column a series.
  const days = [...new Set(props.series.flatMap((s) => s.points.map((p) => p.at.slice(0, 10))))].sort();
  const date = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(props.locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const at = (s: (typeof props.series)[number], d: string) => {
    const p = s.points.filter((x) => x.at.slice(0, 10) === d);
    return p.length ? p.map((x) => x.value.toLocaleString(props.locale)).join(", ") : props.table.none;
  };
  return (
    <>
      <div style={{ position: "relative", height: props.height }}>
        <canvas ref={canvas} role="img" aria-label={props.ariaLabel} />
      </div>
      <ChartTable
        caption={props.ariaLabel}
        partHeader={props.table.partHeader}
        columns={props.series.map((s) => s.label)}
        rows={days.map((d) => ({ label: date(d), cells: props.series.map((s) => at(s, d)) }))}
        show={props.table.show}
        hide={props.table.hide}
      />
    </>
  );
}
