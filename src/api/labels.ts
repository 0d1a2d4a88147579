// The Danish names of the dashboard's figures, for the CSV export (the tab has its own strings).
const LABELS: Record<string, string> = {
  area: "Område",
  figure: "Tal",
  value: "Værdi",
  period: "Periode",
  "kind.all": "Alle forløb",
  "kind.mentor": "Mentorforløb",
  "kind.relativeCoach": "Pårørendecoachforløb",
  overview: "Overblik",
  progress: "Borgerens progression (1–10)",
  referrals: "Henvisninger",
  measures: "Før- og eftermålinger",
  method: "Metoden i praksis",
  "active.total": "Aktive forløb i alt",
  "active.parts.mentor": "Aktive mentorforløb",
  "active.parts.relativeCoach": "Aktive pårørendecoachforløb",
  "newPerMonth.total": "Nye forløb i perioden",
  "closedPerMonth.total": "Afsluttede forløb i perioden",
  "closeReasons.total": "Afsluttede forløb (årsager i alt)",
  "closeReasons.parts.goalsReached": "Afsluttet: målene nået",
  "closeReasons.parts.noProgress": "Afsluttet: ingen fremskridt — anden indsats",
  "closeReasons.parts.citizenEnded": "Afsluttet: borgeren stoppede",
  "closeReasons.parts.moved": "Afsluttet: flyttet",
  "closeReasons.parts.other": "Afsluttet: andet",
  medianDays: "Varighed, median (dage)",
  firstMean: "Gennemsnit, første måling",
  latestMean: "Gennemsnit, seneste måling",
  improvingShare: "Andel i fremgang (%)",
  opened: "Forløb startet i perioden",
  "who5.preMean": "WHO-5, gennemsnit ved start",
  "who5.postMean": "WHO-5, gennemsnit ved afslutning",
  "who5.improvedShare": "WHO-5, andel med betydelig forbedring (%)",
  "gse.preMean": "Mestringstro (GSE), gennemsnit ved start",
  "gse.postMean": "Mestringstro (GSE), gennemsnit ved afslutning",
  preparedShare: "Samtaler, der var forberedt (%)",
  reflectedShare: "Forberedte samtaler, der blev reflekteret over (%)",
  timelyShare: "Refleksioner skrevet inden for 24 timer (%)",
  checkInsAnsweredShare: "Månedlige statusser besvaret (%)",
};

const DIMENSIONS = ["Bekymrende overbevisning og retorik", "Voldsparathed", "Kriminalitetshistorik", "Bekymrende socialisering og relationer", "Psykisk sårbarhed", "Uddannelse og beskæftigelse", "Personlighedsfaktorer", "Familie", "Netværk og fritid"];

export function csvLabel(path: string): string {
  if (LABELS[path]) return LABELS[path];
  const month = /^(newPerMonth|closedPerMonth)\.parts\.(\d{4}-\d{2})$/.exec(path);
  if (month) return `${month[1] === "newPerMonth" ? "Nye forløb" : "Afsluttede forløb"} ${month[2]}`;
  const dim = /^dimensions\.(\d)$/.exec(path);
  if (dim) return `Henvist for: ${DIMENSIONS[Number(dim[1]) - 1]}`;
  return path;
}

