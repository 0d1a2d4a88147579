// Cases as one member may reach them: the flows read cases only through this, so a role decides what is found
// whatever a card or a request names. A case out of reach is not found, exactly like one that does not exist.
import { mayReach, type CaseRole } from "../domain/access";
import type { Case, Member } from "../domain/model";
import type { Repositories, Versioned } from "./repositories";

export class AccessDenied extends Error {
  constructor() {
    super("not within the member's reach");
  }
}

export function casesFor(repos: Repositories, member: Member) {
  return {
    async get(caseId: string, as: CaseRole): Promise<Versioned<Case> | undefined> {
      const got = await repos.cases.get(member.corpsId, caseId);
      return got && mayReach(member, got.doc, as) ? got : undefined;
    },
    /** A new case: only a coordinator, only in their own corps. */
    async create(c: Case): Promise<"created" | "duplicate"> {
      if (!mayReach(member, c, "coordinator")) throw new AccessDenied();
      return repos.cases.create(c);
    },
    /** A coordinator's change of a case they may reach (as read in `current`), re-applied on a concurrent write. */
    async update(current: Versioned<Case>, change: (c: Case) => Case, as: CaseRole) {
      if (!mayReach(member, current.doc, as)) throw new AccessDenied();
      return repos.cases.update(current.doc.corpsId, current.doc.id, change, current);
    },
    /** A coordinator's: the corps' cases; a coach's: their own; anyone else's: none. */
    async list(as: CaseRole): Promise<Case[]> {
      const probe = { corpsId: member.corpsId, coachId: member.aadObjectId };
      if (!mayReach(member, probe, as)) return [];
      return as === "coordinator" ? repos.cases.list(member.corpsId) : repos.cases.listForCoach(member.corpsId, member.aadObjectId);
    },
  };
}

export type CaseAccess = ReturnType<typeof casesFor>;
