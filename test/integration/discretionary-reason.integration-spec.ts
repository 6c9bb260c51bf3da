import { randomBytes } from "node:crypto";
import { fromGlobalId } from "../../src/domain/ids/global-id";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { DiscretionaryGround1766500000000 } from "../../src/migrations/1766500000000-discretionary-ground";
import { purgeExpiredContactData } from "../../src/services/cases/erasure.service";
import { sealPlaintextPersonalData } from "../../src/services/cases/plaintext-sealing";
import { rotateEncryptionKeys } from "../../src/services/security/key-rotation";
import { configureFieldEncryption, keyIdOf } from "../../src/entities/field-encryption.transformer";
import { CLOSE_CASE, contactInput, createOffender, mutate, REFER, referCase, type CasePayload } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 13 §2: why a victim was admitted at discretion is personal data (sealed, gated, logged,
// erased); analysts see its category instead.
const REASON = "Stalked by her former partner since 2019; he knows her new town";
const READ = `query ($id: ID!) { victimCase(id: $id) { id eligibilityRoute discretionaryGround discretionaryReason } }`;
const ERASE = `mutation ($input: EraseCaseContactDataInput!) {
  eraseCaseContactData(input: $input) { victimCase { id discretionaryGround discretionaryReason } userErrors { code field } }
}`;
const ANALYST = asUser("dr.analyst", [Role.ANALYST], null);
const NE_VLO = asUser("dr.ne.vlo", [Role.VLO], Region.NORTH_EAST);
const LONDON_VLO = asUser("dr.london.vlo", [Role.VLO], Region.LONDON);
const LONDON_VLO_ANALYST = asUser("dr.london.vlo.analyst", [Role.VLO, Role.ANALYST], Region.LONDON);
const DAY = 24 * 3600 * 1000;

interface CaseRead {
  victimCase: {
    id: string;
    eligibilityRoute: string;
    discretionaryGround: string | null;
    discretionaryReason: string | null;
  } | null;
}

describe.each(ENGINES)("discretionary reason as personal data (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  /** A DISCRETIONARY case (the offence is outside the statute), referred by a North East officer. */
  async function discretionaryCase(reason = REASON, ground = "STALKING") {
    const offender = await createOffender(h, {}, { offenceCategory: "OTHER" });
    const victimCase = await referCase(h, offender.id, { discretionaryReason: reason, discretionaryGround: ground });
    return { ...victimCase, databaseId: fromGlobalId(victimCase.id, "VictimCase")! };
  }

  async function rawCase(
    databaseId: string,
  ): Promise<{ reason: string | null; ground: string | null; version: number }> {
    const [row] = await h.dataSource.query(
      `SELECT "discretionary_reason" AS "reason", "discretionary_ground" AS "ground", "version" FROM "victim_case" WHERE "id" = $1`,
      [databaseId],
    );
    return row;
  }

  async function reasonReads(databaseId: string): Promise<{ operation: string; fields: string[] }[]> {
    return h.dataSource.query(
      `SELECT "operation", "fields" FROM "access_log" WHERE "case_id" = $1 AND "action" = 'READ' AND "fields" @> '["victimCase.discretionaryReason"]'::jsonb ORDER BY "sequence"`,
      [databaseId],
    );
  }

  it("should store the reason sealed, never in plain text, with its ground beside it, and log the write naming both fields", async () => {
    const victimCase = await discretionaryCase();

    const raw = await rawCase(victimCase.databaseId);
    expect(raw.reason).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(raw.reason).not.toContain("Stalked");
    expect(raw.ground).toBe("STALKING");
    const [written] = await h.dataSource.query(
      `SELECT "action", "fields" FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'referVictimCase'`,
      [victimCase.databaseId],
    );
    expect(written.action).toBe("CHANGE");
    expect(written.fields).toEqual(expect.arrayContaining(["discretionaryGround", "discretionaryReason"]));
  });

  it("should give an analyst the ground but a null reason with FORBIDDEN on its path, and log no read", async () => {
    const victimCase = await discretionaryCase();

    const result = await h.run<CaseRead>(READ, { id: victimCase.id }, ANALYST);

    expect(result.data!.victimCase).toEqual({
      id: victimCase.id,
      eligibilityRoute: "DISCRETIONARY",
      discretionaryGround: "STALKING",
      discretionaryReason: null,
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions?.code).toBe("FORBIDDEN");
    expect(result.errors![0].path).toEqual(["victimCase", "discretionaryReason"]);
    expect(JSON.stringify(result)).not.toContain("Stalked");
    expect(await reasonReads(victimCase.databaseId)).toEqual([]);

    // The same through a caseload, read by raw SQL rather than the entity.
    const list = await h.run<{ victimCases: { nodes: { id: string; discretionaryGround: string | null }[] } }>(
      `{ victimCases(first: 100) { nodes { id discretionaryGround } } }`,
      {},
      ANALYST,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.victimCases.nodes).toContainEqual({ id: victimCase.id, discretionaryGround: "STALKING" });
  });

  it("should give a VLO of the case's region the reason, after writing a READ row naming the field", async () => {
    const victimCase = await discretionaryCase();

    const result = await h.run<CaseRead>(READ, { id: victimCase.id }, NE_VLO);

    expect(result.errors).toBeUndefined();
    expect(result.data!.victimCase).toMatchObject({ discretionaryGround: "STALKING", discretionaryReason: REASON });
    expect(await reasonReads(victimCase.databaseId)).toEqual([
      { operation: "victimCase", fields: ["victimCase.discretionaryReason"] },
    ]);
  });

  it("should log no read when a case has no reason to read", async () => {
    const offender = await createOffender(h);
    const statutory = await referCase(h, offender.id);

    const result = await h.run<CaseRead>(READ, { id: statutory.id }, NE_VLO);

    expect(result.errors).toBeUndefined();
    expect(result.data!.victimCase).toMatchObject({
      eligibilityRoute: "STATUTORY",
      discretionaryGround: null,
      discretionaryReason: null,
    });
    expect(await reasonReads(fromGlobalId(statutory.id, "VictimCase")!)).toEqual([]);
  });

  it("should not give the reason to a VLO of another region, even one who is also an analyst", async () => {
    const victimCase = await discretionaryCase();

    const asVlo = await h.run<CaseRead>(READ, { id: victimCase.id }, LONDON_VLO);
    const asBoth = await h.run<CaseRead>(READ, { id: victimCase.id }, LONDON_VLO_ANALYST);

    expect(asVlo.errors).toBeUndefined();
    expect(asVlo.data!.victimCase).toBeNull();
    expect(asBoth.data!.victimCase).toMatchObject({ discretionaryGround: "STALKING", discretionaryReason: null });
    expect(asBoth.errors!.map((error) => [error.extensions?.code, error.path])).toEqual([
      ["FORBIDDEN", ["victimCase", "discretionaryReason"]],
    ]);
    expect(JSON.stringify([asVlo, asBoth])).not.toContain("Stalked");
    expect(await reasonReads(victimCase.databaseId)).toEqual([]);
  });

  it("should erase the reason and keep the ground when a manager erases the case's personal data", async () => {
    const victimCase = await discretionaryCase();

    const payload = await mutate<{
      victimCase: { discretionaryGround: string | null; discretionaryReason: string | null } | null;
      userErrors: unknown[];
    }>(h, ERASE, { caseId: victimCase.id, requestReference: "ER-DR-1" });

    expect(payload.userErrors).toEqual([]);
    expect(payload.victimCase).toMatchObject({ discretionaryGround: "STALKING", discretionaryReason: null });
    expect(await rawCase(victimCase.databaseId)).toMatchObject({ reason: null, ground: "STALKING" });
  });

  it("should erase the reason when the retention period of a closed case ends, even when its contacts were erased before", async () => {
    const closed = await discretionaryCase();
    await mutate(h, CLOSE_CASE, { caseId: closed.id, reason: "VICTIM_REQUEST" });
    // A case whose contacts were erased before reasons were personal data: only its reason is left.
    const erasedBefore = await discretionaryCase();
    await mutate(h, CLOSE_CASE, { caseId: erasedBefore.id, reason: "VICTIM_REQUEST" });
    await h.dataSource.query(
      `UPDATE "case_contact" SET "name" = NULL, "date_of_birth" = NULL, "email" = NULL, "phone" = NULL, "address" = NULL, "needs" = NULL, "erased_at" = now() WHERE "case_id" = $1`,
      [erasedBefore.databaseId],
    );

    await purgeExpiredContactData(h.dataSource, 30, new Date(Date.now() + 31 * DAY));

    expect(await rawCase(closed.databaseId)).toMatchObject({ reason: null, ground: "STALKING" });
    expect(await rawCase(erasedBefore.databaseId)).toMatchObject({ reason: null, ground: "STALKING" });
    const [logged] = await h.dataSource.query(
      `SELECT "fields" FROM "access_log" WHERE "case_id" = $1 AND "action" = 'ERASE' AND "operation" = 'retention'`,
      [closed.databaseId],
    );
    expect(logged.fields).toContain("victimCase.discretionaryReason");
  });

  it.each([
    ["route DISCRETIONARY is asked for", { route: "DISCRETIONARY" }],
    ["the offence is outside the statute and no route is asked for", {}],
  ])(
    "should refuse a discretionary referral without a ground with NOT_ELIGIBLE on discretionaryGround, and write nothing, when %s",
    async (_label, route) => {
      const offender = await createOffender(h, {}, { offenceCategory: "OTHER" });
      const [before] = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "victim_case"`);

      const payload = await mutate<CasePayload>(h, REFER, {
        offenderId: offender.id,
        referredOn: "2026-01-10",
        contact: contactInput(),
        discretionaryReason: REASON,
        ...route,
      });

      expect(payload.victimCase).toBeNull();
      expect(payload.userErrors).toEqual([
        {
          code: "NOT_ELIGIBLE",
          message: expect.stringContaining("discretionaryGround"),
          field: ["input", "discretionaryGround"],
        },
      ]);
      const [after] = await h.dataSource.query(`SELECT count(*)::int AS "n" FROM "victim_case"`);
      expect(after.n).toBe(before.n);
    },
  );

  it("should refuse a ground that is not one of DiscretionaryGround's values as BAD_USER_INPUT naming the field", async () => {
    const offender = await createOffender(h, {}, { offenceCategory: "OTHER" });
    const result = await h.run(REFER, {
      input: {
        offenderId: offender.id,
        referredOn: "2026-01-10",
        contact: contactInput(),
        discretionaryReason: REASON,
        discretionaryGround: "BURGLARY",
      },
    });
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors![0].message).toContain("discretionaryGround");
  });

  it("should seal a reason left in plain text when the start-up job runs, leaving the case's version alone", async () => {
    const victimCase = await discretionaryCase();
    await h.dataSource.query(`UPDATE "victim_case" SET "discretionary_reason" = $2 WHERE "id" = $1`, [
      victimCase.databaseId,
      "Written before reasons were sealed",
    ]);
    const before = await rawCase(victimCase.databaseId);

    expect(await sealPlaintextPersonalData(h.dataSource, 2)).toBeGreaterThanOrEqual(1);
    expect(await sealPlaintextPersonalData(h.dataSource, 2)).toBe(0);

    const after = await rawCase(victimCase.databaseId);
    expect(after.reason).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(after.version).toBe(before.version);
    const read = await h.run<CaseRead>(READ, { id: victimCase.id }, NE_VLO);
    expect(read.data!.victimCase!.discretionaryReason).toBe("Written before reasons were sealed");
  });

  it("should reseal the reason under the new key when the keys are rotated", async () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    configureFieldEncryption(keyA);
    const victimCase = await discretionaryCase();
    configureFieldEncryption(keyB, [keyA]);

    const failures: string[] = [];
    await rotateEncryptionKeys(h.dataSource, { batchSize: 50, onFailure: ({ id }) => failures.push(id) });

    // Values sealed before under this harness's own key cannot be opened here; this case's can.
    expect(failures).not.toContain(victimCase.databaseId);
    expect((await rawCase(victimCase.databaseId)).reason!.split(".")[1]).toBe(keyIdOf(keyB));
    configureFieldEncryption(keyB);
    const read = await h.run<CaseRead>(READ, { id: victimCase.id }, NE_VLO);
    expect(read.data!.victimCase!.discretionaryReason).toBe(REASON);
  });

  // Last: it takes the migration down and up again.
  it("should give every case already admitted at discretion the ground OTHER when the migration runs", async () => {
    const victimCase = await discretionaryCase(REASON, "HARASSMENT");
    // As the tables' owner, who runs migrations (the service's own role may not alter tables).
    const owner = (await h.owner()).createQueryRunner();
    try {
      await new DiscretionaryGround1766500000000().down(owner);
      await new DiscretionaryGround1766500000000().up(owner);
    } finally {
      await owner.release();
    }
    expect(await rawCase(victimCase.databaseId)).toMatchObject({ ground: "OTHER" });
    const [unset] = await h.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "victim_case" WHERE "eligibility_route" = 'DISCRETIONARY' AND "discretionary_ground" IS NULL`,
    );
    expect(unset.n).toBe(0);
  });
});
