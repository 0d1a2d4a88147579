// Who may reach a case (DOMAIN: "a mentor sees their own cases, a coordinator their corps' cases, leaders see
// aggregates"). One rule, used by the store's case access (src/store/access.ts) that every flow reads cases through.
import type { Case, Member } from "./model";

/** As what a case is reached: as its coach (prepare, reflect, measure, closing dialogue) or as a coordinator. */
export type CaseRole = "coach" | "coordinator";

export function mayReach(member: Pick<Member, "corpsId" | "aadObjectId" | "roles">, c: Pick<Case, "corpsId" | "coachId">, as: CaseRole): boolean {
  if (member.corpsId !== c.corpsId) return false;
  if (as === "coordinator") return member.roles.includes("coordinator");
  const isCoach = member.roles.includes("mentor") || member.roles.includes("relativeCoach");
  return isCoach && c.coachId.toLowerCase() === member.aadObjectId.toLowerCase();
}

/** Who sees the corps' figures and keeps its implementation plan: its leaders and coordinators (never a case). */
export const leadsCorps = (member: Pick<Member, "roles">): boolean => member.roles.some((r) => r === "leader" || r === "coordinator");
