// «Foreslå et mål» (src/domain/goal-proposal.ts): from the coach's case card; the coordinator decides.
import { randomUUID } from "node:crypto";
import { reachable } from "../../src/domain/corps";
import type { Problem } from "../../src/domain/forms";
import { decideGoalProposal, PROPOSAL_FIELD } from "../../src/domain/goal-proposal";
import type { Case } from "../../src/domain/model";
import doneTemplate from "../cards/done.json";
import proposalTemplate from "../cards/goal-proposal.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { kindTitle, problemView, submitEntry, withCase } from "./shared";

function proposalCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  return {
    card: render(proposalTemplate, {
      t: ctx.t,
      title: fill(ctx.t.proposal.title, { code: c.code }),
      ...problemView(ctx, problems, { [PROPOSAL_FIELD]: ctx.t.proposal.field }),
      goals: c.goalForm.goals.length ? `${ctx.t.proposal.now}\n${c.goalForm.goals.map((g) => `- ${g.text}`).join("\n")}` : "",
      value: given[PROPOSAL_FIELD] ?? "",
      caseId: c.id,
      submissionId: given.submissionId ?? randomUUID(),
    }),
  };
}

export async function proposalOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "proposal.open", ctx.t.proposal.action, (c) => proposalCard(ctx, c));
}

export async function proposalSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const done = await submitEntry(ctx, data, {
    name: "proposal",
    reopenVerb: "cases.open",
    decide: decideGoalProposal,
    handBack: (c, values, problems) => proposalCard(ctx, c, values, problems),
  });
  if ("reply" in done) return done.reply;
  const c = done.case;
  const coordinator = await ctx.repos.members.get(c.corpsId, c.coordinatorId);
  const name = coordinator?.name ?? ctx.t.setup.choices.coordinator;
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.proposal.sent, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [{ title: ctx.t.proposal.field, value: done.entry.text }],
      notes: [reachable(ctx.who.corps, coordinator) ? fill(ctx.t.proposal.told, { coordinator: name }) : ctx.t.reflect.notReachable],
      actions: [
        { title: ctx.t.cases.open, verb: "cases.open", data: { verb: "cases.open", caseId: c.id } },
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    }),
  };
}
