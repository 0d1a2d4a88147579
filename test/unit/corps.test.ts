// A corps from its Teams team: which corps a team is, who the roster makes a member, and the set-up card's rules.
import { corpsIdFor, decideSetup, membersFromRoster, roleField, withMembership } from "../../src/domain/corps";
import { CorpsId, type Member } from "../../src/domain/model";

const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const A = "aaaaaaaa-0000-4000-8000-00000000000a";
const B = "bbbbbbbb-0000-4000-8000-00000000000b";
const C = "cccccccc-0000-4000-8000-00000000000c";

const member = (aad: string, roles: Member["roles"]): Member => ({ type: "member", id: `member:${aad}`, corpsId: "corps-x", aadObjectId: aad, name: aad.slice(0, 4), roles });

test("a team is always the same corps, another tenant's team with the same id another one", () => {
  const id = corpsIdFor(T1, "19:abc@thread.tacv2");
  expect(corpsIdFor(T1, "19:ABC@thread.tacv2")).toBe(id);
  expect(corpsIdFor(T2, "19:abc@thread.tacv2")).not.toBe(id);
  expect(CorpsId.safeParse(id).success).toBe(true);
  expect(id).not.toContain("abc");
});

test("the roster makes everyone a member without a role, except the one who added the app: the coordinator", () => {
  const got = membersFromRoster("corps-x", [{ aadObjectId: A, name: "Anne" }, { aadObjectId: B, name: "Bo" }], [], A);
  expect(got.map((m) => [m.aadObjectId, m.roles])).toEqual([
    [A, ["coordinator"]],
    [B, []],
  ]);
});

test("members already known keep their roles; an installer who was a mentor becomes coordinator too", () => {
  const existing = [member(A, ["mentor"]), member(B, ["leader"])];
  const got = membersFromRoster("corps-x", [{ aadObjectId: A, name: "Anne" }, { aadObjectId: B, name: "Bo" }, { aadObjectId: C, name: "Cai" }], existing, A);
  expect(got.map((m) => [m.aadObjectId, m.roles])).toEqual([
    [A, ["mentor", "coordinator"]],
    [C, []],
  ]);
});

test("the directory keeps a member's other corps when one corps changes their roles", () => {
  const dir = { id: "x", memberships: [{ corpsId: "corps-other", roles: ["leader" as const] }, { corpsId: "corps-x", roles: [] }] };
  expect(withMembership(dir, T1, member(A, ["mentor"])).memberships).toEqual([
    { corpsId: "corps-other", roles: ["leader"] },
    { corpsId: "corps-x", roles: ["mentor"] },
  ]);
});

describe("the set-up card", () => {
  const members = [member(A, ["coordinator"]), member(B, []), member(C, [])];

  test("a municipality and a role per member are taken", () => {
    const d = decideSetup({ municipality: "0461", [roleField(A)]: "coordinator+mentor", [roleField(B)]: "leader", [roleField(C)]: "none" }, members);
    expect(d.kind).toBe("ok");
    if (d.kind !== "ok") return;
    expect(d.municipalityCode).toBe("0461");
    expect(Object.fromEntries(d.roles)).toEqual({ [A]: ["coordinator", "mentor"], [B]: ["leader"], [C]: [] });
  });

  test.each([
    ["no municipality", { [roleField(A)]: "coordinator" }, "municipality"],
    ["an unknown municipality code", { municipality: "9999", [roleField(A)]: "coordinator" }, "municipality"],
    ["a role that is not a choice", { municipality: "0461", [roleField(A)]: "coordinator", [roleField(B)]: "admin" }, roleField(B)],
    ["no coordinator left", { municipality: "0461", [roleField(A)]: "mentor" }, ""],
  ])("%s is refused", (_name, values, field) => {
    const d = decideSetup(values as Record<string, string>, members);
    expect(d.kind).toBe("refused");
    if (d.kind === "refused") expect(d.problems.map((p) => p.field)).toContain(field);
  });

  test("a member who joined after the card was shown keeps their roles", () => {
    const d = decideSetup({ municipality: "0461", [roleField(A)]: "coordinator" }, [...members, member("dddddddd-0000-4000-8000-00000000000d", ["mentor"])]);
    expect(d.kind === "ok" && d.roles.get("dddddddd-0000-4000-8000-00000000000d")).toEqual(["mentor"]);
  });
});

test("a coach with open cases keeps the role those cases need until they are handed over", () => {
  const members = [member(A, ["coordinator"]), member(B, ["mentor"])];
  const open = [{ coachId: B, kind: "mentor" as const }];
  const refused = decideSetup({ municipality: "0751", [roleField(B)]: "none" }, members, open);
  expect(refused).toEqual({ kind: "refused", problems: [{ field: roleField(B), code: "holdsCases" }] });
  expect(decideSetup({ municipality: "0751", [roleField(B)]: "relativeCoach" }, members, open).kind).toBe("refused");
  expect(decideSetup({ municipality: "0751", [roleField(B)]: "coordinator+mentor" }, members, open).kind).toBe("ok");
  expect(decideSetup({ municipality: "0751", [roleField(B)]: "none" }, members, []).kind).toBe("ok");
});
