// Counts as bars (chart.js): cases per quarter, or a coach's own conversations per month. A hidden figure has no bar
// and its label says it is hidden; the figure never reaches the browser.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import type { Group } from "./api";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export function BarChart(props: {
  series: Array<{ label: string; group: Group; colour: string }>;
  parts: string[];
  label: (part: string) => string;
  /** The series a part hides (its label then says so: all hidden, or which). */
  hidden?: (part: string) => string[];
  hiddenLabel: string;
  textColour: string;
  ariaLabel: string;
  height: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const value = (g: Group, p: string) => {
      const f = g.parts[p];
      return f && !("suppressed" in f) ? f.value : null;
    };
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        // A label of two lines: the quarter, and "(skjult)" under it when no bar of it may be shown.
        labels: props.parts.map((p) => {
          const hidden = props.hidden?.(p) ?? [];
          if (hidden.length === 0) return props.label(p);
          return [props.label(p), hidden.length === props.series.length ? `(${props.hiddenLabel})` : `(${hidden.join(", ").toLowerCase()}: ${props.hiddenLabel})`];
        }),
        datasets: props.series.map((s) => ({ label: s.label, data: props.parts.map((p) => value(s.group, p)), backgroundColor: s.colour })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { ticks: { color: props.textColour, maxRotation: 0, autoSkip: false } }, y: { beginAtZero: true, ticks: { color: props.textColour, precision: 0 } } },
        plugins: { legend: { labels: { color: props.textColour } } },
      },
    });
    return () => chart.destroy();
  }, [props]);
  return (
    <div style={{ position: "relative", height: props.height }}>
      <canvas ref={canvas} role="img" aria-label={props.ariaLabel} />
    </div>
  );
}
