// «Hele landet»: the figures across every corps (computed hourly by the server, with every small figure hidden — also
// what would follow by taking a corps' own figures from the country's). A corps' leaders and coordinators see their
// corps beside the country; the national centre sees the country and its list of corps: municipality, coordinators,
// people who left, and each corps' cases in work as the corps' own leaders see them (hidden there, hidden here).
import { Caption1, Card, CardHeader, Subtitle2, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Api, CorpsListing, Dashboard, Figure, National } from "./api";
import { FigureValue, fill, Note } from "./figures";
import { useNarrow } from "./Implementation";
import type { Strings } from "./strings";

const cell = { padding: "0.4rem 0.5rem", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: "top" } as const;
const head = { ...cell, textAlign: "left", fontWeight: tokens.fontWeightSemibold } as const;

const when = (iso: string, t: Strings) => new Date(iso).toLocaleString(t.locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" });

/** The line that says what the national figures are: how many corps, as of when, and the rule for hiding. */
export function NationalNote(props: { data: National; t: Strings }) {
  const { data, t } = props;
  return (
    <Caption1 as="p" style={{ margin: 0 }} data-testid="national-note">
      {fill(t.national.what, { corps: data.corpsCount, at: when(data.computedAt, t) })}
    </Caption1>
  );
}

/** A few figures of the corps beside the same figures for the country (leaders and coordinators). */
export function Beside(props: { own: Dashboard; national: National; t: Strings; corpsName: string }) {
  const { own, national, t } = props;
  const rows: Array<[string, (d: Dashboard) => Figure]> = [
    [t.national.rows.active, (d) => d.overview.active.total],
    [t.national.rows.opened, (d) => d.overview.newPerQuarter.total],
    [t.national.rows.closed, (d) => d.overview.closedPerQuarter.total],
    [t.national.rows.meanDays, (d) => d.overview.meanDays],
    [t.national.rows.progress, (d) => d.progress.improvingShare],
    [t.national.rows.who5, (d) => d.measures.who5.improvedShare],
    [t.national.rows.prepared, (d) => d.method.preparedShare],
  ];
  return (
    <Card data-testid="national-beside">
      <CardHeader header={<Subtitle2 as="h2" id="beside-title">{t.national.besideTitle}</Subtitle2>} />
      <table aria-labelledby="beside-title" style={{ borderCollapse: "collapse", width: "100%", ...typographyStyles.body1 }}>
        <thead>
          <tr>
            <th scope="col" style={head}>{t.national.figure}</th>
            <th scope="col" style={{ ...head, textAlign: "right", overflowWrap: "anywhere" }}>{props.corpsName}</th>
            <th scope="col" style={{ ...head, textAlign: "right" }}>{t.national.country}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, pick]) => (
            <tr key={label}>
              <th scope="row" style={{ ...cell, textAlign: "left", fontWeight: tokens.fontWeightRegular }}>{label}</th>
              <td style={{ ...cell, textAlign: "right" }} data-testid="beside-own"><FigureValue f={pick(own)} t={t} /></td>
              <td style={{ ...cell, textAlign: "right" }} data-testid="beside-country"><FigureValue f={pick(national)} t={t} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** The national centre's list of corps. */
export function CorpsList(props: { api: Api; t: Strings; failed: (e: unknown) => void }) {
  const { api, t } = props;
  const narrow = useNarrow();
  const [list, setList] = useState<CorpsListing[]>();
  useEffect(() => {
    api.nationalCorps().then((x) => setList(x.corps), props.failed);
  }, [api]);
  if (!list) return null;
  const roleNames = (roles: string[]) => roles.map((r) => t.national.roles[r as keyof typeof t.national.roles] ?? r).join(", ");
  const date = (iso: string) => new Date(iso).toLocaleDateString(t.locale, { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/Copenhagen" });
  const where = (c: CorpsListing) => (
    <>
      <span style={{ fontWeight: tokens.fontWeightSemibold }}>{c.municipality ?? t.national.noMunicipality}</span>
      <Caption1 as="span" style={{ display: "block", color: tokens.colorNeutralForeground3 }}>
        {c.name}
        {c.pending ? ` · ${t.national.pending}` : ""}
        {c.removedAt ? ` · ${fill(t.national.removed, { at: date(c.removedAt) })}` : ""}
      </Caption1>
    </>
  );
  const coordinators = (c: CorpsListing) => (c.coordinators.length > 0 ? c.coordinators.join(", ") : <span style={{ color: tokens.colorPaletteRedForeground1 }}>{t.national.noCoordinator}</span>);
  const departures = (c: CorpsListing) =>
    c.departures.length === 0 ? "–" : c.departures.map((d) => <span key={`${d.name}${d.at}`} style={{ display: "block" }}>{fill(t.national.departure, { name: d.name, roles: roleNames(d.roles), at: date(d.at) })}</span>);
  return (
    <Card data-testid="corps-list">
      <CardHeader header={<Subtitle2 as="h2" id="corps-list-title">{fill(t.national.listTitle, { n: list.length })}</Subtitle2>} description={<Caption1>{t.national.listWhat}</Caption1>} />
      {list.length === 0 ? (
        <Note>{t.national.noCorps}</Note>
      ) : narrow ? (
        // A phone or a side panel: one block per corps, no table to scroll sideways.
        <ul aria-labelledby="corps-list-title" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {list.map((c) => (
            <li key={c.corpsId} data-testid="corps-row" data-corps={c.corpsId} style={{ ...cell, display: "grid", gap: "0.15rem", overflowWrap: "anywhere" }}>
              <div data-cell="">{where(c)}</div>
              <div>
                <Caption1 as="span" style={{ color: tokens.colorNeutralForeground3 }}>{t.national.columns.coordinators}: </Caption1>
                <span data-cell="">{coordinators(c)}</span>
              </div>
              <div>
                <Caption1 as="span" style={{ color: tokens.colorNeutralForeground3 }}>{t.national.columns.active}: </Caption1>
                <span data-cell=""><FigureValue f={c.active} t={t} /></span>
              </div>
              <div>
                <Caption1 as="span" style={{ color: tokens.colorNeutralForeground3 }}>{t.national.columns.departures}: </Caption1>
                <span data-cell="">{departures(c)}</span>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <table aria-labelledby="corps-list-title" style={{ borderCollapse: "collapse", width: "100%", ...typographyStyles.body1 }}>
          <thead>
            <tr>
              <th scope="col" style={head}>{t.national.columns.municipality}</th>
              <th scope="col" style={head}>{t.national.columns.coordinators}</th>
              <th scope="col" style={{ ...head, textAlign: "right" }}>{t.national.columns.active}</th>
              <th scope="col" style={head}>{t.national.columns.departures}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.corpsId} data-testid="corps-row" data-corps={c.corpsId}>
                <th scope="row" data-cell="" style={{ ...cell, textAlign: "left", fontWeight: tokens.fontWeightRegular, overflowWrap: "anywhere" }}>{where(c)}</th>
                <td data-cell="" style={{ ...cell, overflowWrap: "anywhere" }}>{coordinators(c)}</td>
                <td data-cell="" style={{ ...cell, textAlign: "right" }}><FigureValue f={c.active} t={t} /></td>
                <td data-cell="" style={{ ...cell, overflowWrap: "anywhere" }}>{departures(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
