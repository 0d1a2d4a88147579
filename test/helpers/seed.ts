// Test data beyond the demo: a coach of the demo corps with one case of their own.
import { DEMO } from "../../src/domain/demo";
import { emptyCaseIndex, withCase } from "../../src/domain/derive";
import { Case, memberDocId, userKey, type Goal } from "../../src/domain/model";
import type { Store } from "../../src/store";

export async function addCoachWithCase(store: Store, opts: { aad: string; name: string; code: string; goals?: Goal[] }) {
  const { aad, name, code } = opts;
  await store.repos.directory.upsert({ id: userKey(DEMO.tenantId, aad), memberships: [{ corpsId: DEMO.corpsId, roles: ["mentor"] }] });
  await store.repos.members.upsert({ type: "member", id: memberDocId(aad), corpsId: DEMO.corpsId, aadObjectId: aad, name, roles: ["mentor"] });
  const caseId = `case-${code.toLowerCase()}`;
  const doc = Case.parse({
    type: "case",
    id: caseId,
    corpsId: DEMO.corpsId,
    code,
    kind: "mentor",
    coachId: aad,
    coordinatorId: DEMO.coordinator,
    status: "active",
    referral: { receivedAt: "2026-11-01T10:00:00Z", dimensions: [2, 9] },
    goalForm: { worries: "", working: "", goals: opts.goals ?? [] },
    openedAt: "2026-11-20T10:00:00Z",
    version: 1,
  });
  await store.repos.cases.create(doc);
  // As the deriver does for every case change: the coach's case index lists it.
  await store.repos.caseIndex.update(DEMO.corpsId, aad, (ix) => withCase(ix ?? emptyCaseIndex(DEMO.corpsId, aad), doc));
  return caseId;
}
