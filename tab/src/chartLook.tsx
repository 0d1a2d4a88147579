// How the charts look in every theme, and their figures as a table. A chart's series take the theme's own foreground
// colours (each at least 3:1 against a card in the default, dark and high-contrast theme — in high contrast they are
// all white), and are told apart by more than colour: bars solid or striped, lines solid or dashed with points of
// different shapes. The figures a chart draws are also a table: always there for a screen reader, shown on request.
import { Button, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";

/** The theme tokens a chart's series take, in order. */
export const SERIES_TOKENS = ["colorBrandForeground1", "colorPaletteRedForeground1", "colorPaletteGreenForeground1", "colorPaletteDarkOrangeForeground1", "colorPaletteBerryForeground1"] as const;
/** The same colours for the page's own legends (CSS variables of the FluentProvider). */
export const seriesColour = (i: number) => tokens[SERIES_TOKENS[i % SERIES_TOKENS.length]];
/** A line series' point shape, and the character that shows it in the page's own legend. */
export const POINT_STYLES = ["circle", "triangle", "rect", "rectRot", "star"] as const;
export const POINT_MARKS = ["●", "▲", "■", "◆", "★"];
/** A line series' dash: solid, dashed, dotted, … */
export const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4]];

/** The theme's colours as the canvas needs them (a canvas cannot read CSS variables). */
export function themeColours(el: Element): { text: string; series: string[] } {
  const css = getComputedStyle(el);
  const token = (name: string, fallback: string) => css.getPropertyValue(`--${name}`).trim() || fallback;
  return { text: token("colorNeutralForeground1", css.color), series: SERIES_TOKENS.map((n) => token(n, css.color)) };
}

/** A bar's fill for series `i`: the first solid, the second striped (diagonal lines, the card showing between them). */
export function barFill(i: number, colour: string): string | CanvasPattern {
  if (i % 2 === 0) return colour;
  const tile = document.createElement("canvas");
  tile.width = tile.height = 8;
  const c = tile.getContext("2d");
  if (!c) return colour;
  c.strokeStyle = colour;
  c.lineWidth = 3;
  c.lineCap = "square";
  // One diagonal per tile, and its ends at the corners so the stripes join from tile to tile.
  c.beginPath();
  c.moveTo(-2, 10);
  c.lineTo(10, -2);
  c.moveTo(-2, 2);
  c.lineTo(2, -2);
  c.moveTo(6, 10);
  c.lineTo(10, 6);
  c.stroke();
  return c.createPattern(tile, "repeat") ?? colour;
}

/**
 * A chart's figures as a table: the chart's parts (quarters, months, days) as rows, its series as columns. Out of
 * sight until asked for (a screen reader reads it all the same); the button shows it.
 */
export function ChartTable(props: {
  caption: string;
  partHeader: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[] }>;
  show: string;
  hide: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const cell = { padding: "0.25rem 0.5rem", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } as const;
  return (
    <div>
      <Button className="no-print" size="small" appearance="subtle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? props.hide : props.show}
      </Button>
      <div id={id} className={open ? undefined : "visually-hidden"} style={open ? { overflowX: "auto", marginTop: "0.5rem" } : undefined} data-testid="chart-table">
        <table style={{ borderCollapse: "collapse", fontSize: tokens.fontSizeBase300 }}>
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col" style={{ ...cell, textAlign: "left" }}>{props.partHeader}</th>
              {props.columns.map((c) => <th key={c} scope="col" style={{ ...cell, textAlign: "right" }}>{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row" style={{ ...cell, textAlign: "left", fontWeight: tokens.fontWeightRegular }}>{r.label}</th>
                {r.cells.map((c, i) => <td key={i} style={{ ...cell, textAlign: "right" }}>{c}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
