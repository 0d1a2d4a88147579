// The store's part of lending a coach between corps (src/domain/lending.ts; the bot's flows in bot/verbs/lending.ts).
import { withoutMembership } from "../domain/corps";
import type { Lending } from "../domain/lending";
import { userKey } from "../domain/model";
import type { Repositories } from "./repositories";

/**
 * Takes a guest's membership of the borrowing corps away: their member document there keeps its name (the case's
 * history names them) without a role, and their directory entry no longer lists the corps — their next turn, on any
 * instance, reaches nothing of it.
 */
export async function revokeGuest(repos: Repositories, l: Lending, now: Date): Promise<void> {
  if (!l.guest) return;
  const { aadObjectId, tenantId } = l.guest;
  // Lent to the same corps for another case too: they keep the membership for that one (and reach only the cases they coach).
  if ((await repos.lendings.list(l.corpsId)).some((x) => x.id !== l.id && x.status === "agreed" && x.guest?.aadObjectId === aadObjectId)) return;
  const member = await repos.members.get(l.corpsId, aadObjectId);
  if (member?.guest?.lendingId === l.id && member.roles.length > 0) {
    const { conversation: _gone, ...rest } = member;
    await repos.members.upsert({ ...rest, roles: [], leftAt: now.toISOString() });
  }
  await repos.directory.upsert(withoutMembership(await repos.directory.get(userKey(tenantId, aadObjectId)), tenantId, aadObjectId, l.corpsId));
}

/** The corps' lendings under way, both ways: what a coordinator sees (the case lists link here). */
export async function lendingsUnderWay(deps: { repos: Repositories }, corpsId: string): Promise<{ borrowed: Lending[]; lent: Lending[] }> {
  const [own, refs] = await Promise.all([deps.repos.lendings.list(corpsId), deps.repos.lendings.listRefs(corpsId)]);
  const lent = (await Promise.all(refs.map((r) => deps.repos.lendings.get(r.borrowerCorpsId, r.id)))).filter((l): l is Lending => !!l && l.lenderCorpsId === corpsId);
  const live = (l: Lending) => l.status === "asked" || l.status === "agreed";
  return { borrowed: own.filter(live), lent: lent.filter(live) };
}

