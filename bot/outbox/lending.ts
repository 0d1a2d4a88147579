// A lending between corps asked, answered or ended (src/domain/lending.ts, bot/verbs/lending.ts): what each recipient
// is told in their own chat — the lending corps' coordinators (asked: no case, only its kind, the specialisation and who
// asks), the borrowing corps' coordinators (answered, ended: with the case), and the guest (ended).
import { corpsName } from "../../src/domain/lending";
import noticeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import { action } from "../verbs/lending";
import type { MessageKindHandler } from "./index";
import type { MessageOf } from "../../src/domain/outbox";

export function lendingMessages(deps: Pick<BotDeps, "repos">): MessageKindHandler<"lending"> {
  const { repos } = deps;
  /** The case and its lending are erased: said from the message alone, naming the borrowing corps, never the case. */
  const erased = async (m: MessageOf<"lending">, corpsId: string) => {
    const [corps, to, borrower] = await Promise.all([repos.corps.get(corpsId), repos.members.get(corpsId, m.to), repos.corps.get(m.borrowerCorpsId)]);
    if (!corps || corps.removedAt || !to || to.leftAt || !m.kind) return "skip" as const;
    const t = catalogue(langOf(to.locale));
    const tt = t.lending;
    const w = { corps: corpsName(borrower), kind: tt.person[m.kind], guest: m.guest?.name ?? "" };
    const [title, text] =
      m.guest?.aadObjectId === m.to ? [fill(tt.endedGuestTitle, w), fill(tt.erasedGuestText, w)]
      : m.guest ? [fill(tt.endedMsgTitle, w), fill(tt.erasedLenderText, w)]
      : [tt.listTitle, fill(tt.endedAskText, w)];
    return { corps, to, reply: { card: render(noticeTemplate, { t, title, text, actions: [] }) } };
  };
  return {
    async prepare(m, job) {
      if (m.event === "erased") return erased(m, job.corpsId);
      const [l, corps, to] = await Promise.all([repos.lendings.get(m.borrowerCorpsId, m.lendingId), repos.corps.get(job.corpsId), repos.members.get(job.corpsId, m.to)]);
      if (!l || !corps || corps.removedAt || !to || to.leftAt) return "skip";
      // A request answered or withdrawn before it was sent: not sent.
      if (m.event === "asked" && l.status !== "asked") return "skip";
      const [borrower, lender, c, askers] = await Promise.all([repos.corps.get(l.corpsId), repos.corps.get(l.lenderCorpsId), repos.cases.get(l.corpsId, l.caseId), repos.members.list(l.corpsId)]);
      const t = catalogue(langOf(to.locale));
      const tt = t.lending;
      const w = {
        kind: tt.person[l.kind],
        code: c?.doc.code ?? "–",
        guest: l.guest?.name ?? "",
        by: askers.find((x) => x.aadObjectId.toLowerCase() === l.askedBy)?.name ?? t.notify.someone,
        spec: l.specialisation ?? "",
      };
      const ids = { lendingId: l.id, borrower: l.corpsId };
      const isGuest = l.guest?.aadObjectId === m.to.toLowerCase() && job.corpsId === l.lenderCorpsId;
      const card = (title: string, text: string, actions: Array<ReturnType<typeof action>> = []) => ({ card: render(noticeTemplate, { t, title, text, actions }) });
      const other = job.corpsId === l.corpsId ? corpsName(lender) : corpsName(borrower);
      let reply;
      if (m.event === "asked")
        reply = card(fill(tt.askedMsgTitle, { ...w, corps: other }), [fill(tt.askedMsgText, { ...w, corps: other }), ...(w.spec ? [fill(tt.specLine, w)] : [])].join("\n\n"), [action(tt.answer, "lending.answer", ids)]);
      else if (m.event === "agreed") reply = card(fill(tt.agreedMsgTitle, { ...w, corps: other }), fill(tt.agreedMsgText, { ...w, corps: other }), [action(fill(t.coord.open, { code: w.code }), "coord.case", { caseId: l.caseId })]);
      else if (m.event === "declined") reply = card(fill(tt.declinedMsgTitle, { ...w, corps: other }), fill(tt.declinedMsgText, { ...w, corps: other }), [action(tt.ask[l.kind], "lending.ask", { caseId: l.caseId })]);
      else if (isGuest) reply = card(fill(tt.endedGuestTitle, { corps: corpsName(borrower) }), fill(tt.endedGuestText, { ...w, corps: corpsName(borrower) }));
      else if (!l.guest) reply = card(tt.listTitle, fill(tt.endedAskText, { ...w, corps: corpsName(borrower) }));
      else if (l.endedBecause === "caseClosed") reply = card(fill(tt.endedMsgTitle, w), fill(tt.endedClosedText, w));
      else if (job.corpsId === l.corpsId) reply = card(fill(tt.endedMsgTitle, w), fill(tt.endedBorrowerText, { ...w, corps: other }), [action(fill(t.coord.open, { code: w.code }), "coord.case", { caseId: l.caseId })]);
      else reply = card(fill(tt.endedMsgTitle, w), fill(tt.endedLenderText, { ...w, corps: other }));
      return { corps, to, reply };
    },
  };
}

