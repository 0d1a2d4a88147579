// The implementation plan and the two checklists (the implementation guide's appendix), read and edited by the corps'
// leaders and coordinators. Nothing typed is lost: a refused or conflicting save keeps the form as it was written.
import {
  Body1, Button, Caption1, Card, Dropdown, Field, Input, Option, Radio, RadioGroup, Spinner, Subtitle1, Table, TableBody, TableCell,
  TableHeader, TableHeaderCell, TableRow, Textarea, tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, type Api, type Area, type CheckAnswer, type Implementation as Doc, type PlanFields, type PlanRow, type PlanStatus, type SaveOutcome } from "./api";
import { fill } from "./figures";
import type { Strings } from "./strings";

const AREAS: Area[] = ["leadership", "communication", "involvement", "processAndCulture", "organisation", "training", "followUp", "evaluation"];
const STATUSES: PlanStatus[] = ["notStarted", "underway", "done"];
const TEXTS = ["timeline", "activities", "milestones", "responsible", "evaluation"] as const;
const blank = (): PlanFields => ({ timeline: "", area: "leadership", activities: "", milestones: "", responsible: "", status: "notStarted", evaluation: "" });

/** `opener`: the control that opened the form (focus goes back to it when the form closes unsaved). */
type Editing = { id: string; version?: number; fields: PlanFields; problems: Partial<Record<keyof PlanFields, string>>; message?: string; saving?: boolean; opener: string };
/** The form's fields in the order they are shown: the first with a problem takes focus. */
const FORM_ORDER: Array<keyof PlanFields> = ["timeline", "area", "responsible", "status", "activities", "milestones", "evaluation"];

function RowForm(props: { t: Strings; editing: Editing; onChange: (e: Editing) => void; onSave: () => void; onCancel: () => void }) {
  const { t, editing } = props;
  const p = t.plan;
  const set = <K extends keyof PlanFields>(k: K, v: PlanFields[K]) => props.onChange({ ...editing, fields: { ...editing.fields, [k]: v } });
  const text = (k: (typeof TEXTS)[number], multiline: boolean) => (
    <Field label={p.fields[k]} required={k === "activities"} validationMessage={editing.problems[k]} validationState={editing.problems[k] ? "error" : "none"}>
      {multiline ? (
        <Textarea value={editing.fields[k]} onChange={(_, d) => set(k, d.value)} resize="vertical" data-focus={`field-${k}`} />
      ) : (
        <Input value={editing.fields[k]} onChange={(_, d) => set(k, d.value)} data-focus={`field-${k}`} />
      )}
    </Field>
  );
  return (
    <Card className="no-print" data-testid="plan-form" style={{ display: "grid", gap: "0.75rem" }}>
      <div style={{ display: "grid", gap: "0.75rem", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 16rem), 1fr))" }}>
        {text("timeline", false)}
        <Field label={p.fields.area}>
          <Dropdown data-focus="field-area" style={{ minWidth: 0 }} value={p.areas[editing.fields.area]} clearButton={{ "aria-label": t.clearSelection }} selectedOptions={[editing.fields.area]} onOptionSelect={(_, d) => d.optionValue && set("area", d.optionValue as Area)}>
            {AREAS.map((a) => <Option key={a} value={a}>{p.areas[a]}</Option>)}
          </Dropdown>
        </Field>
        {text("responsible", false)}
        <Field label={p.fields.status}>
          <Dropdown data-focus="field-status" style={{ minWidth: 0 }} value={p.statuses[editing.fields.status]} clearButton={{ "aria-label": t.clearSelection }} selectedOptions={[editing.fields.status]} onOptionSelect={(_, d) => d.optionValue && set("status", d.optionValue as PlanStatus)}>
            {STATUSES.map((s) => <Option key={s} value={s}>{p.statuses[s]}</Option>)}
          </Dropdown>
        </Field>
      </div>
      {text("activities", true)}
      {text("milestones", true)}
      {text("evaluation", true)}
      {editing.message && <Body1 role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>{editing.message}</Body1>}
      <div style={{ display: "flex", gap: "0.5rem" }}>
        {/* While saving it only looks disabled: a disabled button would drop the keyboard focus to the top of the page. */}
        <Button appearance="primary" onClick={props.onSave} disabledFocusable={editing.saving}>{p.save}</Button>
        <Button onClick={props.onCancel}>{p.cancel}</Button>
      </div>
    </Card>
  );
}

function Checklist(props: {
  t: Strings;
  id: "preparation" | "ongoing";
  items: string[];
  answers: Record<string, CheckAnswer>;
  onAnswer: (item: string, a: CheckAnswer | null) => void;
  gatherings?: Doc["gatherings"];
}) {
  const { t } = props;
  const c = t.checklists;
  return (
    <Card>
      <Subtitle1 as="h2">{c[props.id]}</Subtitle1>
      {props.items.map((item, i) => (
        <div key={item} data-check={item} style={{ display: "grid", gap: "0.25rem", padding: "0.5rem 0", borderTop: i ? `1px solid ${tokens.colorNeutralStroke2}` : undefined, breakInside: "avoid" }}>
          <Body1 id={`q-${item}`}>{c.items[item as "p1"]}</Body1>
          {props.gatherings?.questions.includes(item) && <Caption1 data-gatherings-held={props.gatherings.held}>{fill(c.gatheringsHeld, { n: props.gatherings.held })}</Caption1>}
          <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.5rem" }}>
            <RadioGroup layout="horizontal" aria-labelledby={`q-${item}`} value={props.answers[item] ?? ""} onChange={(_, d) => props.onAnswer(item, d.value as CheckAnswer)}>
              {(["ja", "delvist", "nej"] as const).map((a, j) => <Radio key={a} value={a} label={c.answers[a]} data-focus={j === 0 ? `check-${item}` : undefined} />)}
            </RadioGroup>
            {props.answers[item] && <Button className="no-print" size="small" appearance="subtle" onClick={() => props.onAnswer(item, null)}>{c.clear}</Button>}
          </div>
        </div>
      ))}
    </Card>
  );
}

/** True on a phone-width window (follows resizing). */
export function useNarrow(): boolean {
  const query = "(max-width: 40rem)";
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, []);
  return narrow;
}

export function Implementation(props: { api: Api; t: Strings; stage: boolean }) {
  const { api, t } = props;
  const p = t.plan;
  const [doc, setDoc] = useState<Doc>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [removing, setRemoving] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const narrow = useNarrow();
  // Keyboard focus never drops to the top of the page when the control that had it goes away (the form closes, a row
  // is deleted, «Ryd» disappears): the next render focuses the element marked data-focus="<key>".
  const view = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string>();
  const focusOn = (key: string) => {
    focusNext.current = key;
  };
  useEffect(() => {
    const key = focusNext.current;
    if (!key || !view.current) return;
    focusNext.current = undefined;
    view.current.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
  });

  useEffect(() => {
    api.implementation().then(setDoc, (e) => setError(e instanceof ApiError && e.status === 403 ? t.forbidden : t.failed));
  }, [api, t]);

  const withRow = (row: PlanRow) => setDoc((d) => d && { ...d, rows: d.rows.some((r) => r.id === row.id) ? d.rows.map((r) => (r.id === row.id ? row : r)) : [...d.rows, row] });

  const save = async () => {
    if (!editing) return;
    setEditing({ ...editing, saving: true, message: undefined });
    let outcome: SaveOutcome;
    try {
      outcome = await api.saveRow(editing.id, editing.fields, editing.version);
    } catch {
      setEditing({ ...editing, saving: false, message: p.failed });
      return;
    }
    if (outcome.kind === "saved") {
      withRow(outcome.row);
      setEditing(undefined);
      setNotice(p.saved);
      focusOn(`edit-${outcome.row.id}`); // the saved row's «Rediger», in the table
    } else if (outcome.kind === "refused") {
      const problems = Object.fromEntries(outcome.problems.map((x) => [x.field, fill(p.problems[x.code] ?? p.problems.invalid, { field: p.fields[x.field] ?? x.field })]));
      setEditing({ ...editing, saving: false, problems, message: undefined }); // each said under its field
      const first = FORM_ORDER.find((k) => k in problems);
      if (first) focusOn(`field-${first}`);
    } else if (outcome.kind === "conflict") {
      if (outcome.row) withRow(outcome.row);
      setEditing({ ...editing, saving: false, version: outcome.row?.version, problems: {}, message: p.conflict });
    } else {
      setEditing({ ...editing, saving: false, message: p.full });
    }
  };

  const remove = async (row: PlanRow) => {
    setRemoving(undefined);
    // Focus on the next row's «Rediger» (or the one before, or «Tilføj aktivitet»): where the row was.
    const rows = doc?.rows ?? [];
    const i = rows.findIndex((r) => r.id === row.id);
    const neighbour = rows[i + 1] ?? rows[i - 1];
    focusOn(neighbour ? `edit-${neighbour.id}` : "add");
    try {
      const outcome = await api.deleteRow(row.id, row.version);
      if (outcome.kind === "conflict") {
        withRow(outcome.row);
        setNotice(p.conflict);
        focusOn(`edit-${row.id}`);
      } else setDoc((d) => d && { ...d, rows: d.rows.filter((r) => r.id !== row.id) });
    } catch {
      setNotice(p.failed);
      focusOn(`remove-${row.id}`);
    }
  };

  const answer = async (item: string, a: CheckAnswer | null) => {
    const before = doc?.checklist[item];
    const set = (v: CheckAnswer | null | undefined) =>
      setDoc((d) => {
        if (!d) return d;
        const { [item]: _, ...rest } = d.checklist;
        return { ...d, checklist: v ? { ...rest, [item]: v } : rest };
      });
    set(a);
    // «Ryd» goes away with the answer: focus on the question's first answer.
    if (a === null) focusOn(`check-${item}`);
    try {
      await api.answer(item, a);
    } catch {
      set(before);
      setNotice(t.checklists.failed);
    }
  };

  /** Edit and delete (asked again inline: Teams does not show the browser's confirm dialog). */
  const actions = (r: PlanRow): ReactNode =>
    removing === r.id ? (
      <div role="group" aria-labelledby={`remove-q-${r.id}`} style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.25rem" }}>
        <Body1 id={`remove-q-${r.id}`}>{fill(p.removeConfirm, { name: r.activities.length > 40 ? `${r.activities.slice(0, 40)}…` : r.activities })}</Body1>
        <Button size="small" appearance="primary" onClick={() => void remove(r)}>{p.remove}</Button>
        <Button
          size="small"
          data-focus={`remove-cancel-${r.id}`}
          onClick={() => {
            setRemoving(undefined);
            focusOn(`remove-${r.id}`);
          }}
        >
          {p.cancel}
        </Button>
      </div>
    ) : (
      <div style={{ display: "flex", gap: "0.25rem" }}>
        <Button
          size="small"
          data-focus={`edit-${r.id}`}
          onClick={() => {
            setEditing({ id: r.id, version: r.version, fields: { timeline: r.timeline, area: r.area, activities: r.activities, milestones: r.milestones, responsible: r.responsible, status: r.status, evaluation: r.evaluation }, problems: {}, opener: `edit-${r.id}` });
            focusOn("field-timeline");
          }}
        >
          {p.edit}
        </Button>
        <Button
          size="small"
          data-focus={`remove-${r.id}`}
          onClick={() => {
            setRemoving(r.id);
            focusOn(`remove-cancel-${r.id}`); // the safe answer first; the group is named by the question
          }}
        >
          {p.remove}
        </Button>
      </div>
    );

  if (error) return <Body1 role="alert">{error}</Body1>;
  if (!doc) return <Spinner label={t.loading} />;
  const startNew = () => {
    setEditing({ id: crypto.randomUUID(), fields: blank(), problems: {}, opener: "add" });
    focusOn("field-timeline"); // the new row's first field
  };
  // The guide's two lists share a question (p6 and o6): it is shown once, in the list for the preparation.
  const asked = new Set(doc.checklists.preparation.map((i) => t.checklists.items[i as "p1"]));
  const ongoing = doc.checklists.ongoing.filter((i) => !asked.has(t.checklists.items[i as "p1"]));
  return (
    <div ref={view} style={{ display: "grid", gap: "1rem" }} data-testid="implementation">
      <Subtitle1 as="h2">{p.title}</Subtitle1>
      <Body1 as="p">{p.intro}</Body1>
      <div aria-live="polite">{notice && <Body1 data-testid="plan-notice">{notice}</Body1>}</div>
      {editing ? (
        <RowForm
          t={t}
          editing={editing}
          onChange={setEditing}
          onSave={() => void save()}
          onCancel={() => {
            setEditing(undefined);
            focusOn(editing.opener); // back to «Tilføj aktivitet» or the row's «Rediger»
          }}
        />
      ) : (
        <div className="no-print">
          <Button appearance="primary" onClick={startNew} data-focus="add">{p.add}</Button>
        </div>
      )}
      {doc.rows.length === 0 ? (
        <Body1>{p.empty}</Body1>
      ) : narrow ? (
        // On a phone: one card per activity, the template's columns as labelled lines.
        <div data-testid="plan-table" style={{ display: "grid", gap: "0.5rem" }}>
          {doc.rows.map((r) => (
            <Card key={r.id} data-row={r.id}>
              {(["timeline", "area", "activities", "milestones", "responsible", "status", "evaluation"] as const).map((k) =>
                r[k] ? (
                  <div key={k} style={{ display: "grid" }}>
                    <Caption1 style={{ color: tokens.colorNeutralForeground3 }}>{p.fields[k]}</Caption1>
                    <Body1 style={{ whiteSpace: "pre-wrap" }}>{k === "area" ? p.areas[r.area] : k === "status" ? p.statuses[r.status] : r[k]}</Body1>
                  </div>
                ) : null,
              )}
              <div className="no-print">{actions(r)}</div>
            </Card>
          ))}
        </div>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <Table aria-label={p.title} data-testid="plan-table" style={{ minWidth: "56rem" }}>
            <TableHeader>
              <TableRow>
                {(["timeline", "area", "activities", "milestones", "responsible", "status", "evaluation"] as const).map((k) => <TableHeaderCell key={k}>{p.fields[k]}</TableHeaderCell>)}
                <TableHeaderCell className="no-print"><span className="visually-hidden">{p.edit}</span></TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {doc.rows.map((r) => (
                <TableRow key={r.id} data-row={r.id}>
                  <TableCell>{r.timeline}</TableCell>
                  <TableCell>{p.areas[r.area]}</TableCell>
                  <TableCell style={{ whiteSpace: "pre-wrap" }}>{r.activities}</TableCell>
                  <TableCell style={{ whiteSpace: "pre-wrap" }}>{r.milestones}</TableCell>
                  <TableCell>{r.responsible}</TableCell>
                  <TableCell>{p.statuses[r.status]}</TableCell>
                  <TableCell style={{ whiteSpace: "pre-wrap" }}>{r.evaluation}</TableCell>
                  <TableCell className="no-print">{actions(r)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Checklist t={t} id="preparation" items={doc.checklists.preparation} answers={doc.checklist} onAnswer={(i, a) => void answer(i, a)} gatherings={doc.gatherings} />
      <Checklist t={t} id="ongoing" items={ongoing} answers={doc.checklist} onAnswer={(i, a) => void answer(i, a)} gatherings={doc.gatherings} />
    </div>
  );
}
