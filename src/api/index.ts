// The tab's JSON API. Every request carries the Teams SSO token as a bearer token (src/auth/tokens.ts): no token or a
// refused one → 401; a valid caller who has no role in a corps → 403. Answers are for the caller's corps only, by role.
import express from "express";
import { z } from "zod";
import type { TokenVerifier } from "../auth/tokens";
import { TokenRefused, type Caller } from "../auth/tokens";
import { nationalReader } from "../store/national";
import { lendingsUnderWay } from "../store/lending";
import { corpsName, type Lending } from "../domain/lending";
import { DEMO } from "../domain/demo";
import { monthOf, shortDateOf } from "../domain/time";
import { learningRows, THEME_NAMES } from "../domain/after-reflection";
import { flowName } from "../domain/access-log";
import { caseExport, exportHtml } from "./export";
import { toCsv } from "../domain/csv";
import type { Clock } from "../domain/clock";
import { dashboardCsv, viewOf, type Dashboard, type DashboardQuery as FiguresQuestion } from "../domain/dashboard";
import { mineOf } from "../domain/mine";
import { defaultPeriod, PeriodId, periodsAt, windowPeriods } from "../domain/periods";
import { CSV_HIDDEN, csvLabel } from "./labels";
import { GATHERING_QUESTIONS, heldInYear, yearOf } from "../domain/gatherings";
import { answerCheck, CHECK_ANSWERS, CHECK_ITEMS, CHECKLISTS, deletePlanRow, planRowProblems, savePlanRow, type PlanChange } from "../domain/implementation";
import { CaseKind, type AfterReflectionEntry, type Case } from "../domain/model";
import { lookUpNow, type Who } from "../store/identity";
import type { Logger } from "../log";
import type { Repositories } from "../store/repositories";
import { accessRecorder, casesFor, corpsAccessLog } from "../store/access";
import { leadsCorps } from "../domain/access";
import { decideErase } from "../domain/erasure";
import { centreFigures, exactFigures, finishedHalves, halfName, HalfYearNote, halfYearNoteId } from "../domain/halfyear";
import { releaseOf } from "../domain/dashboard";
import { findIdentifiers } from "../domain/privacy";
import { municipalityByCode } from "../domain/municipalities";
import { halfYearCsv, halfYearHtml } from "./halfyear";

/** A fixed period (a quarter, half-year or year of the window that has begun) and a kind filter; nothing else. */
/** The learning export's columns and the kinds' names (Danish, as the CSV of the figures). */
const LEARNING_HEADER = ["Forløbskode", "Forløbstype", "Afsluttet", "Temaer", "Læring til infohuset"];
const LEARNING_KIND = { mentor: "Mentorforløb", relativeCoach: "Pårørendecoachforløb" } as const;

/** The tab's language (Teams' locale) for words the server names, e.g. an access-log line's flow; Danish by default. */
const LangQuery = z.object({ lang: z.enum(["da", "en"]).optional() }).strict();
const DashboardQuery = z.object({ period: PeriodId.optional(), kind: CaseKind.optional() }).strict();

export function createApi(deps: {
  repos: Repositories;
  verify: TokenVerifier;
  clock: Clock;
  log: Logger;
  /** Local mode only: sign in as someone in the directory (a dev-issuer token), so the tab opens in a plain browser. */
  devSignIn?: { token: (aadObjectId: string, tenantId: string) => Promise<string> };
  /** The national centre's people (`tenantId/objectId`, lower case: NATIONAL_CENTRE). */
  nationalCentre?: readonly string[];
}): express.Router {
  const { repos, verify, clock, log, devSignIn } = deps;
  const centre = new Set(deps.nationalCentre ?? []);
  const isNational = (c: { tenantId: string; aadObjectId: string }) => centre.has(`${c.tenantId}/${c.aadObjectId}`.toLowerCase());
  const national = nationalReader(repos, clock, log);
  const api = express.Router();

  if (devSignIn) {
    // Who can be signed in as — everyone with a role in any corps in the store (the demo's, and one a local trial made
    // by adding Løft to a team), once per person with their corps — and a token for one of them. Never in production.
    const signable = async () => {
      const people = new Map<string, { aadObjectId: string; tenantId: string; name: string; roles: string[]; corps: string[] }>();
      for (const corps of await repos.corps.list()) {
        if (corps.removedAt) continue;
        for (const m of await repos.members.list(corps.corpsId)) {
          if (m.roles.length === 0) continue;
          const key = `${corps.tenantId}:${m.aadObjectId}`.toLowerCase();
          const p = people.get(key) ?? { aadObjectId: m.aadObjectId, tenantId: corps.tenantId, name: m.name, roles: [], corps: [] };
          people.set(key, { ...p, roles: [...new Set([...p.roles, ...m.roles])], corps: [...p.corps, corps.name] });
        }
      }
      // The national centre's people, who need no corps.
      for (const id of centre) {
        const [tenantId, aadObjectId] = id.split("/");
        const p = people.get(id) ?? { aadObjectId, tenantId, name: aadObjectId === DEMO.national ? "Nina Nationalt Center" : aadObjectId, roles: [], corps: [] };
        people.set(id, { ...p, roles: [...p.roles, "national"], corps: p.corps.length > 0 ? p.corps : ["Nationalt center"] });
      }
      return [...people.values()].sort((a, b) => a.corps[0].localeCompare(b.corps[0]) || a.name.localeCompare(b.name));
    };
    api.get("/dev/users", async (_req, res, next) => {
      try {
        res.json({ users: await signable() });
      } catch (e) {
        next(e);
      }
    });
    api.post("/dev/token", express.json({ limit: "1kb" }), async (req, res, next) => {
      try {
        const body = z.object({ aadObjectId: z.string().uuid(), tenantId: z.string().uuid() }).strict().safeParse(req.body);
        if (!body.success) {
          res.status(400).json({ error: "invalid body" });
          return;
        }
        const { aadObjectId, tenantId } = body.data;
        // Only someone the store knows, in the tenant of a corps they have a role in.
        const known = (await signable()).some((p) => p.aadObjectId.toLowerCase() === aadObjectId.toLowerCase() && p.tenantId.toLowerCase() === tenantId.toLowerCase());
        if (!known) {
          res.status(404).json({ error: "unknown user" });
          return;
        }
        res.json({ token: await devSignIn.token(aadObjectId, tenantId) });
      } catch (e) {
        next(e);
      }
    });
  }

  /**
   * The caller from the token, then their corps and member document; 401 / 403 / 409 answered here. The token names no
   * team: the tab sends its Teams context's team (X-Loft-Team) — that team's corps, 403 for a caller not in it — or
   * the corps the user picked in the tab (X-Loft-Corps). Without either: the caller's one corps, or the one they chose
   * in their chat with Løft, or 409 with the corps to choose from. Nothing is remembered: a role change counts at once.
   */
  async function callerOf(req: express.Request, res: express.Response) {
    try {
      return await verify(req.headers.authorization);
    } catch (e) {
      if (!(e instanceof TokenRefused)) throw e;
      log.info({ event: "api.unauthorized", path: req.path, reason: e.reason }, "token refused");
      res.status(401).setHeader("WWW-Authenticate", 'Bearer error="invalid_token"').json({ error: "unauthorized" });
      return undefined;
    }
  }

  async function who(req: express.Request, res: express.Response, caller?: Caller): Promise<Who | undefined> {
    caller ??= await callerOf(req, res);
    if (!caller) return undefined;
    const teamId = req.get("x-loft-team")?.trim() || undefined;
    const corpsId = req.get("x-loft-corps")?.trim() || undefined;
    const found =
      (teamId !== undefined && !/^[\w:@.;=-]{1,200}$/.test(teamId)) || (corpsId !== undefined && !/^[a-z0-9-]{1,64}$/.test(corpsId))
        ? ({ kind: "none" } as const)
        : await lookUpNow(repos, caller.tenantId, caller.aadObjectId, { teamId, corpsId });
    if (found.kind === "choose" && corpsId === undefined) {
      log.info({ event: "api.chooseCorps", path: req.path, corps: found.options.length }, "member of several corps: which one?");
      res.status(409).json({ error: "choose corps", corps: found.options.map((o) => ({ id: o.corpsId, name: o.name })) });
      return undefined;
    }
    if (found.kind !== "found" || found.who.member.roles.length === 0 || (corpsId !== undefined && found.who.corps.corpsId !== corpsId)) {
      log.info({ event: "api.forbidden", path: req.path }, "no role in a corps");
      res.status(403).json({ error: "forbidden" });
      return undefined;
    }
    return found.who;
  }

  const route = (handler: (w: Who, req: express.Request, res: express.Response) => Promise<void>) => async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      const w = await who(req, res);
      if (w) await handler(w, req, res);
    } catch (e) {
      next(e);
    }
  };

  /** A route for the corps' coordinators only: anyone else with a role gets 403. */
  const forCoordinators = (handler: (w: Who, req: express.Request, res: express.Response) => Promise<void>) =>
    route(async (w, req, res) => {
      if (!w.member.roles.includes("coordinator")) {
        res.status(403).json({ error: "forbidden" });
        return;
      }
      await handler(w, req, res);
    });

  api.get("/me", async (req, res, next) => {
    try {
      const caller = await callerOf(req, res);
      if (!caller) return;
      // The national centre's people need no corps: without one (or outside a team's tab) they are the centre only.
      if (isNational(caller) && !req.get("x-loft-team") && !req.get("x-loft-corps")) {
        const found = await lookUpNow(repos, caller.tenantId, caller.aadObjectId);
        if (found.kind !== "found" || found.who.member.roles.length === 0) {
          res.json({ name: null, roles: [], national: true, corps: null, month: monthOf(clock()) });
          return;
        }
      }
      const w = await who(req, res, caller);
      if (!w) return;
      const { corps, member } = w;
      res.json({ name: member.name, roles: member.roles, ...(isNational(caller) ? { national: true } : {}), corps: { name: corps.name, municipalityCode: corps.municipalityCode }, month: monthOf(clock()) });
    } catch (e) {
      next(e);
    }
  });

  /** A question for the figures (a corps' or the country's): a fixed period that has begun (default this year) and a kind; 400 otherwise. */
  function figuresQuery(req: express.Request, res: express.Response, now: Date): FiguresQuestion | undefined {
    const q = DashboardQuery.safeParse(req.query);
    if (!q.success || (q.data.period && !periodsAt(now).includes(q.data.period))) {
      res.status(400).json({ error: "invalid query", issues: q.success ? ["period"] : q.error.issues.map((x) => x.path.join(".") || x.message), periods: periodsAt(now) });
      return undefined;
    }
    return { period: q.data.period ?? defaultPeriod(now), kind: q.data.kind };
  }

  /** The corps' lendings under way, both ways, as the coordinators' case list shows them. */
  async function lendingLines(corpsId: string, cases: readonly Case[]) {
    const { borrowed, lent } = await lendingsUnderWay({ repos }, corpsId);
    if (borrowed.length + lent.length === 0) return { borrowed: [], lent: [] };
    const names = new Map((await repos.corps.list()).map((c) => [c.corpsId, corpsName(c)]));
    const line = (l: Lending, other: string) => ({ kind: l.kind, corps: names.get(other) ?? "?", guest: l.guest?.name ?? null, status: l.status, since: l.answeredAt ?? l.askedAt });
    return {
      borrowed: borrowed.map((l) => ({ ...line(l, l.lenderCorpsId), caseId: l.caseId, code: cases.find((c) => c.id === l.caseId)?.code ?? null })),
      lent: lent.map((l) => line(l, l.corpsId)),
    };
  }

  // ── The national view (issue 24, src/domain/national.ts): the national centre, and every corps' leaders ─────────

  /**
   * The national figures for a period and kind: for the national centre's people, and for a corps' leaders and
   * coordinators (to see their corps beside the country's); the same table, the same hidden cells, whoever asks.
   */
  async function nationalFor(req: express.Request, res: express.Response): Promise<{ d: Dashboard; computedAt: string; corps: number } | undefined> {
    const caller = await callerOf(req, res);
    if (!caller) return undefined;
    if (!isNational(caller)) {
      const w = await who(req, res, caller);
      if (!w) return undefined;
      if (!leadsCorps(w.member)) {
        res.status(403).json({ error: "forbidden" });
        return undefined;
      }
    }
    const now = clock();
    const q = figuresQuery(req, res, now);
    if (!q) return undefined;
    const { doc, release } = await national();
    return { d: viewOf(release, q, now), computedAt: doc.computedAt, corps: doc.corps.length };
  }

  const nationalRoute = (handler: (req: express.Request, res: express.Response) => Promise<void>) => async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      await handler(req, res);
    } catch (e) {
      next(e);
    }
  };

  api.get(
    "/national",
    nationalRoute(async (req, res) => {
      const n = await nationalFor(req, res);
      if (n) res.json({ ...n.d, computedAt: n.computedAt, corpsCount: n.corps });
    }),
  );

  api.get(
    "/national.csv",
    nationalRoute(async (req, res) => {
      const n = await nationalFor(req, res);
      if (!n) return;
      res
        .type("text/csv; charset=utf-8")
        .attachment(`loft-hele-landet-${n.d.period.id}${n.d.kind === "all" ? "" : `-${n.d.kind}`}.csv`)
        .send(`\uFEFF${dashboardCsv(n.d, csvLabel, CSV_HIDDEN)}`);
    }),
  );

  /** The corps municipalities, their coordinators and departures: the national centre's list, for its people only. */
  api.get(
    "/national/corps",
    nationalRoute(async (req, res) => {
      const caller = await callerOf(req, res);
      if (!caller) return;
      if (!isNational(caller)) {
        log.info({ event: "api.forbidden", path: req.path }, "not the national centre");
        res.status(403).json({ error: "forbidden" });
        return;
      }
      const { doc } = await national();
      res.json({ computedAt: doc.computedAt, corps: doc.corps });
    }),
  );

  /** The corps' table (cases and check-in rounds of the window), every case noted in the access log as counted. */
  async function releaseFor({ corps, member }: Who, flow: string) {
    const now = clock();
    const window = windowPeriods(now);
    const [cases, rounds] = await Promise.all([repos.cases.list(corps.corpsId), repos.checkIns.listRounds(corps.corpsId, `${window[0]}-01`, `${window[window.length - 1].slice(0, 4)}-12`)]);
    const access = accessRecorder(repos, member, flow, clock);
    access.note("aggregate", member.roles.includes("coordinator") ? "coordinator" : "leader", cases);
    await access.flush();
    return releaseOf({ cases, rounds }, now);
  }

  /**
   * The corps' figures for leaders and coordinators, suppressed below five cases whoever asks (it is shown in
   * meetings); 403 / 400 answered here. Default period: the current year. Any other window than the fixed periods is
   * refused: the figures are cells of one table over those periods (src/domain/dashboard.ts, docs/privacy.md).
   */
  async function dashboardFor(w: Who, req: express.Request, res: express.Response): Promise<Dashboard | undefined> {
    if (!leadsCorps(w.member)) {
      res.status(403).json({ error: "forbidden" });
      return undefined;
    }
    const now = clock();
    const q = figuresQuery(req, res, now);
    if (!q) return undefined;
    // The corps' cases (one single-partition query, never the entries) and the window's check-in rounds; every case
    // the figures count is in the access log as counted (never shown) — before the answer leaves.
    return viewOf(await releaseFor(w, "api:dashboard"), q, now);
  }

  api.get(
    "/dashboard",
    route(async (w, req, res) => {
      const d = await dashboardFor(w, req, res);
      if (d) res.json(d);
    }),
  );

  /** The same figures as CSV (Danish), for the learning meeting's minutes; hidden figures say so. */
  api.get(
    "/dashboard.csv",
    route(async (w, req, res) => {
      const d = await dashboardFor(w, req, res);
      if (!d) return;
      res
        .type("text/csv; charset=utf-8")
        .attachment(`loft-${w.corps.corpsId}-${d.period.id}${d.kind === "all" ? "" : `-${d.kind}`}.csv`)
        .send(`\uFEFF${dashboardCsv(d, csvLabel, CSV_HIDDEN)}`);
    }),
  );

  /**
   * The learning for the infohus from the corps' after-reflections (001 §5.4), as CSV: for its coordinators only (the
   * text was written for them to pass on; leaders see the themes as counts), 403 for anyone else; no parameters.
   */
  api.get(
    "/learning.csv",
    forCoordinators(async ({ corps, member }, req, res) => {
      if (!z.object({}).strict().safeParse(req.query).success) {
        res.status(400).json({ error: "no parameters" });
        return;
      }
      const access = accessRecorder(repos, member, "api:learning", clock);
      const cases = (await casesFor(repos, member).list("coordinator")).filter((c) => c.status === "closed" && c.afterReflection?.coordinator);
      const parts = new Map<string, AfterReflectionEntry>();
      for (const c of cases) {
        const e = await repos.entries.get(corps.corpsId, c.afterReflection!.coordinator!.entryId);
        if (e?.type === "afterReflection" && e.caseId === c.id) parts.set(c.id, e);
      }
      const rows = learningRows(cases, parts);
      // The cases whose learning leaves in the file are the ones read.
      access.note("read", "coordinator", cases.filter((c) => rows.some((r) => r.code === c.code)));
      await access.flush();
      log.info({ event: "learning.exported", corpsId: corps.corpsId, member: member.aadObjectId, rows: rows.length }, "learning exported");
      res
        .type("text/csv; charset=utf-8")
        .attachment(`loft-${corps.corpsId}-laering.csv`)
        .send(
          `\uFEFF${toCsv([
            LEARNING_HEADER,
            ...rows.map((r) => [r.code, LEARNING_KIND[r.kind], shortDateOf(new Date(r.closedAt), "da"), r.themes.map((x) => THEME_NAMES[x].da).join(", "), r.learning]),
          ])}`,
        );
    }),
  );

  // ── The implementation plan and the checklists: leaders and coordinators read and edit them ──────────────────

  const planner = (handler: (w: Who, req: express.Request, res: express.Response) => Promise<void>) =>
    route(async (w, req, res) => {
      if (!leadsCorps(w.member)) {
        res.status(403).json({ error: "forbidden" });
        return;
      }
      await handler(w, req, res);
    });
  const body = express.json({ limit: "16kb", strict: true });
  const RowId = z.string().uuid();

  api.get(
    "/implementation",
    planner(async ({ corps }, _req, res) => {
      const [doc, gatherings] = await Promise.all([repos.implementation.get(corps.corpsId), repos.gatherings.list(corps.corpsId)]);
      const year = yearOf(clock());
      res.json({
        rows: doc.rows,
        checklist: Object.fromEntries(Object.entries(doc.checklist).map(([k, v]) => [k, v.answer])),
        checklists: CHECKLISTS,
        // The corps gatherings held this year (src/domain/gatherings.ts), shown with the questions they answer.
        gatherings: { year, held: heldInYear(gatherings, year), questions: GATHERING_QUESTIONS },
      });
    }),
  );

  /** Creates (no `version`) or edits (the `version` the editor saw) one row of the plan; the id is the editor's. */
  api.put(
    "/implementation/rows/:id",
    body,
    planner(async ({ corps, member }, req, res) => {
      const id = RowId.safeParse(req.params.id);
      const version = z.number().int().min(1).optional().safeParse(req.body?.version);
      const { version: _v, ...fields } = (req.body ?? {}) as Record<string, unknown>;
      const { row: input, problems } = planRowProblems(fields);
      if (!id.success || !version.success || !input) {
        const all = [...(!id.success ? [{ field: "id", code: "invalid" as const }] : []), ...(!version.success ? [{ field: "version", code: "invalid" as const }] : []), ...problems];
        // Field and kind only: the tab says it in the reader's language.
        res.status(400).json({ error: "invalid", problems: all });
        return;
      }
      let outcome: PlanChange | undefined;
      await repos.implementation.update(corps.corpsId, (doc) => {
        outcome = savePlanRow(doc, id.data, input, version.data, member.aadObjectId, clock());
        return outcome.kind === "saved" ? outcome.doc : undefined;
      });
      if (outcome!.kind === "conflict") res.status(409).json({ error: "conflict", row: outcome!.row });
      else if (outcome!.kind === "full") res.status(409).json({ error: "full" });
      else {
        log.info({ event: `implementation.row.${outcome!.kind}`, corpsId: corps.corpsId, rowId: id.data, member: member.aadObjectId }, "plan row");
        res.json({ row: outcome!.row });
      }
    }),
  );

  api.delete(
    "/implementation/rows/:id",
    planner(async ({ corps, member }, req, res) => {
      const id = RowId.safeParse(req.params.id);
      const version = z.coerce.number().int().min(1).safeParse(req.query.version);
      if (!id.success || !version.success) {
        res.status(400).json({ error: "invalid" });
        return;
      }
      let outcome: ReturnType<typeof deletePlanRow> | undefined;
      await repos.implementation.update(corps.corpsId, (doc) => {
        outcome = deletePlanRow(doc, id.data, version.data);
        return outcome.kind === "deleted" ? outcome.doc : undefined;
      });
      if (outcome!.kind === "conflict") {
        res.status(409).json({ error: "conflict", row: outcome!.row });
        return;
      }
      log.info({ event: "implementation.row.deleted", corpsId: corps.corpsId, rowId: id.data, member: member.aadObjectId }, "plan row");
      res.status(204).end();
    }),
  );

  /** Answers one checklist question (Ja / Delvist / Nej), or clears it with null. */
  api.put(
    "/implementation/checklist/:item",
    body,
    planner(async ({ corps, member }, req, res) => {
      const answer = z.object({ answer: z.enum(CHECK_ANSWERS).nullable() }).strict().safeParse(req.body);
      const item = req.params.item;
      if (!CHECK_ITEMS.includes(item) || !answer.success) {
        res.status(400).json({ error: "invalid" });
        return;
      }
      await repos.implementation.update(corps.corpsId, (doc) => {
        const next = answerCheck(doc, item, answer.data.answer, member.aadObjectId, clock());
        return next === doc ? undefined : next;
      });
      log.info({ event: "implementation.check.answered", corpsId: corps.corpsId, item, member: member.aadObjectId }, "checklist");
      res.json({ item, answer: answer.data.answer });
    }),
  );

  /**
   * A coach's own figures (issue 20 §5): the caller's own cases over time and how often they prepared and reflected,
   * for them alone — never another person's cases; 403 for someone who holds no case role. Small numbers are shown:
   * they are the caller's own work (docs/privacy.md).
   */
  api.get(
    "/mine",
    route(async ({ member }, _req, res) => {
      if (!member.roles.some((r) => r === "mentor" || r === "relativeCoach")) {
        res.status(403).json({ error: "forbidden" });
        return;
      }
      const access = accessRecorder(repos, member, "api:mine", clock);
      const cases = await casesFor(repos, member, access).list("coach");
      const entries = new Map(await Promise.all(cases.map(async (c) => [c.id, await repos.entries.listForCase(c.corpsId, c.id)] as const)));
      await access.flush();
      res.json({ name: member.name, ...mineOf(cases, entries, member.aadObjectId, clock()) });
    }),
  );

  /** The cases the caller may see: a coordinator the corps', a coach their own; a leader none (403). */
  api.get(
    "/cases",
    route(async ({ corps, member }, _req, res) => {
      const role = member.roles.includes("coordinator") ? "coordinator" : member.roles.some((r) => r === "mentor" || r === "relativeCoach") ? "coach" : undefined;
      if (!role) {
        res.status(403).json({ error: "forbidden" });
        return;
      }
      const access = accessRecorder(repos, member, "api:tab-cases", clock);
      const cases = await casesFor(repos, member, access).list(role);
      await access.flush();
      res.json({
        corps: corps.name,
        cases: cases.map((c) => ({ id: c.id, code: c.code, kind: c.kind, status: c.status, openedAt: c.openedAt, closedAt: c.closedAt, lastReflectionAt: c.lastReflection?.at })),
        // A coordinator's lendings under way (src/domain/lending.ts): the cases borrowed for, and the people lent — the
        // lending corps sees the borrowing corps and who, never the case.
        ...(role === "coordinator" ? { lendings: await lendingLines(corps.corpsId, cases) } : {}),
      });
    }),
  );

  /**
   * A case's access log (issue 22): who reached it, when, as what, through which flow — for the corps' coordinators
   * (403 for anyone else; a case of another corps, or none, 404). Reading it is itself logged.
   */
  api.get(
    "/cases/:caseId/access",
    forCoordinators(async ({ corps, member }, req, res) => {
      const access = accessRecorder(repos, member, "api:access", clock);
      const q = LangQuery.safeParse(req.query);
      if (!q.success) {
        res.status(400).json({ error: "invalid query" });
        return;
      }
      const got = await casesFor(repos, member, access).get(String(req.params.caseId), "coordinator");
      if (!got) {
        res.status(404).json({ error: "not found" });
        return;
      }
      await access.flush();
      const lines = await repos.access.listForCase(corps.corpsId, got.doc.id, 500);
      res.json({ code: got.doc.code, lines: lines.map(({ at, by, role, action, flow }) => ({ at, by, role, action, flow: flowName(flow, q.data.lang ?? "da") })) });
    }),
  );

  /**
   * Export for a citizen's access request (GDPR art. 15): the case, every entry (with its corrections' history), its
   * flags and notices, and its access log — the export itself in it — as JSON, or as a readable Danish page
   * (`?format=html`) the coordinator can hand over. The corps' coordinators only (403 for anyone else; 404 out of reach).
   */
  api.get(
    "/cases/:caseId/export",
    forCoordinators(async ({ corps, member }, req, res) => {
      const q = z.object({ format: z.enum(["json", "html"]).optional() }).strict().safeParse(req.query);
      if (!q.success) {
        res.status(400).json({ error: "invalid query" });
        return;
      }
      const access = accessRecorder(repos, member, "api:export", clock);
      const cases = casesFor(repos, member, access);
      const got = await cases.get(String(req.params.caseId), "coordinator");
      if (!got) {
        res.status(404).json({ error: "not found" });
        return;
      }
      cases.exported(got.doc);
      await access.flush(); // before the log is read: the export is in it
      const [entries, log, members] = await Promise.all([repos.entries.listForCase(corps.corpsId, got.doc.id), repos.access.listForCase(corps.corpsId, got.doc.id, 5000), repos.members.list(corps.corpsId)]);
      const exported = caseExport(got.doc, entries, log, members, corps, clock());
      if (q.data.format === "html") {
        res.type("text/html; charset=utf-8").attachment(`indsigt-${got.doc.code}.html`).send(exportHtml(exported));
        return;
      }
      res.attachment(`indsigt-${got.doc.code}.json`).json(exported);
    }),
  );

  // ── The half-yearly questionnaire for the national centre (src/domain/halfyear.ts): the corps' coordinators ───────

  /** The half-year asked for (`?period=`, default the latest ended), or 400 naming the ones there are. */
  function halfAsked(req: express.Request, res: express.Response): PeriodId | undefined {
    const now = clock();
    const periods = finishedHalves(now);
    const q = z.object({ period: PeriodId.optional() }).strict().safeParse(req.query);
    const period = q.success ? (q.data.period ?? periods[0]) : undefined;
    if (!period || !periods.includes(period)) {
      res.status(400).json({ error: "invalid period", periods });
      return undefined;
    }
    return period;
  }

  /** The half-year's figures as counted (the coordinator checks them), the note to the centre, the half-years there are. */
  api.get(
    "/halfyear",
    forCoordinators(async (w, req, res) => {
      const period = halfAsked(req, res);
      if (!period) return;
      const [release, note] = await Promise.all([releaseFor(w, "api:halfyear"), repos.halfYearNotes.get(w.corps.corpsId, period)]);
      const members = note ? await repos.members.list(w.corps.corpsId) : [];
      res.json({
        period,
        name: halfName(period, "da"),
        periods: finishedHalves(clock()),
        figures: exactFigures(release, period, clock()),
        note: note ? { text: note.note, at: note.at, by: members.find((m) => m.aadObjectId.toLowerCase() === note.by.toLowerCase())?.name ?? "" } : null,
      });
    }),
  );

  /** The coordinator's note to the centre for a half-year (privacy-guarded: never a CPR number, phone or e-mail). */
  api.put(
    "/halfyear/:period/note",
    body,
    forCoordinators(async ({ corps, member }, req, res) => {
      const period = PeriodId.safeParse(req.params.period);
      const given = z.object({ note: z.string().max(2000) }).strict().safeParse(req.body);
      if (!period.success || !finishedHalves(clock()).includes(period.data) || !given.success) {
        res.status(400).json({ error: "invalid", problems: [{ field: given.success ? "period" : "note", code: "invalid" }] });
        return;
      }
      const found = findIdentifiers(given.data.note);
      if (found.length > 0) {
        res.status(400).json({ error: "invalid", problems: found.map((code) => ({ field: "note", code })) });
        return;
      }
      const note: HalfYearNote = { type: "halfYearNote", id: halfYearNoteId(period.data), corpsId: corps.corpsId, period: period.data, note: given.data.note.trim(), by: member.aadObjectId, at: clock().toISOString() };
      await repos.halfYearNotes.upsert(note);
      log.info({ event: "halfyear.noted", corpsId: corps.corpsId, period: period.data, member: member.aadObjectId }, "half-year note saved");
      res.json({ note: { text: note.note, at: note.at, by: member.name } });
    }),
  );

  /**
   * What leaves for the national centre: the half-year's figures with the leaders' hiding (no figure of 1–4 cases, none
   * derivable), and the note — as CSV (`/halfyear.csv`) or as a printable Danish page (`/halfyear.html`).
   */
  for (const format of ["csv", "html"] as const) {
    api.get(
      `/halfyear.${format}`,
      forCoordinators(async (w, req, res) => {
        const period = halfAsked(req, res);
        if (!period) return;
        const [release, note] = await Promise.all([releaseFor(w, "api:halfyear-export"), repos.halfYearNotes.get(w.corps.corpsId, period)]);
        const figures = centreFigures(release, period, clock());
        const municipality = w.corps.municipalityCode ? (municipalityByCode(w.corps.municipalityCode)?.name ?? "") : "";
        const head = { corps: w.corps.name, municipality, period, name: halfName(period, "da"), made: clock(), note: note?.note ?? "" };
        log.info({ event: "halfyear.exported", corpsId: w.corps.corpsId, period, format }, "half-year questionnaire exported");
        const file = `loft-halvaar-${w.corps.corpsId}-${period}`;
        if (format === "csv") res.type("text/csv; charset=utf-8").attachment(`${file}.csv`).send(`\uFEFF${halfYearCsv(head, figures, csvLabel, CSV_HIDDEN)}`);
        else res.type("text/html; charset=utf-8").attachment(`${file}.html`).send(halfYearHtml(head, figures, csvLabel, CSV_HIDDEN));
      }),
    );
  }

  /**
   * The corps' access log (issue 22), newest first: for its DPO — who reads the log, never a case — and its
   * coordinators; 403 for anyone else. `?max=` 1–1000 lines (default 200). The cases by code, people by name.
   */
  api.get(
    "/access",
    route(async ({ corps, member }, req, res) => {
      if (!member.roles.includes("dpo") && !member.roles.includes("coordinator")) {
        res.status(403).json({ error: "forbidden" });
        return;
      }
      const q = LangQuery.extend({ max: z.coerce.number().int().min(1).max(1000).optional() }).strict().safeParse(req.query);
      if (!q.success) {
        res.status(400).json({ error: "invalid query" });
        return;
      }
      const lines = await corpsAccessLog(repos, corps.corpsId, q.data.max ?? 200);
      log.info({ event: "privacy.corpsLogRead", corpsId: corps.corpsId, member: member.aadObjectId, lines: lines.length }, "corps access log read");
      res.json({ corps: corps.name, lines: lines.map((l) => ({ ...l, flow: flowName(l.flow, q.data.lang ?? "da") })) });
    }),
  );

  /**
   * Erases a case (GDPR art. 17; src/store/erasure.ts): the corps' coordinators only, confirmed by the case's code in
   * `?confirm=` (so a stray DELETE erases nothing). 403 anyone else, 404 out of reach, 400 without the right code.
   * Everything of the case goes; the access log keeps one line: who erased it, when.
   */
  api.delete(
    "/cases/:caseId",
    forCoordinators(async ({ member }, req, res) => {
      const q = z.object({ confirm: z.string().max(20) }).strict().safeParse(req.query);
      const access = accessRecorder(repos, member, "api:erase", clock);
      const cases = casesFor(repos, member, access);
      const got = await cases.get(String(req.params.caseId), "coordinator");
      if (!got) {
        res.status(404).json({ error: "not found" });
        return;
      }
      const d = decideErase({ confirmCode: q.success ? q.data.confirm : "" }, got.doc, member);
      if (d.kind !== "ok") {
        await access.flush();
        res.status(400).json({ error: "confirm with the case's code", field: "confirm" });
        return;
      }
      await cases.erase(got.doc, clock, log);
      res.status(204).end();
    }),
  );

  return api;
}
