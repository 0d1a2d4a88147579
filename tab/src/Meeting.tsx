// The learning-meeting view (000 §3.2): the meeting guide's phases and reflection questions, each beside the figures
// that inform it, for the chosen period. Printable: the page without its controls.
import { Body1, Button, Card, Subtitle1, Subtitle2, tokens } from "@fluentui/react-components";
import type { Dashboard } from "./api";
import { allHiddenNote, figureAt, methodWhy, Note, Rows } from "./figures";
import type { Strings } from "./strings";

type Question = keyof Strings["meeting"]["questions"];
type Phase = keyof Strings["meeting"]["phases"];

const DIMENSIONS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => `referrals.dimensions.${d}`);
/** How many of the period's closed cases' joint after-reflections named a theme (counted, never read). */
const theme = (name: string) => `learning.themes.${name}`;

/** Which figures sit beside which question. */
const GUIDE: Array<{ phase: Phase; questions: Array<{ q: Question; figures: string[] }> }> = [
  {
    phase: "quality",
    questions: [{ q: "activities", figures: ["method.preparedShare", "method.reflectedShare", "method.timelyShare", "method.checkInsAnsweredShare", theme("method")] }],
  },
  {
    phase: "results",
    questions: [
      { q: "targetGroup", figures: ["referrals.opened", "overview.closeReasons.parts.noContact", "overview.closeReasons.parts.declined", ...DIMENSIONS] },
      { q: "expected", figures: ["progress.improvingShare", "measures.who5.improvedShare", "overview.closeReasons.parts.goalsReached"] },
      { q: "effective", figures: ["overview.closeReasons.parts.goalsReached", "overview.meanDays", theme("relation")] },
      { q: "notIntended", figures: ["overview.closeReasons.parts.noProgress", "overview.closeReasons.parts.citizenEnded", theme("unexpected"), theme("safety")] },
      { q: "unplanned", figures: [theme("network"), theme("contact")] },
      { q: "ownGoals", figures: ["progress.firstMean", "progress.latestMean", "measures.who5.preMean", "measures.who5.postMean", "measures.gse.preMean", "measures.gse.postMean"] },
    ],
  },
  {
    phase: "collaboration",
    questions: [
      { q: "sharedGoals", figures: [] },
      { q: "roles", figures: [theme("coachSupport")] },
      { q: "cooperation", figures: [theme("otherActors")] },
      { q: "rightTime", figures: ["overview.active.total", "overview.newPerQuarter.total", "overview.meanDays"] },
      { q: "assessment", figures: [] },
      { q: "followUp", figures: ["method.checkInsAnsweredShare", theme("nextStep")] },
    ],
  },
  { phase: "decisions", questions: [{ q: "change", figures: ["learning.reflected"] }] },
];

/** A count is its own n; a mean or share says what it rests on. */
const isCount = (path: string) => (path.startsWith("overview.") && path !== "overview.meanDays") || path.startsWith("referrals.") || path.startsWith("learning.");

function labelOf(t: Strings, path: string): string {
  const dim = /^referrals\.dimensions\.(\d)$/.exec(path);
  if (dim) return t.dimensions[dim[1] as "1"];
  const themeOf = /^learning\.themes\.(\w+)$/.exec(path);
  if (themeOf) return t.themes[themeOf[1] as keyof Strings["themes"]];
  const method = /^method\.(\w+)$/.exec(path);
  if (method) return t.methodFigures[method[1] as "preparedShare"];
  return t.figureLabels[path as keyof Strings["figureLabels"]] ?? path;
}

export function Meeting(props: { data: Dashboard; t: Strings; stage: boolean; toPlan: () => void }) {
  const { data, t, stage } = props;
  const gap = stage ? "1.5rem" : "1rem";
  return (
    <div style={{ display: "grid", gap }} data-testid="meeting">
      <Body1 as="p">{t.meeting.intro}</Body1>
      {GUIDE.map(({ phase, questions }, i) => (
        <section key={phase} style={{ display: "grid", gap: "0.75rem", breakInside: "avoid-page" }}>
          <Subtitle1 as="h2">{`${i + 1}. ${t.meeting.phases[phase]}`}</Subtitle1>
          {questions.map(({ q, figures }) => (
            <Card key={q} data-question={q} style={{ display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, ${stage ? "24rem" : "18rem"}), 1fr))`, gap, breakInside: "avoid" }}>
              <Subtitle2 as="h3" style={{ fontWeight: tokens.fontWeightRegular }}>{t.meeting.questions[q]}</Subtitle2>
              <div>
                {figures.length === 0 && <Body1 style={{ color: tokens.colorNeutralForeground3 }}>{t.meeting.noFigures}</Body1>}
                {figures.some((p) => p.startsWith("method.")) && data.method.why && (
                  <Note>{methodWhy(data, t)!}</Note>
                )}
                <Rows
                  rows={figures.flatMap((path) => {
                    const f = figureAt(data, path);
                    return !f || (path.startsWith("method.") && data.method.why) ? [] : [{ label: labelOf(t, path), f, count: isCount(path), testId: `meeting-${q}-${path}` }];
                  })}
                  t={t}
                  allHidden={allHiddenNote(data, t)}
                />
              </div>
            </Card>
          ))}
        </section>
      ))}
      <Body1 as="p">{t.meeting.decide}</Body1>
      <div className="no-print">
        <Button onClick={props.toPlan}>{t.meeting.toPlan}</Button>
      </div>
    </div>
  );
}
