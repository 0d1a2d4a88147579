// Scores over time as lines (chart.js): a case's goal scales, or its progress. Dates on the x axis, in the page's
// language; no time adapter needed (the x axis is linear in milliseconds).
import { Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

export const PALETTE = ["#5b5fc7", "#c4314b", "#13a10e", "#ca5010", "#8764b8"];

export function LineChart(props: {
  series: Array<{ label: string; points: Array<{ at: string; value: number }> }>;
  /** The time shown (the case's: opened to closed or today), so a case's charts share one axis. */
  from: number;
  to: number;
  /** The values marked on the y axis (its ends are the first and the last). */
  yTicks: number[];
  locale: string;
  textColour: string;
  ariaLabel: string;
  height: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const day = (ms: number) => new Date(ms).toLocaleDateString(props.locale, { day: "numeric", month: "short" });
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        datasets: props.series.map((s, i) => ({
          label: s.label,
          data: s.points.map((p) => ({ x: Date.parse(p.at), y: p.value })),
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          pointRadius: 3,
          tension: 0,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: "linear", min: props.from, max: props.to, ticks: { color: props.textColour, callback: (v) => day(Number(v)), maxTicksLimit: 5, maxRotation: 0 } },
          y: {
            min: props.yTicks[0],
            max: props.yTicks[props.yTicks.length - 1],
            ticks: { color: props.textColour },
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
  return (
    <div style={{ position: "relative", height: props.height }}>
      <canvas ref={canvas} role="img" aria-label={props.ariaLabel} />
    </div>
  );
}
