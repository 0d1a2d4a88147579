// The Danish names of the dashboard's figures, for the CSV export (the tab has its own strings).
import { THEME_NAMES } from "../domain/after-reflection";
import { periodOf } from "../domain/periods";

/** What a hidden figure says in the CSV: the same for every hidden figure, small or hidden to protect a small one. */
export const CSV_HIDDEN = "skjult (under 5 forløb)";

const LABELS: Record<string, string> = {
  area: "Område",
  figure: "Tal",
  value: "Værdi",
  n: "Antal forløb (n)",
  period: "Periode",
  "kind.all": "Alle forløb",
  "kind.mentor": "Mentorforløb",
  "kind.relativeCoach": "Pårørendecoachforløb",
  overview: "Overblik",
  progress: "Borgerens progression (1–10), forløb med en score i perioden",
  referrals: "Henvisninger, forløb startet i perioden",
  measures: "Før- og eftermålinger taget i perioden",
  learning: "Efterrefleksioner over forløb afsluttet i perioden",
  reflected: "Forløb med fælles efterrefleksion",
  method: "Metoden i praksis",
  "active.total": "Aktive forløb i dag",
  "active.parts.mentor": "Aktive mentorforløb i dag",
  "active.parts.relativeCoach": "Aktive pårørendecoachforløb i dag",
  "newPerQuarter.total": "Nye forløb i perioden",
  "closedPerQuarter.total": "Afsluttede forløb i perioden",
  "closeReasons.total": "Afsluttede forløb (årsager i alt)",
  "closeReasons.parts.goalsReached": "Afsluttet: de vigtigste mål er nået",
  "closeReasons.parts.noProgress": "Afsluttet: ingen fremskridt — en anden indsats tager over",
  "closeReasons.parts.citizenEnded": "Afsluttet: borgeren har selv valgt at stoppe",
  "closeReasons.parts.moved": "Afsluttet: borgeren er flyttet",
  "closeReasons.parts.noContact": "Afsluttet: kontakt ikke etableret",
  "closeReasons.parts.declined": "Afsluttet: borgeren takkede nej",
  "closeReasons.parts.other": "Afsluttet: andet",
  meanDays: "Varighed af afsluttede forløb fra start, gennemsnit (dage)",
  firstMean: "Gennemsnit, første score",
  latestMean: "Gennemsnit, seneste score i perioden",
  improvingShare: "Andel borgere med fremgang i progression (%)",
  opened: "Forløb startet i perioden",
  "who5.preMean": "WHO-5, gennemsnit af førmålinger",
  "who5.postMean": "WHO-5, gennemsnit af eftermålinger",
  "who5.improvedShare": "WHO-5, andel med betydelig forbedring (%)",
  "gse.preMean": "Mestringstro (GSE), gennemsnit af førmålinger",
  "gse.postMean": "Mestringstro (GSE), gennemsnit af eftermålinger",
  preparedShare: "Samtaler, der var forberedt (%)",
  reflectedShare: "Forberedte samtaler, der blev reflekteret over (%)",
  timelyShare: "Refleksioner skrevet inden for 24 timer (%)",
  checkInsAnsweredShare: "Månedlige statusser besvaret (%)",
};

const DIMENSIONS = ["Bekymrende overbevisning og retorik", "Voldsparathed", "Kriminalitetshistorik", "Bekymrende socialisering og relationer", "Psykisk sårbarhed", "Uddannelse og beskæftigelse", "Personlighedsfaktorer", "Familie", "Netværk og fritid"];

/** "2026", "1. halvår 2026", "3. kvartal 2026". */
export function periodLabel(id: string): string {
  const p = periodOf(id);
  return p.level === "year" ? String(p.year) : `${id.slice(-1)}. ${p.level === "half" ? "halvår" : "kvartal"} ${p.year}`;
}

export function csvLabel(path: string): string {
  if (LABELS[path]) return LABELS[path];
  const period = /^period\.(.+)$/.exec(path);
  if (period) return periodLabel(period[1]);
  const quarter = /^(newPerQuarter|closedPerQuarter)\.parts\.(\d{4}-Q\d)$/.exec(path);
  if (quarter) return `${quarter[1] === "newPerQuarter" ? "Nye forløb" : "Afsluttede forløb"}, ${periodLabel(quarter[2])}`;
  const theme = /^themes\.(\w+)$/.exec(path);
  if (theme && theme[1] in THEME_NAMES) return `Tema: ${THEME_NAMES[theme[1] as keyof typeof THEME_NAMES].da}`;
  const dim = /^dimensions\.(\d)$/.exec(path);
  if (dim) return `Henvist for: ${DIMENSIONS[Number(dim[1]) - 1]}`;
  return path;
}
