// Teams identity → the corps and member it is: the lookup every bot turn and every tab API call starts with.
import { memberDocId, userKey, type Corps, type Member } from "../domain/model";
import type { Repositories } from "./repositories";

export interface Who {
  corps: Corps;
  member: Member;
}

/** One point read in the directory, then corps and member in parallel; undefined for someone in no corps. */
export async function whoIs(repos: Repositories, tenantId: string, aadObjectId: string): Promise<Who | undefined> {
  const dir = await repos.directory.get(userKey(tenantId, aadObjectId));
  const first = dir?.memberships[0];
  if (!first) return undefined;
  const [corps, member] = await Promise.all([repos.corps.get(first.corpsId), repos.members.get(first.corpsId, aadObjectId)]);
  if (!corps || !member || member.id !== memberDocId(aadObjectId)) return undefined;
  return { corps, member };
}
