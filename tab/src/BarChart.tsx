// Counts as bars (chart.js): cases per quarter, or a coach's own conversations per month. A hidden figure has no bar
// and its label says it is hidden; the figure never reaches the browser. The bars take the theme's colours, the
// second series striped; the same figures are a table under the chart (hidden ones said so in words).
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from "chart.js";
import { useEffect, useRef } from "react";
import type { Group } from "./api";
import { barFill, ChartTable, themeColours } from "./chartLook";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Where each bar is drawn, on the canvas as data-bars (CSS pixels): what a test samples the canvas at. */
const barsAttribute: Plugin<"bar"> = {
  id: "loftBars",
  afterDraw(chart) {
    const bars = chart.data.datasets.flatMap((_, s) =>
      chart.getDatasetMeta(s).data.map((el) => {
        const { x, y, base, width } = el.getProps(["x", "y", "base", "width"], true) as { x: number; y: number; base: number; width: number };
        return { series: s, x: Math.round(x - width / 2), y: Math.round(Math.min(y, base)), width: Math.round(width), height: Math.round(Math.abs(base - y)) };
      }),
    );
    chart.canvas.setAttribute("data-bars", JSON.stringify(bars.filter((b) => b.height > 0)));
  },
};

export function BarChart(props: {
  series: Array<{ label: string; group: Group }>;
  parts: string[];
  label: (part: string) => string;
  /** The series a part hides (its label then says so: all hidden, or which). */
  hidden?: (part: string) => string[];
  hiddenLabel: string;
  ariaLabel: string;
  height: string;
  /** The table of the same figures: its first column's header, what a hidden figure says, its button, the locale. */
  table: { partHeader: string; hidden: string; show: string; hide: string; locale: string };
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const value = (g: Group, p: string) => {
      const f = g.parts[p];
      return f && !("suppressed" in f) ? f.value : null;
    };
    const look = themeColours(canvas.current);
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        // A label of two lines: the quarter, and "(skjult)" under it when no bar of it may be shown.
        labels: props.parts.map((p) => {
          const hidden = props.hidden?.(p) ?? [];
          if (hidden.length === 0) return props.label(p);
          return [props.label(p), hidden.length === props.series.length ? `(${props.hiddenLabel})` : `(${hidden.join(", ").toLowerCase()}: ${props.hiddenLabel})`];
        }),
        datasets: props.series.map((s, i) => {
          const colour = look.series[i % look.series.length];
          return { label: s.label, data: props.parts.map((p) => value(s.group, p)), backgroundColor: barFill(i, colour), borderColor: colour, borderWidth: 2 };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { ticks: { color: look.text, maxRotation: 0, autoSkip: false } }, y: { beginAtZero: true, ticks: { color: look.text, precision: 0 } } },
        plugins: { legend: { labels: { color: look.text } } },
      },
      plugins: [barsAttribute],
    });
    return () => chart.destroy();
  }, [props]);
  const cell = (g: Group, p: string) => {
    const f = g.parts[p];
    if (!f) return "–";
    if ("suppressed" in f) return props.table.hidden;
    return f.value === null ? "–" : f.value.toLocaleString(props.table.locale);
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
        rows={props.parts.map((p) => ({ label: props.label(p), cells: props.series.map((s) => cell(s.group, p)) }))}
        show={props.table.show}
        hide={props.table.hide}
      />
    </>
  );
}
