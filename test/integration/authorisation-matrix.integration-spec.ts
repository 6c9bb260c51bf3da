import { SUPPORT_SERVICES } from "../../src/domain/support/support-services";
import { randomBytes, randomUUID } from "node:crypto";
import type { GraphQLObjectType } from "graphql";
import { CaseAction } from "../../src/domain/cases/case.enums";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { WorkflowName } from "../../src/domain/workflows/workflow-name.enum";
import { buildAppSchema } from "../../src/graphql/build-schema";
import { fromGlobalId, toGlobalId } from "../../src/domain/ids/global-id";
import {
  mismatchedRoles,
  mismatchExplanation,
  Permission,
  POLICY,
  scopeOf,
  type CallerKind,
} from "../../src/domain/security/policy";
import { CREATE_OFFENDER, offenderInput, REFER, type Payload, type UserError } from "../support/api";
import {
  asSystem,
  asUser,
  ENGINES,
  startHarness,
  type GraphQLResult,
  type Harness,
  type TestCaller,
} from "../support/harness";

// The authorisation matrix, generated from the policy table: each operation names ONCE the
// permission it needs, and what every caller may do with it on a case of their own region and of
// another region is computed from scopeOf(). Nothing below lists an expected outcome by hand.

const OWN_REGION = Region.NORTH_EAST;
const OTHER_REGION = Region.LONDON;
type TestRegion = typeof OWN_REGION | typeof OTHER_REGION;
const REGIONS: TestRegion[] = [OWN_REGION, OTHER_REGION];
const regionLabel = (region: TestRegion) =>
  region === OWN_REGION ? `the own-region (${OWN_REGION}) case` : `the other-region (${OTHER_REGION}) case`;

/** Who set the fixtures up: the harness's default caller (North East, every case role) and a London VLO. */
const SETUP: Record<TestRegion, TestCaller> = {
  [OWN_REGION]: "setup.officer",
  [OTHER_REGION]: asUser("london.vlo", [Role.VLO], OTHER_REGION),
};

// ---------------------------------------------------------------------------------------------
// Callers: every role as both kinds of caller (a user token and a client-credentials token), a
// VLO who is also an analyst (the widest-grant combination), and a VLO whose user token also
// carries the feed's role. A role held by the other kind of caller than the table names grants
// nothing, so those callers are refused every operation.

const CALLER_KINDS: CallerKind[] = ["USER", "SYSTEM"];

interface Profile {
  label: string;
  /** The label as a name part (user names, client ids). */
  slug: string;
  roles: Role[];
  kind: CallerKind;
  /** The officer's region: a user with a regional grant works in the North East; national roles and systems have none. */
  region: Region | null;
  as: TestCaller;
  actor: string;
}

function profileFor(roles: Role[], kind: CallerKind): Profile {
  const names = roles.map((role) => role.replace("ROLE_VCS_", "").toLowerCase()).join("+");
  // The kind the table names for the roles keeps the plain label; the other kind says which token it is.
  const mismatched = roles.every((role) => POLICY[role].caller !== kind);
  const label = mismatched ? `${names} on a ${kind === "USER" ? "user" : "client-credentials"} token` : names;
  const slug = mismatched ? `${names.replace(/\+/g, ".")}.as-${kind.toLowerCase()}` : names.replace(/\+/g, ".");
  if (kind === "SYSTEM") {
    return {
      label,
      slug,
      roles,
      kind,
      region: null,
      as: asSystem(`matrix-${slug}`, roles),
      actor: `system:matrix-${slug}`,
    };
  }
  const regional = roles.some(
    (role) => POLICY[role].caller === "USER" && Object.values(POLICY[role].grants).includes("OWN_REGION"),
  );
  const region = regional ? OWN_REGION : null;
  return { label, slug, roles, kind, region, as: asUser(`matrix.${slug}`, roles, region), actor: `matrix.${slug}` };
}

const PROFILES: Profile[] = [
  ...Object.values(Role).flatMap((role) => CALLER_KINDS.map((kind) => profileFor([role], kind))),
  profileFor([Role.VLO, Role.ANALYST], "USER"),
  profileFor([Role.VLO, Role.CUSTODY_FEED], "USER"),
];

type Outcome = "ALLOWED" | "OUT_OF_SCOPE" | "FORBIDDEN";

/** What the policy says: ALL reaches every case, OWN_REGION only the caller's region's, nothing else is denied. */
/** What the profile may do with an operation that needs the permission (or any one of several). */
function outcome(
  profile: Profile,
  permission: Permission | Permission[] | null,
  caseRegion: Region | null = null,
): Outcome {
  if (permission === null) return "ALLOWED";
  if (Array.isArray(permission)) {
    const outcomes = permission.map((each) => outcome(profile, each, caseRegion));
    return (["ALLOWED", "OUT_OF_SCOPE", "FORBIDDEN"] as const).find((each) => outcomes.includes(each))!;
  }
  const scope = scopeOf(profile.roles, permission, profile.kind);
  if (scope === "ALL") return "ALLOWED";
  if (scope === "OWN_REGION" && profile.region !== null)
    return caseRegion === null || caseRegion === profile.region ? "ALLOWED" : "OUT_OF_SCOPE";
  return "FORBIDDEN";
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  ALLOWED: "allow it",
  OUT_OF_SCOPE: "answer as for a missing case",
  FORBIDDEN: "refuse it with FORBIDDEN",
};

// ---------------------------------------------------------------------------------------------
// Fixtures.

interface ContactValues {
  name: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  postcode: string;
  accessibility: string;
  /** Not a contact's field but the case's (VictimCase.discretionaryReason): personal data all the same. */
  discretionaryReason: string;
}

interface CaseFixture {
  id: string;
  databaseId: string;
  region: TestRegion;
  offenderId: string;
  contactId: string;
  contact: ContactValues;
  /** The case's FIRST_CONTACT task, raised by the referral. */
  taskId: string;
}

let contactsMade = 0;

function uniqueContact(dateOfBirth = "1979-03-14"): ContactValues {
  const token = randomBytes(6).toString("hex");
  // Counted, not random: two random numbers among the hundreds of one offender's cases met now and
  // then, and the second referral was refused as a duplicate (the same telephone number).
  contactsMade += 1;
  const digits = String(contactsMade % 1_000_000).padStart(6, "0");
  return {
    name: `Canary ${token}`,
    dateOfBirth,
    email: `canary.${token}@example.org`,
    phone: `07700 9${digits}`,
    postcode: "TE5 7AB",
    accessibility: `Large print ${token}`,
    discretionaryReason: `Discretion ${token}`,
  };
}

/** Values that must never appear in a response that may not carry this contact's personal data. */
const secretsOf = (contact: ContactValues) => [
  contact.name,
  contact.email,
  contact.phone,
  contact.accessibility,
  contact.discretionaryReason,
];

const PAYLOAD = `victimCase { id status region assignedOfficer { username } } transition { event } userErrors { code message field }`;
interface CaseMutationPayload {
  victimCase: { id: string; status: string; region: string; assignedOfficer: { username: string } | null } | null;
  transition: { event: string } | null;
  userErrors: UserError[];
}

type Stage = "REFERRED" | "INVITED" | "OPTED_IN";
const INVITE = {
  query: `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { userErrors { code } } }`,
  input: { channel: "LETTER" },
};
const OPT_IN = {
  query: `mutation ($input: RecordOptInInput!) { recordOptIn(input: $input) { userErrors { code } } }`,
  input: {},
};
const STAGE_STEPS: Record<Stage, { query: string; input: Record<string, unknown> }[]> = {
  REFERRED: [],
  INVITED: [INVITE],
  OPTED_IN: [INVITE, OPT_IN],
};

function fieldAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value ?? null;
}

/** A top-level (or parent) refusal: FORBIDDEN on exactly this path, and nothing under it. */
function expectForbidden(result: GraphQLResult, path: readonly (string | number)[]): void {
  const forbidden = (result.errors ?? []).filter((error) => error.extensions?.code === "FORBIDDEN");
  expect(forbidden.map((error) => error.path)).toContainEqual(path);
  expect(fieldAt(result.data, path)).toBeNull();
  for (const error of result.errors ?? []) expect(error.extensions?.code).toBe("FORBIDDEN");
}

/** A refusal that a role of the other kind of caller would have allowed says so, naming the role. */
function expectMismatchNamed(
  result: GraphQLResult,
  profile: Profile,
  permission: Permission | Permission[] | null,
): void {
  const permissions = permission === null ? [] : Array.isArray(permission) ? permission : [permission];
  const misplaced = mismatchedRoles(profile.roles, profile.kind).filter((role) =>
    permissions.some((each) => POLICY[role].grants[each] !== undefined),
  );
  const messages = (result.errors ?? []).map((error) => error.message).join("\n");
  for (const role of misplaced) expect(messages).toContain(mismatchExplanation(role));
}

function expectNoLeak(result: GraphQLResult, contact: ContactValues): void {
  const text = JSON.stringify(result);
  for (const secret of secretsOf(contact)) expect(text).not.toContain(secret);
}

// ---------------------------------------------------------------------------------------------
// The operations, each with the ONE permission it needs.

/** The root fields the case reads below ask for (each asks for one). */
interface CaseReadData {
  victimCase?: { id: string; region: string } | null;
  victimCases?: CaseList | null;
  node?: { id: string; victimCase?: { id: string } } | null;
  nodes?: ({ id: string } | null)[];
  offender?: { id: string; victimCases: CaseList | null } | null;
}
interface CaseList {
  totalCount: number;
  nodes: { id: string }[];
}

/** Reads that reach a case. */
interface CaseRead {
  operation: string;
  permission: Permission;
  /** A parent field the read goes through, with the permission it needs. */
  parent?: { permission: Permission; path: string[] };
  /** A caller without the permission gets FORBIDDEN on this path; null: a plain null (node lookups). */
  forbiddenPath: string[] | null;
  query: string;
  variables: (fixture: CaseFixture) => Record<string, unknown>;
  /** The case ids the response shows. */
  shown: (data: CaseReadData | null | undefined) => string[];
}

const listIds = (connection: { totalCount: number; nodes: { id: string }[] } | null | undefined): string[] => {
  if (!connection) return [];
  // Counts leak nothing: the total is what the caller may see, not what the table holds.
  expect(connection.totalCount).toBe(connection.nodes.length);
  return connection.nodes.map((node) => node.id);
};

const CASE_READS: CaseRead[] = [
  {
    operation: "victimCase",
    permission: Permission.READ_CASES,
    forbiddenPath: ["victimCase"],
    query: `query ($id: ID!) { victimCase(id: $id) { id region } }`,
    variables: (fixture) => ({ id: fixture.id }),
    shown: (data) => (data?.victimCase ? [data.victimCase.id] : []),
  },
  {
    operation: "victimCases",
    permission: Permission.READ_CASES,
    forbiddenPath: ["victimCases"],
    query: `query ($offenderId: ID!) { victimCases(first: 100, filter: { offenderId: $offenderId }) { totalCount nodes { id } } }`,
    variables: (fixture) => ({ offenderId: fixture.offenderId }),
    shown: (data) => listIds(data?.victimCases),
  },
  {
    operation: "node",
    permission: Permission.READ_CASES,
    forbiddenPath: null,
    query: `query ($id: ID!) { node(id: $id) { id ... on VictimCase { region } } }`,
    variables: (fixture) => ({ id: fixture.id }),
    shown: (data) => (data?.node ? [data.node.id] : []),
  },
  {
    operation: "nodes",
    permission: Permission.READ_CASES,
    forbiddenPath: null,
    query: `query ($id: ID!) { nodes(ids: [$id]) { id } }`,
    variables: (fixture) => ({ id: fixture.id }),
    shown: (data) => (data?.nodes ?? []).filter(Boolean).map((node) => node!.id),
  },
  {
    operation: "node(Task)",
    permission: Permission.READ_CASES,
    forbiddenPath: null,
    query: `query ($id: ID!) { node(id: $id) { id ... on Task { kind victimCase { id } } } }`,
    variables: (fixture) => ({ id: fixture.taskId }),
    shown: (data) => (data?.node ? [data.node.victimCase!.id] : []),
  },
  {
    operation: "Offender.victimCases",
    permission: Permission.READ_CASES,
    parent: { permission: Permission.READ_OFFENDERS, path: ["offender"] },
    forbiddenPath: ["offender", "victimCases"],
    query: `query ($offenderId: ID!) { offender(id: $offenderId) { id victimCases(first: 100) { totalCount nodes { id } } } }`,
    variables: (fixture) => ({ offenderId: fixture.offenderId }),
    shown: (data) => listIds(data?.offender?.victimCases),
  },
];

/** Mutations on one case: the permission, the status the case must be in, and what success looks like. */
interface CaseMutation {
  operation: string;
  permission: Permission;
  from: Stage;
  input: (fixture: CaseFixture, world: World) => Record<string, unknown>;
  /** The status after success. */
  to: string;
  /** The referred victim's date of birth, when an adult's (the default) does not do. */
  victimBorn?: string;
  /** More about a success, read from the database. */
  verify?: (h: Harness, fixture: CaseFixture, world: World) => Promise<void>;
}

const CASE_MUTATIONS: CaseMutation[] = [
  {
    operation: "sendInvitation",
    permission: Permission.CHANGE_CASES,
    from: "REFERRED",
    to: "INVITED",
    input: () => ({ channel: "LETTER" }),
  },
  { operation: "recordOptIn", permission: Permission.CHANGE_CASES, from: "INVITED", to: "OPTED_IN", input: () => ({}) },
  {
    operation: "recordDecline",
    permission: Permission.CHANGE_CASES,
    from: "INVITED",
    to: "DECLINED",
    input: () => ({}),
  },
  {
    operation: "agreeContactPlan",
    permission: Permission.CHANGE_CASES,
    from: "OPTED_IN",
    to: "ACTIVE",
    input: () => ({ informationLevel: "KEY_STAGES", channels: ["LETTER", "EMAIL"] }),
  },
  {
    operation: "recordOptOut",
    permission: Permission.CHANGE_CASES,
    from: "OPTED_IN",
    to: "OPTED_OUT",
    input: () => ({}),
  },
  {
    operation: "closeVictimCase",
    permission: Permission.CLOSE_CASES,
    from: "REFERRED",
    to: "CLOSED",
    input: () => ({ reason: "VICTIM_REQUEST" }),
  },
  {
    operation: "assignVictimCase",
    permission: Permission.ASSIGN_CASES,
    from: "REFERRED",
    to: "REFERRED",
    // To a colleague in the case's own region: only the case's scope decides.
    input: (fixture, world) => ({ officerId: world.colleague[fixture.region].id }),
    verify: async (h, fixture, world) => {
      const [row] = await h.dataSource.query(`SELECT "officer_id", "region" FROM "victim_case" WHERE "id" = $1`, [
        fixture.databaseId,
      ]);
      expect(row).toEqual({ officer_id: world.colleague[fixture.region].databaseId, region: fixture.region });
    },
  },
  {
    operation: "addCaseContact",
    permission: Permission.CHANGE_CASES,
    from: "REFERRED",
    to: "REFERRED",
    // A child victim (18 on 14 March 2030), whose guardian is added.
    victimBorn: "2012-03-14",
    input: () => ({ contact: { role: "PARENT_GUARDIAN", name: "Matrix Guardian" } }),
    verify: async (h, fixture) => {
      const rows = await h.dataSource.query(
        `SELECT "role" FROM "case_contact" WHERE "case_id" = $1 ORDER BY "created_at", "id"`,
        [fixture.databaseId],
      );
      expect(rows).toEqual([{ role: "VICTIM" }, { role: "PARENT_GUARDIAN" }]);
      // Now a guardian speaks for the child: the officer is to contact the victim directly on their 18th birthday.
      const timers = await h.dataSource.query(
        `SELECT "due_on"::text AS "due_on", "status" FROM "timer" WHERE "subject_id" = $1 AND "kind" = 'VICTIM_COMES_OF_AGE'`,
        [fixture.databaseId],
      );
      expect(timers).toEqual([{ due_on: "2030-03-14", status: "PENDING" }]);
    },
  },
  {
    operation: "eraseCaseContactData",
    permission: Permission.ERASE_PERSONAL_DATA,
    from: "REFERRED",
    to: "CLOSED",
    input: () => ({ requestReference: "ER-2026-0042" }),
    verify: async (h, fixture) => {
      const rows = await h.dataSource.query(
        `SELECT "erased_at" IS NOT NULL AS "erased", "name" FROM "case_contact" WHERE "case_id" = $1`,
        [fixture.databaseId],
      );
      expect(rows).toEqual([{ erased: true, name: null }]);
    },
  },
];

/** Operations that are not about one case. */
interface GlobalOperation {
  operation: string;
  /** The permission it needs; with several, any one of them will do. */
  permission: Permission | Permission[] | null;
  /** Runs it as the caller; `effect` checks the response and the database, given whether it was allowed. */
  exercise(
    h: Harness,
    profile: Profile,
    world: World,
  ): Promise<{ result: GraphQLResult; effect(allowed: boolean): Promise<void> }>;
}

const count = async (h: Harness, sql: string, parameters: unknown[]): Promise<number> =>
  Number((await h.dataSource.query(sql, parameters))[0].count);

const BASE_OPERATIONS: GlobalOperation[] = [
  {
    operation: "viewer",
    permission: null,
    async exercise(h, profile) {
      const result = await h.run(`{ viewer { actor roles } }`, {}, profile.as);
      return {
        result,
        effect: async () =>
          expect(result.data?.viewer).toEqual({
            actor: profile.actor,
            roles: profile.roles.map((role) => role.replace("ROLE_VCS_", "")),
          }),
      };
    },
  },
  {
    operation: "supportServices",
    permission: null,
    async exercise(h, profile) {
      const result = await h.run<{ supportServices: { id: string }[] }>(`{ supportServices { id } }`, {}, profile.as);
      return {
        result,
        effect: async () =>
          expect(result.data?.supportServices.map((service) => service.id)).toEqual(
            SUPPORT_SERVICES.map((service) => service.id),
          ),
      };
    },
  },
  {
    operation: "workflows",
    permission: null,
    async exercise(h, profile) {
      const result = await h.run<{ workflows: { name: string }[] }>(`{ workflows { name } }`, {}, profile.as);
      return {
        result,
        effect: async () =>
          expect(result.data?.workflows.map((workflow) => workflow.name)).toEqual(Object.values(WorkflowName)),
      };
    },
  },
  {
    operation: "offender",
    permission: Permission.READ_OFFENDERS,
    async exercise(h, profile, world) {
      const result = await h.run<{ offender: { id: string; custodyPhase: string } | null }>(
        `query ($id: ID!) { offender(id: $id) { id custodyPhase } }`,
        { id: world.readOffenderId },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) =>
          expect(result.data?.offender?.id ?? null).toBe(allowed ? world.readOffenderId : null),
      };
    },
  },
  {
    operation: "offenders",
    permission: Permission.READ_OFFENDERS,
    async exercise(h, profile, world) {
      const result = await h.run<{ offenders: { totalCount: number; nodes: { id: string }[] } }>(
        `{ offenders(first: 100) { totalCount nodes { id } } }`,
        {},
        profile.as,
      );
      return {
        result,
        effect: async (allowed) =>
          expect(
            (result.data?.offenders?.nodes ?? []).map((node: { id: string }) => node.id).includes(world.readOffenderId),
          ).toBe(allowed),
      };
    },
  },
  {
    operation: "officers",
    permission: [Permission.MANAGE_OFFICERS, Permission.ASSIGN_CASES],
    async exercise(h, profile) {
      const result = await h.run<{
        officers: { totalCount: number; nodes: { username: string; region: string | null }[] };
      }>(`{ officers(first: 100) { totalCount nodes { username region } } }`, {}, profile.as);
      return {
        result,
        effect: async (allowed) => {
          const nodes = result.data?.officers?.nodes ?? [];
          // Administrators see every region's officers; managers only their own region's.
          const everyRegion = scopeOf(profile.roles, Permission.MANAGE_OFFICERS, profile.kind) === "ALL";
          expect(nodes.some((officer) => officer.username === "london.vlo" && officer.region === OTHER_REGION)).toBe(
            allowed && everyRegion,
          );
          if (allowed && !everyRegion)
            expect(new Set(nodes.map((officer) => officer.region))).toEqual(new Set([profile.region]));
        },
      };
    },
  },
  {
    operation: "caseStatistics",
    permission: Permission.READ_CASES,
    async exercise(h, profile) {
      const result = await h.run<{
        caseStatistics: { totalCount: number; byRegion: { region: string | null; count: number }[] };
      }>(`{ caseStatistics { totalCount byRegion { region count } } }`, {}, profile.as);
      return {
        result,
        effect: async (allowed) => {
          // Counts follow the same scope as the cases: another region's only with an all-regions grant.
          const regions = (result.data?.caseStatistics?.byRegion ?? []).map((group) => group.region);
          expect(regions.includes(OTHER_REGION)).toBe(
            allowed && scopeOf(profile.roles, Permission.READ_CASES, profile.kind) === "ALL",
          );
          if (allowed) expect(result.data?.caseStatistics.totalCount).toBeGreaterThan(0);
        },
      };
    },
  },
  {
    operation: "accessLog",
    permission: Permission.READ_ACCESS_LOG,
    async exercise(h, profile) {
      const result = await h.run<{ accessLog: { totalCount: number; nodes: { action: string; operation: string }[] } }>(
        `{ accessLog(first: 5) { totalCount nodes { action operation } } }`,
        {},
        profile.as,
      );
      return { result, effect: async (allowed) => expect((result.data?.accessLog?.totalCount ?? 0) > 0).toBe(allowed) };
    },
  },
  {
    operation: "createOffender",
    permission: Permission.RECORD_CUSTODY,
    async exercise(h, profile) {
      const input = offenderInput({ name: `Matrix ${profile.slug}` });
      const result = await h.run(CREATE_OFFENDER, { input }, profile.as);
      return {
        result,
        effect: async (allowed) => {
          if (allowed)
            expect(result.data?.createOffender).toMatchObject({
              offender: { prisonNumber: input.prisonNumber, custodyPhase: "IN_CUSTODY" },
              userErrors: [],
            });
          expect(
            await count(h, `SELECT count(*) FROM "offender" WHERE "prison_number" = $1`, [input.prisonNumber]),
          ).toBe(allowed ? 1 : 0);
        },
      };
    },
  },
  {
    operation: "statistics",
    permission: Permission.READ_CASES,
    async exercise(h, profile) {
      const result = await h.run<{ statistics: { region: string | null; referrals: number }[] }>(
        `{ statistics(groupBy: [REGION]) { region referrals } }`,
        {},
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          // The same scope as the cases: another region's only with an all-regions grant.
          const regions = (result.data?.statistics ?? []).map((group) => group.region);
          expect(regions.includes(OTHER_REGION)).toBe(
            allowed && scopeOf(profile.roles, Permission.READ_CASES, profile.kind) === "ALL",
          );
          if (allowed) expect(regions).toContain(OWN_REGION);
        },
      };
    },
  },
  {
    operation: "clock",
    permission: null,
    async exercise(h, profile) {
      const result = await h.run<{ clock: { held: boolean } }>(`{ clock { today held } }`, {}, profile.as);
      return { result, effect: async () => expect(result.data?.clock.held).toBe(false) };
    },
  },
  {
    operation: "advanceClock",
    permission: Permission.ADVANCE_CLOCK,
    async exercise(h, profile) {
      // On the system clock (as here) an administrator gets CLOCK_NOT_HELD; anyone else never gets that far.
      const result = await h.run<{ advanceClock: { userErrors: { code: string }[] } | null }>(
        `mutation { advanceClock(input: { days: 1 }) { clock { today } userErrors { code } } }`,
        {},
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) expect(result.data?.advanceClock?.userErrors).toEqual([{ code: "CLOCK_NOT_HELD" }]);
          else expect(result.data?.advanceClock ?? null).toBeNull();
        },
      };
    },
  },
  {
    operation: "createOfficer",
    permission: Permission.MANAGE_OFFICERS,
    async exercise(h, profile) {
      const username = `created.by.${profile.slug}.${randomBytes(3).toString("hex")}`;
      const result = await h.run(
        `mutation ($input: CreateOfficerInput!) { createOfficer(input: $input) { officer { id username region } userErrors { code } } }`,
        { input: { username, name: "Created Officer", region: OWN_REGION, team: "Matrix" } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed)
            expect(result.data?.createOfficer).toMatchObject({
              officer: { username, region: OWN_REGION },
              userErrors: [],
            });
          expect(await count(h, `SELECT count(*) FROM "officer" WHERE "username" = $1`, [username])).toBe(
            allowed ? 1 : 0,
          );
        },
      };
    },
  },
  {
    operation: "referVictimCase",
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const before = await count(h, `SELECT count(*) FROM "victim_case" WHERE "offender_id" = $1`, [
        world.referralOffender.databaseId,
      ]);
      const result = await h.run<{ referVictimCase: { victimCase: { id: string } | null; userErrors: UserError[] } }>(
        REFER,
        {
          input: {
            offenderId: world.referralOffender.id,
            referredOn: "2026-01-10",
            contact: { role: "VICTIM", name: "Referred Person" },
          },
        },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) {
            expect(result.data?.referVictimCase.userErrors).toEqual([]);
            // A referral lands in the referrer's own region.
            const [row] = await h.dataSource.query(`SELECT "region" FROM "victim_case" WHERE "id" = $1`, [
              fromGlobalId(result.data?.referVictimCase.victimCase!.id as string, "VictimCase"),
            ]);
            expect(row.region).toBe(profile.region);
          }
          expect(
            await count(h, `SELECT count(*) FROM "victim_case" WHERE "offender_id" = $1`, [
              world.referralOffender.databaseId,
            ]),
          ).toBe(before + (allowed ? 1 : 0));
        },
      };
    },
  },
  {
    operation: "recordCustodyEvent",
    permission: Permission.RECORD_CUSTODY,
    async exercise(h, profile, world) {
      const offender = await world.newOffender();
      const cases = {
        [OWN_REGION]: await world.newCase(OWN_REGION, "REFERRED", offender),
        [OTHER_REGION]: await world.newCase(OTHER_REGION, "REFERRED", offender),
      };
      const result = await h.run<{
        recordCustodyEvent: {
          offender: { id: string; custodyPhase: string } | null;
          affectedCaseCount: number;
          affectedCases: { id: string; region: string }[];
          userErrors: { code: string }[];
        };
      }>(
        `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { offender { id custodyPhase } affectedCaseCount affectedCases { id region } userErrors { code } } }`,
        {
          input: {
            offenderId: offender.id,
            type: "UNLAWFULLY_AT_LARGE",
            unlawfullyAtLargeKind: "ESCAPED",
            occurredOn: "2026-01-12",
          },
        },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const [row] = await h.dataSource.query(`SELECT "custody_phase", "version" FROM "offender" WHERE "id" = $1`, [
            offender.databaseId,
          ]);
          expect(row.custody_phase).toBe(allowed ? "UNLAWFULLY_AT_LARGE" : "IN_CUSTODY");
          const history = await count(
            h,
            `SELECT count(*) FROM "case_transition" WHERE "case_id" = ANY($1) AND "event" = 'CUSTODY_CHANGED'`,
            [REGIONS.map((region) => cases[region].databaseId)],
          );
          expect(history).toBe(allowed ? 2 : 0);
          if (!allowed) return;
          const payload = result.data?.recordCustodyEvent;
          // Every open case of the offender moves; the caller sees only those its READ_CASES reaches.
          expect(payload!.affectedCaseCount).toBe(2);
          const readable = REGIONS.filter(
            (region) => outcome(profile, Permission.READ_CASES, region) === "ALLOWED",
          ).map((region) => cases[region].id);
          expect(payload!.affectedCases.map((victimCase) => victimCase.id).sort()).toEqual(readable.sort());
        },
      };
    },
  },
  {
    operation: "recordKeyDates",
    permission: Permission.RECORD_CUSTODY,
    async exercise(h, profile, world) {
      const offender = await world.newOffender();
      const result = await h.run(
        `mutation ($input: RecordKeyDatesInput!) { recordKeyDates(input: $input) { offender { id } releaseMonthChanged userErrors { code } } }`,
        { input: { offenderId: offender.id, keyDates: [{ type: "CRD", date: "2027-03-10" }] } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const recorded = await count(
            h,
            `SELECT count(*) FROM "key_date_record" WHERE "offender_id" = $1 AND "source" = 'RECORDED'`,
            [offender.databaseId],
          );
          expect(recorded).toBe(allowed ? 1 : 0);
        },
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Parole and licence-condition operations: each sets up its own review or request as the setup
// officer, then checks in the database that the caller's attempt did (or did not) write.

const isoDaysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A LIFE offender under review, with an opted-in own-region case; the hearing far enough ahead that every window is open. */
async function paroleWorld(h: Harness, world: World, decided = false) {
  const created = await setupMutation<OffenderCreated>(
    h,
    CREATE_OFFENDER,
    offenderInput({}, { type: "LIFE", lengthMonths: null, tariffMonths: 120, sentenceDate: "2010-01-15" }),
    SETUP[OWN_REGION],
  );
  const offender = { id: created.offender.id as string, databaseId: fromGlobalId(created.offender.id, "Offender")! };
  const victimCase = await world.newCase(OWN_REGION, "OPTED_IN", offender);
  await setupMutation(
    h,
    `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
    { offenderId: offender.id, type: "REFERRED_TO_PAROLE_BOARD", occurredOn: isoDaysFromToday(-10) },
    SETUP[OWN_REGION],
  );
  const [review] = await h.dataSource.query(`SELECT "id" FROM "parole_review" WHERE "offender_id" = $1`, [
    offender.databaseId,
  ]);
  const reviewId = toGlobalId("ParoleReview", review.id);
  await setupMutation(
    h,
    `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { userErrors { code } } }`,
    { paroleReviewId: reviewId, targetHearingDate: isoDaysFromToday(150), hearingType: "ORAL" },
    SETUP[OWN_REGION],
  );
  if (decided) {
    await setupMutation(
      h,
      `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { userErrors { code } } }`,
      { paroleReviewId: reviewId, outcome: "NO_RELEASE", issuedOn: isoDaysFromToday(0) },
      SETUP[OWN_REGION],
    );
  }
  return { offender, victimCase, reviewId, reviewDatabaseId: review.id as string };
}

function paroleCaseStep(
  operation: string,
  extra: Record<string, unknown>,
  decided: boolean,
  written: (h: Harness, caseId: string) => Promise<number>,
): GlobalOperation {
  return {
    operation,
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const { victimCase, reviewId } = await paroleWorld(h, world, decided);
      const inputType = `${operation[0].toUpperCase()}${operation.slice(1)}Input`;
      const result = await h.run(
        `mutation ($input: ${inputType}!) { ${operation}(input: $input) { victimCase { id } userErrors { code } } }`,
        { input: { caseId: victimCase.id, paroleReviewId: reviewId, ...extra } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) expect(result.data?.[operation]).toEqual({ victimCase: { id: victimCase.id }, userErrors: [] });
          expect(await written(h, victimCase.databaseId)).toBe(allowed ? 1 : 0);
        },
      };
    },
  };
}

const statements = (status: string) => (h: Harness, caseId: string) =>
  count(h, `SELECT count(*) FROM "victim_personal_statement" WHERE "case_id" = $1 AND "status" = $2`, [caseId, status]);
const requests = (kind: string) => (h: Harness, caseId: string) =>
  count(h, `SELECT count(*) FROM "parole_request" WHERE "case_id" = $1 AND "kind" = $2`, [caseId, kind]);

const REQUEST_LICENCE_CONDITION = `mutation ($input: RequestLicenceConditionInput!) { requestLicenceCondition(input: $input) { licenceConditionRequest { id } userErrors { code } } }`;

function licenceRequestStep(
  operation: string,
  extra: Record<string, unknown>,
  forwarded: boolean,
  statusAfter: string,
): GlobalOperation {
  return {
    operation,
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const victimCase = await world.newCase(OWN_REGION, "OPTED_IN");
      const requested = await setupMutation<ConditionRequested>(
        h,
        REQUEST_LICENCE_CONDITION,
        {
          caseId: victimCase.id,
          kind: "NO_CONTACT",
          description: "No contact with the victim or her children.",
          decisionPoint: "LICENCE_RELEASE",
        },
        SETUP[OWN_REGION],
      );
      const requestId = requested.licenceConditionRequest.id as string;
      if (forwarded)
        await setupMutation(
          h,
          `mutation ($input: ForwardLicenceConditionRequestInput!) { forwardLicenceConditionRequest(input: $input) { userErrors { code } } }`,
          { requestId },
          SETUP[OWN_REGION],
        );
      const before = forwarded ? "FORWARDED" : "REQUESTED";
      const inputType = `${operation[0].toUpperCase()}${operation.slice(1)}Input`;
      const result = await h.run(
        `mutation ($input: ${inputType}!) { ${operation}(input: $input) { licenceConditionRequest { status } userErrors { code } } }`,
        { input: { requestId, ...extra } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const [row] = await h.dataSource.query(`SELECT "status" FROM "licence_condition_request" WHERE "id" = $1`, [
            fromGlobalId(requestId, "LicenceConditionRequest"),
          ]);
          expect(row.status).toBe(allowed ? statusAfter : before);
        },
      };
    },
  };
}

const PAROLE_AND_LICENCE_OPERATIONS: GlobalOperation[] = [
  {
    operation: "scheduleParoleHearing",
    permission: Permission.RECORD_PAROLE,
    async exercise(h, profile, world) {
      const { reviewId, reviewDatabaseId } = await paroleWorld(h, world);
      const result = await h.run(
        `mutation ($input: ScheduleParoleHearingInput!) { scheduleParoleHearing(input: $input) { paroleReview { id } userErrors { code } } }`,
        { input: { paroleReviewId: reviewId, targetHearingDate: isoDaysFromToday(200), hearingType: "PAPER" } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const [row] = await h.dataSource.query(`SELECT "hearing_type" FROM "parole_review" WHERE "id" = $1`, [
            reviewDatabaseId,
          ]);
          expect(row.hearing_type).toBe(allowed ? "PAPER" : "ORAL");
        },
      };
    },
  },
  {
    operation: "recordParoleDecision",
    permission: Permission.RECORD_PAROLE,
    async exercise(h, profile, world) {
      const { reviewId, reviewDatabaseId, offender } = await paroleWorld(h, world);
      const result = await h.run(
        `mutation ($input: RecordParoleDecisionInput!) { recordParoleDecision(input: $input) { paroleReview { status } userErrors { code } } }`,
        { input: { paroleReviewId: reviewId, outcome: "NO_RELEASE", issuedOn: isoDaysFromToday(0) } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const [row] = await h.dataSource.query(
            `SELECT r."status", o."custody_phase" FROM "parole_review" r JOIN "offender" o ON o."id" = r."offender_id" WHERE r."id" = $1`,
            [reviewDatabaseId],
          );
          expect(row).toEqual(
            allowed
              ? { status: "DECIDED", custody_phase: "IN_CUSTODY" }
              : { status: "HEARING_SCHEDULED", custody_phase: "PAROLE_REVIEW" },
          );
          expect(offender.databaseId).toBeDefined();
        },
      };
    },
  },
  paroleCaseStep("inviteVictimPersonalStatement", {}, false, statements("INVITED")),
  paroleCaseStep(
    "submitVictimPersonalStatement",
    { format: "READ_BY_PANEL", text: "How the crime has affected me." },
    false,
    statements("SUBMITTED"),
  ),
  paroleCaseStep("applyToObserveParoleHearing", {}, false, requests("OBSERVE_HEARING")),
  paroleCaseStep("applyForPublicParoleHearing", {}, false, requests("PUBLIC_HEARING")),
  paroleCaseStep("requestParoleReconsideration", {}, true, requests("RECONSIDERATION")),
  paroleCaseStep("requestParoleDecisionSummary", {}, true, requests("DECISION_SUMMARY")),
  {
    operation: "requestLicenceCondition",
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const victimCase = await world.newCase(OWN_REGION, "OPTED_IN");
      const result = await h.run(
        REQUEST_LICENCE_CONDITION,
        {
          input: {
            caseId: victimCase.id,
            kind: "EXCLUSION_ZONE",
            description: "The Harton area of South Shields.",
            decisionPoint: "LICENCE_RELEASE",
          },
        },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) =>
          expect(
            await count(h, `SELECT count(*) FROM "licence_condition_request" WHERE "case_id" = $1`, [
              victimCase.databaseId,
            ]),
          ).toBe(allowed ? 1 : 0),
      };
    },
  },
  licenceRequestStep("forwardLicenceConditionRequest", {}, false, "FORWARDED"),
  licenceRequestStep(
    "recordLicenceConditionDecision",
    { adopted: false, reason: "The Board found it unnecessary." },
    true,
    "NOT_ADOPTED",
  ),
  licenceRequestStep("withdrawLicenceConditionRequest", {}, false, "WITHDRAWN"),
];

/** An ACTIVE own-region case whose offender absconded: an urgent call is due on it. */
async function notificationWorld(h: Harness, world: World) {
  const offender = await world.newOffender();
  const victimCase = await world.newCase(OWN_REGION, "OPTED_IN", offender);
  await setupMutation(
    h,
    `mutation ($input: AgreeContactPlanInput!) { agreeContactPlan(input: $input) { userErrors { code } } }`,
    { caseId: victimCase.id, informationLevel: "KEY_STAGES", channels: ["LETTER"] },
    SETUP[OWN_REGION],
  );
  await setupMutation(
    h,
    `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { userErrors { code } } }`,
    {
      offenderId: offender.id,
      type: "UNLAWFULLY_AT_LARGE",
      unlawfullyAtLargeKind: "ESCAPED",
      occurredOn: isoDaysFromToday(0),
    },
    SETUP[OWN_REGION],
  );
  const [row] = await h.dataSource.query(`SELECT "id" FROM "notification" WHERE "case_id" = $1`, [
    victimCase.databaseId,
  ]);
  return { victimCase, notificationId: toGlobalId("Notification", row.id), databaseId: row.id as string };
}

function notificationStep(
  operation: string,
  extra: Record<string, unknown>,
  sentFirst: boolean,
  statusAfter: string,
): GlobalOperation {
  return {
    operation,
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const { notificationId, databaseId } = await notificationWorld(h, world);
      if (sentFirst)
        await setupMutation(
          h,
          `mutation ($input: RecordNotificationSentInput!) { recordNotificationSent(input: $input) { userErrors { code } } }`,
          { notificationId },
          SETUP[OWN_REGION],
        );
      const inputType = `${operation[0].toUpperCase()}${operation.slice(1)}Input`;
      const result = await h.run(
        `mutation ($input: ${inputType}!) { ${operation}(input: $input) { notification { status } userErrors { code } } }`,
        { input: { notificationId, ...extra } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const [row] = await h.dataSource.query(`SELECT "status" FROM "notification" WHERE "id" = $1`, [databaseId]);
          expect(row.status).toBe(allowed ? statusAfter : sentFirst ? "SENT" : "DUE");
        },
      };
    },
  };
}

const NOTIFICATION_OPERATIONS: GlobalOperation[] = [
  {
    operation: "workQueue",
    permission: Permission.READ_CASES,
    async exercise(h, profile, world) {
      const { notificationId } = await notificationWorld(h, world);
      const result = await h.run<{ workQueue: { nodes: { id: string; action: string; urgent: boolean }[] } }>(
        `{ workQueue(first: 100, filter: { kinds: [UNLAWFULLY_AT_LARGE] }) { nodes { id action urgent } } }`,
        {},
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const ids = (result.data?.workQueue?.nodes ?? []).map((node) => node.id);
          expect(ids.includes(notificationId)).toBe(allowed);
        },
      };
    },
  },
  notificationStep("recordNotificationSent", {}, false, "SENT"),
  notificationStep("recordNotificationFailed", { failure: "NO_ANSWER" }, false, "FAILED"),
  notificationStep("recordNotificationAcknowledged", {}, true, "ACKNOWLEDGED"),
];

/** A referred case of the region whose victim turned 18 after the referral, when a guardian is added: a CONTACT_VICTIM_DIRECTLY task is open on it. */
async function taskWorld(h: Harness, world: World, region: TestRegion = OWN_REGION) {
  // 18 on 1 June 2026, after the referral of 10 January 2026.
  const victimCase = await world.newCase(region, "REFERRED", undefined, "2008-06-01");
  await setupMutation(
    h,
    `mutation ($input: AddCaseContactInput!) { addCaseContact(input: $input) { userErrors { code } } }`,
    { caseId: victimCase.id, contact: { role: "PARENT_GUARDIAN", name: "Matrix Guardian" } },
    SETUP[region],
  );
  const [row] = await h.dataSource.query(
    `SELECT "id" FROM "task" WHERE "case_id" = $1 AND "kind" = 'CONTACT_VICTIM_DIRECTLY'`,
    [victimCase.databaseId],
  );
  return { victimCase, taskId: toGlobalId("Task", row.id), databaseId: row.id as string };
}

const TASK_OPERATIONS: GlobalOperation[] = [
  {
    operation: "workQueue",
    permission: Permission.READ_CASES,
    async exercise(h, profile, world) {
      const tasks = {
        [OWN_REGION]: await taskWorld(h, world, OWN_REGION),
        [OTHER_REGION]: await taskWorld(h, world, OTHER_REGION),
      };
      const result = await h.run<{
        workQueue: { nodes: { id: string; action: string; task: { kind: string } | null }[] };
      }>(
        `{ workQueue(first: 100, filter: { taskKinds: [CONTACT_VICTIM_DIRECTLY] }) { nodes { id action task { kind } } } }`,
        {},
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          const ids = (result.data?.workQueue?.nodes ?? []).map((node) => node.id);
          // Tasks follow the cases' scope: another region's only with an all-regions grant.
          for (const region of REGIONS)
            expect(ids.includes(tasks[region].taskId)).toBe(
              allowed && outcome(profile, Permission.READ_CASES, region) === "ALLOWED",
            );
        },
      };
    },
  },
  {
    operation: "completeTask",
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const { taskId, databaseId } = await taskWorld(h, world);
      const result = await h.run(
        `mutation ($input: CompleteTaskInput!) { completeTask(input: $input) { task { status } userErrors { code } } }`,
        { input: { taskId } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) expect(result.data?.completeTask).toEqual({ task: { status: "DONE" }, userErrors: [] });
          const [row] = await h.dataSource.query(`SELECT "status" FROM "task" WHERE "id" = $1`, [databaseId]);
          expect(row.status).toBe(allowed ? "DONE" : "OPEN");
        },
      };
    },
  },
  {
    operation: "cancelTask",
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const { taskId, databaseId } = await taskWorld(h, world);
      const result = await h.run(
        `mutation ($input: CancelTaskInput!) { cancelTask(input: $input) { task { status } userErrors { code } } }`,
        { input: { taskId, reason: "The victim has moved abroad; no contact is possible." } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) expect(result.data?.cancelTask).toEqual({ task: { status: "CANCELLED" }, userErrors: [] });
          const [row] = await h.dataSource.query(`SELECT "status" FROM "task" WHERE "id" = $1`, [databaseId]);
          expect(row.status).toBe(allowed ? "CANCELLED" : "OPEN");
        },
      };
    },
  },
];

/** A referred case of the caller's region with a carer added: the carer's contact id, global and in the database. */
async function carerWorld(h: Harness, world: World) {
  const victimCase = await world.newCase(OWN_REGION, "REFERRED");
  await setupMutation(
    h,
    `mutation ($input: AddCaseContactInput!) { addCaseContact(input: $input) { userErrors { code } } }`,
    { caseId: victimCase.id, contact: { role: "CARER", name: "Matrix Carer", phone: "07700 900321" } },
    SETUP[OWN_REGION],
  );
  const [row] = await h.dataSource.query(`SELECT "id" FROM "case_contact" WHERE "case_id" = $1 AND "role" = 'CARER'`, [
    victimCase.databaseId,
  ]);
  return { contactId: toGlobalId("CaseContact", row.id), databaseId: row.id as string };
}

const CONTACT_OPERATIONS: GlobalOperation[] = [
  {
    operation: "updateCaseContact",
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const { contactId, databaseId } = await carerWorld(h, world);
      const result = await h.run(
        `mutation ($input: UpdateCaseContactInput!) { updateCaseContact(input: $input) { userErrors { code } } }`,
        { input: { contactId, clear: ["PHONE"] } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) expect(result.data?.updateCaseContact).toEqual({ userErrors: [] });
          const [row] = await h.dataSource.query(
            `SELECT "phone" IS NULL AS "cleared" FROM "case_contact" WHERE "id" = $1`,
            [databaseId],
          );
          expect(row.cleared).toBe(allowed);
        },
      };
    },
  },
  {
    operation: "removeCaseContact",
    permission: Permission.CHANGE_CASES,
    async exercise(h, profile, world) {
      const { contactId, databaseId } = await carerWorld(h, world);
      const result = await h.run(
        `mutation ($input: RemoveCaseContactInput!) { removeCaseContact(input: $input) { userErrors { code } } }`,
        { input: { contactId } },
        profile.as,
      );
      return {
        result,
        effect: async (allowed) => {
          if (allowed) expect(result.data?.removeCaseContact).toEqual({ userErrors: [] });
          const rows = await h.dataSource.query(`SELECT 1 FROM "case_contact" WHERE "id" = $1`, [databaseId]);
          expect(rows).toHaveLength(allowed ? 0 : 1);
        },
      };
    },
  },
];

const GLOBAL_OPERATIONS: GlobalOperation[] = [
  ...BASE_OPERATIONS,
  ...PAROLE_AND_LICENCE_OPERATIONS,
  ...NOTIFICATION_OPERATIONS,
  ...TASK_OPERATIONS,
  ...CONTACT_OPERATIONS,
];

/** Contact fields that are personal data, with how to ask for them and what they hold. */
const PERSONAL_FIELDS: { field: string; selection: string; value: (contact: ContactValues) => unknown }[] = [
  { field: "name", selection: "name", value: (contact) => contact.name },
  { field: "dateOfBirth", selection: "dateOfBirth", value: (contact) => contact.dateOfBirth },
  { field: "address", selection: "address { postcode }", value: (contact) => ({ postcode: contact.postcode }) },
  { field: "phone", selection: "phone", value: (contact) => contact.phone },
  { field: "email", selection: "email", value: (contact) => contact.email },
  {
    field: "needs",
    selection: "needs { accessibility }",
    value: (contact) => ({ accessibility: contact.accessibility }),
  },
];

/** The root fields the contact routes below ask for (each asks for one); the contacts are read by path. */
interface ContactRouteData {
  victimCase?: { id: string } | null;
  victimCases?: { nodes: { id: string }[] } | null;
  node?: { id: string } | null;
}

/** The ways to reach a contact: the case's permission decides whether the contact is shown at all. */
interface ContactRoute {
  route: string;
  query: (selection: string) => string;
  variables: (fixture: CaseFixture) => Record<string, unknown>;
  /** The path of the contact object in a response, or null when the response does not show it. */
  contactPath: (data: ContactRouteData | null | undefined, fixture: CaseFixture) => (string | number)[] | null;
  /** Where a caller without READ_CASES at all gets FORBIDDEN; null: a plain null (node). */
  forbiddenPath: string[] | null;
  /** A list: it may hold other cases too, whose own errors are not this fixture's. */
  list: boolean;
}

const CONTACT_ROUTES: ContactRoute[] = [
  {
    route: "victimCase.contacts",
    query: (selection) => `query ($id: ID!) { victimCase(id: $id) { id contacts { id role ${selection} } } }`,
    variables: (fixture) => ({ id: fixture.id }),
    contactPath: (data) => (data?.victimCase ? ["victimCase", "contacts", 0] : null),
    forbiddenPath: ["victimCase"],
    list: false,
  },
  {
    route: "victimCases.nodes.contacts",
    query: (selection) =>
      `query ($offenderId: ID!) { victimCases(first: 100, filter: { offenderId: $offenderId }) { nodes { id contacts { id role ${selection} } } } }`,
    variables: (fixture) => ({ offenderId: fixture.offenderId }),
    contactPath: (data, fixture) => {
      const index = (data?.victimCases?.nodes ?? []).findIndex((node) => node.id === fixture.id);
      return index < 0 ? null : ["victimCases", "nodes", index, "contacts", 0];
    },
    forbiddenPath: ["victimCases"],
    list: true,
  },
  {
    route: "node(CaseContact)",
    query: (selection) => `query ($id: ID!) { node(id: $id) { id ... on CaseContact { role ${selection} } } }`,
    variables: (fixture) => ({ id: fixture.contactId }),
    contactPath: (data) => (data?.node ? ["node"] : null),
    forbiddenPath: null,
    list: false,
  },
];

/** Which permission each action in availableActions stands for. */
const ACTION_PERMISSION: Record<CaseAction, Permission> = {
  [CaseAction.SEND_INVITATION]: Permission.CHANGE_CASES,
  [CaseAction.RECORD_OPT_IN]: Permission.CHANGE_CASES,
  [CaseAction.RECORD_DECLINE]: Permission.CHANGE_CASES,
  [CaseAction.AGREE_CONTACT_PLAN]: Permission.CHANGE_CASES,
  [CaseAction.RECORD_OPT_OUT]: Permission.CHANGE_CASES,
  [CaseAction.CLOSE]: Permission.CLOSE_CASES,
};
/** What the case machine allows in each stage (the status alone, before any permission). */
const STAGE_ACTIONS: Record<Stage, CaseAction[]> = {
  REFERRED: [CaseAction.SEND_INVITATION, CaseAction.CLOSE],
  INVITED: [CaseAction.SEND_INVITATION, CaseAction.RECORD_OPT_IN, CaseAction.RECORD_DECLINE, CaseAction.CLOSE],
  OPTED_IN: [CaseAction.AGREE_CONTACT_PLAN, CaseAction.RECORD_OPT_OUT, CaseAction.CLOSE],
};

// ---------------------------------------------------------------------------------------------

interface OfficerRef {
  id: string;
  databaseId: string;
  username: string;
  as: TestCaller;
}

interface World {
  readOffenderId: string;
  read: Record<TestRegion, CaseFixture>;
  referralOffender: { id: string; databaseId: string };
  colleague: Record<TestRegion, OfficerRef>;
  newOffender(): Promise<{ id: string; databaseId: string }>;
  newCase(
    region: TestRegion,
    stage: Stage,
    offender?: { id: string; databaseId: string },
    victimBorn?: string,
  ): Promise<CaseFixture>;
}

/** The payloads of the setup mutations that are read: setupMutation has checked they succeeded. */
type OffenderCreated = Payload & { offender: { id: string } };
type CaseReferred = Payload & { victimCase: { id: string } };
type ConditionRequested = Payload & { licenceConditionRequest: { id: string } };

/** Runs a setup mutation as `as` and returns its payload, failing loudly on any error. */
async function setupMutation<T extends Payload = Payload>(
  h: Harness,
  query: string,
  input: Record<string, unknown>,
  as: TestCaller,
): Promise<T> {
  const result = await h.run<Record<string, T>>(query, { input }, as);
  const payload = result.data ? Object.values(result.data)[0] : null;
  if (result.errors || !payload || (payload as { userErrors?: unknown[] }).userErrors?.length)
    throw new Error(`setup failed: ${JSON.stringify(result)}`);
  return payload;
}

async function createWorld(h: Harness): Promise<World> {
  const newOffender = async () => {
    const payload = await setupMutation<OffenderCreated>(h, CREATE_OFFENDER, offenderInput(), SETUP[OWN_REGION]);
    return { id: payload.offender.id as string, databaseId: fromGlobalId(payload.offender.id, "Offender")! };
  };
  const caseOffender = await newOffender();
  const newCase = async (
    region: TestRegion,
    stage: Stage,
    offender = caseOffender,
    victimBorn?: string,
  ): Promise<CaseFixture> => {
    const contact = uniqueContact(victimBorn);
    const referred = await setupMutation<CaseReferred>(
      h,
      REFER,
      {
        offenderId: offender.id,
        referredOn: "2026-01-10",
        contact: {
          role: "VICTIM",
          name: contact.name,
          dateOfBirth: contact.dateOfBirth,
          email: contact.email,
          phone: contact.phone,
          address: { line1: "2 Test Road", town: "Testbury", postcode: contact.postcode },
          needs: { accessibility: contact.accessibility },
        },
        // Kept although the route is STATUTORY: every fixture has a reason to be refused.
        discretionaryReason: contact.discretionaryReason,
      },
      SETUP[region],
    );
    const id = referred.victimCase.id as string;
    for (const step of STAGE_STEPS[stage]) {
      await setupMutation(h, step.query, { caseId: id, ...step.input }, SETUP[region]);
    }
    const read = await h.run<{ victimCase: { region: string; contacts: { id: string }[] } | null }>(
      `query ($id: ID!) { victimCase(id: $id) { region contacts { id } } }`,
      { id },
      SETUP[region],
    );
    expect(read.data?.victimCase!.region).toBe(region);
    const [task] = await h.dataSource.query(
      `SELECT "id" FROM "task" WHERE "case_id" = $1 AND "kind" = 'FIRST_CONTACT'`,
      [fromGlobalId(id, "VictimCase")],
    );
    return {
      id,
      databaseId: fromGlobalId(id, "VictimCase")!,
      region,
      offenderId: offender.id,
      contactId: read.data?.victimCase!.contacts[0].id as string,
      contact,
      taskId: toGlobalId("Task", task.id),
    };
  };
  const officer = async (username: string, region: TestRegion): Promise<OfficerRef> => {
    const as = asUser(username, [Role.VLO], region);
    const result = await h.run<{ viewer: { officer: { id: string } | null } }>(`{ viewer { officer { id } } }`, {}, as);
    const id = result.data?.viewer.officer!.id as string;
    return { id, databaseId: fromGlobalId(id, "Officer")!, username, as };
  };

  const readOffender = await newOffender();
  const read = {
    [OWN_REGION]: await newCase(OWN_REGION, "REFERRED", readOffender),
    [OTHER_REGION]: await newCase(OTHER_REGION, "REFERRED", readOffender),
  } as Record<TestRegion, CaseFixture>;
  const colleague = {
    [OWN_REGION]: await officer("ne.colleague", OWN_REGION),
    [OTHER_REGION]: await officer("london.colleague", OTHER_REGION),
  } as Record<TestRegion, OfficerRef>;
  return {
    readOffenderId: readOffender.id,
    read,
    referralOffender: await newOffender(),
    colleague,
    newOffender,
    newCase,
  };
}

async function caseSnapshot(h: Harness, databaseId: string): Promise<unknown> {
  const [row] = await h.dataSource.query(
    `SELECT c."status", c."version", c."region", c."officer_id", c."context",
            (SELECT count(*)::int FROM "case_transition" t WHERE t."case_id" = c."id") AS "history",
            (SELECT count(*)::int FROM "case_contact" k WHERE k."case_id" = c."id" AND k."erased_at" IS NULL) AS "contacts"
       FROM "victim_case" c WHERE c."id" = $1`,
    [databaseId],
  );
  return row;
}

const MISSING_CASE_ID = toGlobalId("VictimCase", randomUUID());

describe.each(ENGINES)("authorisation matrix (%s)", (engine) => {
  let h: Harness;
  let world: World;

  beforeAll(async () => {
    h = await startHarness(engine);
    world = await createWorld(h);
  });
  afterAll(() => h.close());

  describe("coverage", () => {
    it("should have a matrix row for every query and mutation when the schema is built", async () => {
      const schema = await buildAppSchema();
      const covered = new Set([
        ...CASE_READS.map((read) => read.operation),
        ...CASE_MUTATIONS.map((mutation) => mutation.operation),
        ...GLOBAL_OPERATIONS.map((operation) => operation.operation),
      ]);
      const operations = [
        ...Object.keys(schema.getQueryType()!.getFields()),
        ...Object.keys(schema.getMutationType()!.getFields()),
      ];
      expect(operations.filter((operation) => !covered.has(operation))).toEqual([]);
    });

    it("should test every contact field the schema marks as personal data when the schema is built", async () => {
      const schema = await buildAppSchema();
      const contact = schema.getType("CaseContact") as GraphQLObjectType;
      const personal = Object.values(contact.getFields())
        .filter((field) => /personal data/i.test(field.description ?? ""))
        .map((field) => field.name);
      expect(personal.sort()).toEqual(PERSONAL_FIELDS.map((entry) => entry.field).sort());
    });

    it("should have a caller for every role as both a user and a system when the matrix is generated", () => {
      for (const role of Object.values(Role))
        for (const kind of CALLER_KINDS)
          expect(
            PROFILES.some(
              (profile) => profile.roles.length === 1 && profile.roles[0] === role && profile.kind === kind,
            ),
          ).toBe(true);
    });

    it("should expect every operation refused when a caller holds only roles for the other kind of caller", () => {
      const mismatched = PROFILES.filter((profile) =>
        profile.roles.every((role) => POLICY[role].caller !== profile.kind),
      );
      expect(mismatched).toHaveLength(Object.values(Role).length);
      for (const profile of mismatched) {
        for (const permission of Object.values(Permission)) expect(outcome(profile, permission)).toBe("FORBIDDEN");
      }
    });
  });

  describe.each(PROFILES)("as $label", (profile) => {
    describe.each(GLOBAL_OPERATIONS)("$operation", (operation) => {
      const expected = outcome(profile, operation.permission);
      it(`should ${OUTCOME_TEXT[expected]} when ${profile.label} calls ${operation.operation}`, async () => {
        const { result, effect } = await operation.exercise(h, profile, world);
        if (expected === "FORBIDDEN") {
          expectForbidden(result, [operation.operation]);
          expectMismatchNamed(result, profile, operation.permission);
        } else expect(result.errors).toBeUndefined();
        await effect(expected === "ALLOWED");
      });
    });

    describe.each(CASE_READS)("$operation", (read) => {
      for (const region of REGIONS) {
        const parent = read.parent ? outcome(profile, read.parent.permission) : "ALLOWED";
        const expected = outcome(profile, read.permission, region);
        const text =
          parent === "FORBIDDEN" || (expected === "FORBIDDEN" && read.forbiddenPath)
            ? "refuse it with FORBIDDEN"
            : expected === "ALLOWED"
              ? "show the case"
              : "not show the case, as if it did not exist";
        it(`should ${text} when ${profile.label} calls ${read.operation} for ${regionLabel(region)}`, async () => {
          const fixture = world.read[region];
          const result = await h.run<CaseReadData>(read.query, read.variables(fixture), profile.as);
          if (parent === "FORBIDDEN") {
            expectForbidden(result, read.parent!.path);
          } else if (expected === "FORBIDDEN" && read.forbiddenPath) {
            expectForbidden(result, read.forbiddenPath);
          } else {
            expect(result.errors).toBeUndefined();
            expect(read.shown(result.data).includes(fixture.id)).toBe(expected === "ALLOWED");
          }
          expectNoLeak(result, fixture.contact);
        });
      }
    });

    describe.each(CASE_MUTATIONS)("$operation", (mutation) => {
      describe.each(REGIONS)("on the %s case", (region) => {
        const expected = outcome(profile, mutation.permission, region);
        it(`should ${OUTCOME_TEXT[expected]} when ${profile.label} calls ${mutation.operation} on ${regionLabel(region)}`, async () => {
          const fixture = await world.newCase(region, mutation.from, undefined, mutation.victimBorn);
          const before = await caseSnapshot(h, fixture.databaseId);
          const query = `mutation ($input: ${mutation.operation[0].toUpperCase()}${mutation.operation.slice(1)}Input!) { ${mutation.operation}(input: $input) { ${PAYLOAD} } }`;
          const input = mutation.input(fixture, world);
          const result = await h.run<Record<string, CaseMutationPayload>>(
            query,
            { input: { caseId: fixture.id, ...input } },
            profile.as,
          );
          if (expected === "ALLOWED") {
            expect(result.errors).toBeUndefined();
            const payload = result.data?.[mutation.operation];
            expect(payload!.userErrors).toEqual([]);
            expect(payload!.victimCase).toMatchObject({ id: fixture.id, status: mutation.to, region });
            expect(await caseSnapshot(h, fixture.databaseId)).not.toEqual(before);
            await mutation.verify?.(h, fixture, world);
            return;
          }
          if (expected === "FORBIDDEN") {
            expectForbidden(result, [mutation.operation]);
          } else {
            // Exactly what the same caller gets for a case that does not exist.
            expect(result.errors).toBeUndefined();
            const payload = result.data?.[mutation.operation];
            expect(payload!.userErrors[0].code).toBe("NOT_FOUND");
            const missing = await h.run<Record<string, CaseMutationPayload>>(
              query,
              { input: { caseId: MISSING_CASE_ID, ...input } },
              profile.as,
            );
            expect(payload).toEqual(missing.data?.[mutation.operation]);
          }
          expect(await caseSnapshot(h, fixture.databaseId)).toEqual(before);
          expectNoLeak(result, fixture.contact);
        });
      });
    });

    describe.each(PERSONAL_FIELDS)("personal field $field", (personal) => {
      describe.each(CONTACT_ROUTES)("through $route", (route) => {
        for (const region of REGIONS) {
          const caseRead = outcome(profile, Permission.READ_CASES, region);
          const personalRead = outcome(profile, Permission.READ_PERSONAL_DATA, region);
          const text =
            caseRead !== "ALLOWED"
              ? "not show the contact at all"
              : personalRead === "ALLOWED"
                ? `return the ${personal.field}`
                : `return a null ${personal.field} with FORBIDDEN on its path and never its value`;
          it(`should ${text} when ${profile.label} reads ${personal.field} through ${route.route} on ${regionLabel(region)}`, async () => {
            const fixture = world.read[region];
            const result = await h.run<ContactRouteData>(
              route.query(personal.selection),
              route.variables(fixture),
              profile.as,
            );
            const contactPath = route.contactPath(result.data, fixture);
            // Errors about this fixture's contact (a list may also carry refusals for other cases).
            const under = (prefix: readonly (string | number)[]) =>
              (result.errors ?? []).filter(
                (error) => JSON.stringify(error.path?.slice(0, prefix.length)) === JSON.stringify(prefix),
              );
            for (const error of result.errors ?? []) expect(error.extensions?.code).toBe("FORBIDDEN");
            if (caseRead !== "ALLOWED") {
              expect(contactPath).toBeNull();
              if (caseRead === "FORBIDDEN" && route.forbiddenPath) expectForbidden(result, route.forbiddenPath);
              else if (!route.list) expect(result.errors).toBeUndefined();
              expectNoLeak(result, fixture.contact);
              return;
            }
            expect(contactPath).not.toBeNull();
            const fieldPath = [...contactPath!, personal.field];
            if (personalRead === "ALLOWED") {
              expect(under(contactPath!)).toEqual([]);
              if (!route.list) expect(result.errors).toBeUndefined();
              expect(fieldAt(result.data, fieldPath)).toEqual(personal.value(fixture.contact));
              return;
            }
            // Denied: null, with FORBIDDEN on exactly that field's path, and the value nowhere.
            expect(fieldAt(result.data, fieldPath)).toBeNull();
            expect(fieldAt(result.data, [...contactPath!, "role"])).toBe("VICTIM");
            const errors = under(contactPath!);
            expect(errors.map((error) => error.path)).toEqual([fieldPath]);
            expect(errors[0].extensions?.code).toBe("FORBIDDEN");
            expect(errors[0].path![errors[0].path!.length - 1]).toBe(personal.field);
            expectNoLeak(result, fixture.contact);
          });
        }
      });
    });

    // A case's own personal field: the case's permission decides whether it is shown at all.
    for (const region of REGIONS) {
      const caseRead = outcome(profile, Permission.READ_CASES, region);
      const personalRead = outcome(profile, Permission.READ_PERSONAL_DATA, region);
      const text =
        caseRead !== "ALLOWED"
          ? "not show the case"
          : personalRead === "ALLOWED"
            ? "return the discretionaryReason"
            : "return a null discretionaryReason with FORBIDDEN on its path and never its value";
      it(`should ${text} when ${profile.label} reads VictimCase.discretionaryReason on ${regionLabel(region)}`, async () => {
        const fixture = world.read[region];
        const result = await h.run<{ victimCase: { id: string; discretionaryReason: string | null } | null }>(
          `query ($id: ID!) { victimCase(id: $id) { id discretionaryReason } }`,
          { id: fixture.id },
          profile.as,
        );
        for (const error of result.errors ?? []) expect(error.extensions?.code).toBe("FORBIDDEN");
        if (caseRead !== "ALLOWED") {
          expect(fieldAt(result.data, ["victimCase"])).toBeNull();
          if (caseRead === "FORBIDDEN") expectForbidden(result, ["victimCase"]);
          else expect(result.errors).toBeUndefined();
        } else if (personalRead === "ALLOWED") {
          expect(result.errors).toBeUndefined();
          expect(result.data!.victimCase).toEqual({
            id: fixture.id,
            discretionaryReason: fixture.contact.discretionaryReason,
          });
          return;
        } else {
          expect(result.data!.victimCase).toEqual({ id: fixture.id, discretionaryReason: null });
          expect(result.errors!.map((error) => error.path)).toEqual([["victimCase", "discretionaryReason"]]);
        }
        expectNoLeak(result, fixture.contact);
      });
    }

    for (const region of REGIONS) {
      const text =
        outcome(profile, Permission.READ_CASES, region) !== "ALLOWED"
          ? "not show the case"
          : `offer ${STAGE_ACTIONS.REFERRED.filter((action) => outcome(profile, ACTION_PERMISSION[action], region) === "ALLOWED").join(" and ") || "no action"}`;
      it(`should ${text} when ${profile.label} reads availableActions on ${regionLabel(region)}, referred`, async () => {
        const fixture = world.read[region];
        const result = await h.run<{ victimCase: { availableActions: string[] } | null }>(
          `query ($id: ID!) { victimCase(id: $id) { availableActions } }`,
          { id: fixture.id },
          profile.as,
        );
        const caseRead = outcome(profile, Permission.READ_CASES, region);
        if (caseRead !== "ALLOWED") {
          expect(result.data?.victimCase ?? null).toBeNull();
          return;
        }
        const permitted = STAGE_ACTIONS.REFERRED.filter(
          (action) => outcome(profile, ACTION_PERMISSION[action], region) === "ALLOWED",
        );
        expect([...(result.data?.victimCase!.availableActions ?? [])].sort()).toEqual(permitted.sort());
      });
    }
  });

  describe("availableActions", () => {
    const vlo = () => PROFILES.find((profile) => profile.label === "vlo")!;
    const manager = () => PROFILES.find((profile) => profile.label === "manager")!;
    const actionsOf = async (id: string, as: TestCaller) =>
      (
        await h.run<{ victimCase: { availableActions: string[] } | null }>(
          `query ($id: ID!) { victimCase(id: $id) { availableActions } }`,
          { id },
          as,
        )
      ).data?.victimCase?.availableActions ?? null;

    it("should never offer CLOSE to a VLO when the case is open in their region, whatever its status", async () => {
      for (const stage of Object.keys(STAGE_ACTIONS) as Stage[]) {
        const fixture = await world.newCase(OWN_REGION, stage);
        const actions = await actionsOf(fixture.id, vlo().as);
        expect(actions).toEqual(STAGE_ACTIONS[stage].filter((action) => action !== CaseAction.CLOSE));
      }
    });

    it("should offer CLOSE to a manager when the case is in their region, and nothing when it is in another", async () => {
      for (const stage of Object.keys(STAGE_ACTIONS) as Stage[]) {
        const own = await world.newCase(OWN_REGION, stage);
        expect(await actionsOf(own.id, manager().as)).toContain(CaseAction.CLOSE);
      }
      expect(await actionsOf(world.read[OTHER_REGION].id, manager().as)).toBeNull();
    });
  });

  describe("assignVictimCase", () => {
    const manager = () => PROFILES.find((profile) => profile.label === "manager")!;
    const ASSIGN = `mutation ($input: AssignVictimCaseInput!) { assignVictimCase(input: $input) { ${PAYLOAD} } }`;

    it("should keep the case visible to its region and give it to the colleague when a manager assigns it to an officer of their region", async () => {
      const fixture = await world.newCase(OWN_REGION, "INVITED");
      const result = await h.run<{ assignVictimCase: CaseMutationPayload }>(
        ASSIGN,
        { input: { caseId: fixture.id, officerId: world.colleague[OWN_REGION].id } },
        manager().as,
      );
      expect(result.data?.assignVictimCase).toMatchObject({
        userErrors: [],
        victimCase: { region: OWN_REGION, status: "INVITED", assignedOfficer: { username: "ne.colleague" } },
        transition: { event: "ASSIGNED" },
      });
      const reader = asUser("ne.reader", [Role.VLO], OWN_REGION);
      for (const as of [reader, world.colleague[OWN_REGION].as, manager().as]) {
        expect(
          (await h.run(`query ($id: ID!) { victimCase(id: $id) { id region } }`, { id: fixture.id }, as)).data
            ?.victimCase,
        ).toEqual({ id: fixture.id, region: OWN_REGION });
      }
      expect(
        (await h.run(`query ($id: ID!) { victimCase(id: $id) { id } }`, { id: fixture.id }, SETUP[OTHER_REGION])).data
          ?.victimCase,
      ).toBeNull();
    });

    it("should answer FORBIDDEN and change nothing when a manager assigns an own-region case to an officer of another region", async () => {
      const fixture = await world.newCase(OWN_REGION, "REFERRED");
      const before = await caseSnapshot(h, fixture.databaseId);
      const result = await h.run<{ assignVictimCase: CaseMutationPayload }>(
        ASSIGN,
        { input: { caseId: fixture.id, officerId: world.colleague[OTHER_REGION].id } },
        manager().as,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.assignVictimCase.victimCase).toBeNull();
      expect(result.data?.assignVictimCase.userErrors[0]).toMatchObject({
        code: "FORBIDDEN",
        field: ["input", "officerId"],
      });
      expect(await caseSnapshot(h, fixture.databaseId)).toEqual(before);
    });

    it("should answer NOT_FOUND and change nothing when a manager assigns an other-region case to an officer of their own region", async () => {
      const fixture = await world.newCase(OTHER_REGION, "REFERRED");
      const before = await caseSnapshot(h, fixture.databaseId);
      const result = await h.run<{ assignVictimCase: CaseMutationPayload }>(
        ASSIGN,
        { input: { caseId: fixture.id, officerId: world.colleague[OWN_REGION].id } },
        manager().as,
      );
      expect(result.data?.assignVictimCase.userErrors[0]).toMatchObject({
        code: "NOT_FOUND",
        field: ["input", "caseId"],
      });
      expect(await caseSnapshot(h, fixture.databaseId)).toEqual(before);
    });
  });

  describe("createOfficer", () => {
    it("should let the new officer work on their region's cases when an administrator registers them", async () => {
      const admin = PROFILES.find((profile) => profile.label === "admin")!;
      const result = await h.run(
        `mutation ($input: CreateOfficerInput!) { createOfficer(input: $input) { officer { username region } userErrors { code } } }`,
        { input: { username: "new.london.vlo", name: "New London", region: OTHER_REGION } },
        admin.as,
      );
      expect(result.data?.createOfficer).toEqual({
        officer: { username: "new.london.vlo", region: OTHER_REGION },
        userErrors: [],
      });
      // Not through the harness's registration: the row the administrator made gives the region.
      const caller = { caller: { kind: "USER" as const, username: "new.london.vlo", roles: [Role.VLO] }, region: null };
      const read = await h.run<{ victimCases: { nodes: { id: string }[] } }>(
        `query ($offenderId: ID!) { victimCases(first: 100, filter: { offenderId: $offenderId }) { nodes { id } } }`,
        { offenderId: world.readOffenderId },
        caller,
      );
      expect(read.data?.victimCases.nodes).toEqual([{ id: world.read[OTHER_REGION].id }]);
    });
  });

  describe("recordCustodyEvent", () => {
    it("should move every case but show none of them when the custody feed records an event", async () => {
      const feed = PROFILES.find((profile) => profile.label === "custody_feed")!;
      const offender = await world.newOffender();
      const own = await world.newCase(OWN_REGION, "INVITED", offender);
      const other = await world.newCase(OTHER_REGION, "REFERRED", offender);
      const result = await h.run(
        `mutation ($input: RecordCustodyEventInput!) { recordCustodyEvent(input: $input) { offender { custodyPhase } affectedCaseCount affectedCases { id contacts { name } } userErrors { code } } }`,
        { input: { offenderId: offender.id, type: "MOVED_TO_OPEN_CONDITIONS", occurredOn: "2026-01-12" } },
        feed.as,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.recordCustodyEvent).toEqual({
        offender: { custodyPhase: "IN_CUSTODY" },
        affectedCaseCount: 2,
        affectedCases: [],
        userErrors: [],
      });
      const rows = await h.dataSource.query(
        `SELECT "actor" FROM "case_transition" WHERE "case_id" = ANY($1) AND "event" = 'CUSTODY_CHANGED'`,
        [[own.databaseId, other.databaseId]],
      );
      expect(rows).toEqual([{ actor: feed.actor }, { actor: feed.actor }]);
      for (const fixture of [own, other]) expectNoLeak(result, fixture.contact);
    });
  });

  describe("node", () => {
    it("should answer null and no FORBIDDEN when a VLO looks up any object of another region's case", async () => {
      const vlo = PROFILES.find((profile) => profile.label === "vlo")!;
      const fixture = world.read[OTHER_REGION];
      const [transition] = await h.dataSource.query(`SELECT "id" FROM "case_transition" WHERE "case_id" = $1`, [
        fixture.databaseId,
      ]);
      const ids = [fixture.id, fixture.contactId, toGlobalId("CaseTransition", transition.id)];
      for (const id of ids) {
        const result = await h.run(
          `query ($id: ID!) { node(id: $id) { id ... on CaseContact { name } } }`,
          { id },
          vlo.as,
        );
        expect(result).toEqual({ data: { node: null } });
      }
      const many = await h.run(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
        { ids: [...ids, world.read[OWN_REGION].id] },
        vlo.as,
      );
      expect(many).toEqual({ data: { nodes: [null, null, null, { id: world.read[OWN_REGION].id }] } });
    });
  });

  describe("a VLO who is also an analyst", () => {
    it("should see another region's case but none of its personal data when the caller holds both roles", async () => {
      const both = PROFILES.find((profile) => profile.label === "vlo+analyst")!;
      const fields = PERSONAL_FIELDS.map((personal) => personal.selection).join(" ");
      const query = `query ($id: ID!) { victimCase(id: $id) { id region contacts { role ${fields} } } }`;
      const other = await h.run(query, { id: world.read[OTHER_REGION].id }, both.as);
      expect(other.data?.victimCase).toEqual({
        id: world.read[OTHER_REGION].id,
        region: OTHER_REGION,
        contacts: [
          { role: "VICTIM", ...Object.fromEntries(PERSONAL_FIELDS.map((personal) => [personal.field, null])) },
        ],
      });
      expect((other.errors ?? []).map((error) => [error.extensions?.code, error.path?.at(-1)]).sort()).toEqual(
        PERSONAL_FIELDS.map((personal) => ["FORBIDDEN", personal.field]).sort(),
      );
      expectNoLeak(other, world.read[OTHER_REGION].contact);

      const own = await h.run<{ victimCase: { contacts: { name: string | null }[] } | null }>(
        query,
        {
          id: world.read[OWN_REGION].id,
        },
        both.as,
      );
      expect(own.errors).toBeUndefined();
      expect(own.data?.victimCase!.contacts[0].name).toBe(world.read[OWN_REGION].contact.name);
    });
  });
});
