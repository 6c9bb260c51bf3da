import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import { configureFieldEncryption, encryptField, keyIdOf } from "../../src/entities/field-encryption.transformer";
import { rotateEncryptionKeys, sealedTables, type RotationFailure } from "../../src/services/security/key-rotation";
import { createOffender, getCase, referCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

const SEALED = ["name", "date_of_birth", "address", "phone", "email", "needs"] as const;
const READ_CONTACTS = `query ($id: ID!) { victimCase(id: $id) { contacts { role name dateOfBirth email phone address { line1 line2 town postcode } needs { interpreterLanguage accessibility } } } }`;

// Varied on purpose: JSON fields, non-ASCII text and absent (null) fields all go through rotation.
const CONTACTS = [
  {
    role: "VICTIM",
    name: "Siân O'Brien",
    dateOfBirth: "1975-04-03",
    email: "sian@example.org",
    phone: "07700 900456",
    address: { line1: "17 Lantern Mews", line2: "Upper Flat", town: "Oxbridge", postcode: "OX4 1AB" },
    needs: { interpreterLanguage: "Welsh", accessibility: "Large print" },
  },
  { role: "VICTIM", name: "Tomasz Żuk", phone: "07700 900111" },
  {
    role: "VICTIM",
    name: "Ada Quill",
    email: "ada@example.org",
    address: { line1: "1 High Street", town: "Testbury", postcode: "TE5 7AB" },
  },
  {
    role: "VICTIM",
    name: "Ben Ng",
    dateOfBirth: "2010-12-31",
    phone: "07700 900222",
    needs: { accessibility: "Easy read" },
  },
  { role: "VICTIM", name: "Cara Dunn", email: "cara@example.org", phone: "07700 900333" },
];

type RawContact = Record<(typeof SEALED)[number] | "id" | "updated_at", string | null>;

describe.each(ENGINES)("encryption key rotation (%s)", (engine) => {
  let h: Harness;
  let keyA: Buffer;
  let keyB: Buffer;
  let caseIds: string[];

  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  // Rotation works on the whole table, so each test starts from its own contacts, all under key A.
  beforeEach(async () => {
    await h.dataSource.query(`DELETE FROM "case_contact"`);
    keyA = randomBytes(32);
    keyB = randomBytes(32);
    configureFieldEncryption(keyA);
    const offender = await createOffender(h);
    caseIds = [];
    for (const contact of CONTACTS) caseIds.push((await referCase(h, offender.id, { contact })).id);
  });
  afterEach(() => jest.restoreAllMocks());

  async function rawContacts(): Promise<RawContact[]> {
    return (await h.dataSource.query(
      `SELECT "id", ${SEALED.map((c) => `"${c}"`).join(", ")}, "updated_at"::text FROM "case_contact" ORDER BY "id"`,
    )) as RawContact[];
  }

  function sealedValues(rows: RawContact[]): string[] {
    return rows.flatMap((row) =>
      SEALED.map((column) => row[column]).filter((value): value is string => value !== null),
    );
  }

  async function readThroughApi(ids = caseIds): Promise<unknown[]> {
    const contacts: unknown[] = [];
    for (const id of ids) {
      const result = await h.run<{ victimCase: { contacts: unknown[] } | null }>(READ_CONTACTS, { id });
      expect(result.errors).toBeUndefined();
      contacts.push(result.data!.victimCase!.contacts);
    }
    return contacts;
  }

  it("should reseal every value under the new key, keep what it says, and need only the new key afterwards", async () => {
    const before = await readThroughApi();
    const rawBefore = await rawContacts();
    const oldValues = sealedValues(rawBefore);
    expect(oldValues.length).toBeGreaterThan(CONTACTS.length);
    for (const value of oldValues) expect(value.split(".")[1]).toBe(keyIdOf(keyA));

    configureFieldEncryption(keyB, [keyA]);
    // Written after the switch, so already under B: examined but not resealed.
    const late = await referCase(h, (await createOffender(h)).id, { contact: CONTACTS[0] });
    const lateValues = sealedValues(await rawContacts()).length - oldValues.length;

    const result = await rotateEncryptionKeys(h.dataSource, { batchSize: 2 });
    expect(result).toEqual({ examined: oldValues.length + lateValues, resealed: oldValues.length, failed: 0 });

    const rawAfter = await rawContacts();
    for (const value of sealedValues(rawAfter)) expect(value.split(".")[1]).toBe(keyIdOf(keyB));
    // The same fields are present, each newly sealed, and resealing is not recorded as an edit.
    const rawAfterOld = rawAfter.filter((row) => rawBefore.some((old) => old.id === row.id));
    expect(rawAfterOld.map((row) => SEALED.map((c) => row[c] === null))).toEqual(
      rawBefore.map((row) => SEALED.map((c) => row[c] === null)),
    );
    for (const value of sealedValues(rawAfterOld)) expect(oldValues).not.toContain(value);
    expect(rawAfterOld.map((row) => row.updated_at)).toEqual(rawBefore.map((row) => row.updated_at));

    expect(await readThroughApi()).toEqual(before);
    configureFieldEncryption(keyB);
    expect(await readThroughApi()).toEqual(before);
    expect(await readThroughApi([late.id])).toEqual([before[0]]);
    expect((await getCase(h, caseIds[0]))!.id).toBe(caseIds[0]);
  });

  it("should reseal nothing on a second run", async () => {
    configureFieldEncryption(keyB, [keyA]);
    const first = await rotateEncryptionKeys(h.dataSource, { batchSize: 100 });
    expect(first.resealed).toBeGreaterThan(0);
    const stored = await rawContacts();

    const second = await rotateEncryptionKeys(h.dataSource, { batchSize: 100 });
    expect(second).toEqual({ examined: first.examined, resealed: 0, failed: 0 });
    expect(await rawContacts()).toEqual(stored);
  });

  it.each([1, 2, CONTACTS.length, CONTACTS.length + 1])(
    "should cover every row with batches of %i",
    async (batchSize) => {
      const before = await readThroughApi();
      const values = sealedValues(await rawContacts()).length;
      const transaction = jest.spyOn(h.dataSource, "transaction");
      configureFieldEncryption(keyB, [keyA]);

      expect(await rotateEncryptionKeys(h.dataSource, { batchSize })).toEqual({
        examined: values,
        resealed: values,
        failed: 0,
      });
      for (const value of sealedValues(await rawContacts())) expect(value.split(".")[1]).toBe(keyIdOf(keyB));
      // One transaction per batch, plus one that finds the end when the last batch was full; each
      // other sealed table (empty here) costs the one transaction that finds it empty.
      const emptySealedTables = sealedTables(h.dataSource).length - 1;
      expect(transaction).toHaveBeenCalledTimes(Math.floor(CONTACTS.length / batchSize) + 1 + emptySealedTables);
      configureFieldEncryption(keyB);
      expect(await readThroughApi()).toEqual(before);
    },
  );

  it("should leave every value readable when a run stops midway, and finish on the next run", async () => {
    const before = await readThroughApi();
    const values = sealedValues(await rawContacts()).length;
    configureFieldEncryption(keyB, [keyA]);
    // The second batch does its work and then fails before committing, as a crash would.
    const transaction = h.dataSource.transaction.bind(h.dataSource) as (
      work: (manager: EntityManager) => Promise<unknown>,
    ) => Promise<unknown>;
    let calls = 0;
    const spy = jest.spyOn(h.dataSource, "transaction").mockImplementation(((
      work: (manager: EntityManager) => Promise<unknown>,
    ) =>
      transaction(async (manager) => {
        const done = await work(manager);
        calls += 1;
        if (calls === 2) throw new Error("crashed");
        return done;
      })) as typeof h.dataSource.transaction);
    await expect(rotateEncryptionKeys(h.dataSource, { batchSize: 2 })).rejects.toThrow("crashed");
    spy.mockRestore();

    const keyIds = sealedValues(await rawContacts()).map((value) => value.split(".")[1]);
    expect(new Set(keyIds)).toEqual(new Set([keyIdOf(keyA), keyIdOf(keyB)]));
    expect(await readThroughApi()).toEqual(before);

    const rerun = await rotateEncryptionKeys(h.dataSource, { batchSize: 2 });
    expect(rerun).toEqual({
      examined: values,
      resealed: keyIds.filter((id) => id === keyIdOf(keyA)).length,
      failed: 0,
    });
    configureFieldEncryption(keyB);
    expect(await readThroughApi()).toEqual(before);
  });

  it("should count a value it cannot open as failed, leave it as it was, and reseal the rest", async () => {
    const rows = await rawContacts();
    const unknownKey = randomBytes(32);
    configureFieldEncryption(unknownKey);
    const lost = encryptField("sealed with a key nobody configured");
    await h.dataSource.query(`UPDATE "case_contact" SET "email" = $1 WHERE "id" = $2`, [lost, rows[1].id]);
    await h.dataSource.query(`UPDATE "case_contact" SET "phone" = $1 WHERE "id" = $2`, ["07700 900999", rows[3].id]);
    const values = sealedValues(await rawContacts()).length;

    configureFieldEncryption(keyB, [keyA]);
    const failures: RotationFailure[] = [];
    const result = await rotateEncryptionKeys(h.dataSource, {
      batchSize: 2,
      onFailure: (failure) => failures.push(failure),
    });

    expect(result).toEqual({ examined: values, resealed: values - 2, failed: 2 });
    expect(failures).toEqual([
      { table: "case_contact", column: "email", id: rows[1].id, keyId: keyIdOf(unknownKey) },
      { table: "case_contact", column: "phone", id: rows[3].id, keyId: null },
    ]);
    const after = await rawContacts();
    expect(after[1].email).toBe(lost);
    expect(after[3].phone).toBe("07700 900999");
    const others = sealedValues(after).filter((value) => value !== lost && value !== "07700 900999");
    expect(others).toHaveLength(values - 2);
    for (const value of others) expect(value.split(".")[1]).toBe(keyIdOf(keyB));
  });

  it("should find the sealed columns from the entity metadata", () => {
    expect(sealedTables(h.dataSource)).toEqual([
      { table: "case_contact", primaryKey: "id", columns: [...SEALED] },
      { table: "licence_condition_request", primaryKey: "id", columns: ["description", "reason_not_adopted"] },
      { table: "victim_personal_statement", primaryKey: "id", columns: ["text"] },
      { table: "victim_case", primaryKey: "id", columns: ["discretionary_reason"] },
      { table: "case_transition_note", primaryKey: "transition_id", columns: ["note"] },
    ]);
  });
});
