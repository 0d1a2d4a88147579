// Cases per month as bars (chart.js). A hidden month has no bar and is labelled as hidden; the figure never reaches
// the browser.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import type { Group } from "./api";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export function BarChart(props: { series: Array<{ label: string; group: Group; colour: string }>; months: string[]; label: (month: string) => string; hiddenLabel: string; textColour: string; ariaLabel: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const value = (g: Group, m: string) => {
      const f = g.parts[m];
      return f && !("suppressed" in f) ? f.value : null;
    };
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: props.months.map((m) => {
          const hidden = props.series.every((s) => value(s.group, m) === null);
          return hidden ? `${props.label(m)} (${props.hiddenLabel})` : props.label(m);
        }),
        datasets: props.series.map((s) => ({ label: s.label, data: props.months.map((m) => value(s.group, m)), backgroundColor: s.colour })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { ticks: { color: props.textColour } }, y: { beginAtZero: true, ticks: { color: props.textColour, precision: 0 } } },
        plugins: { legend: { labels: { color: props.textColour } } },
      },
    });
    return () => chart.destroy();
  }, [props]);
  return (
    <div style={{ position: "relative", height: "16rem" }}>
      <canvas ref={canvas} role="img" aria-label={props.ariaLabel} />
    </div>
  );
}
