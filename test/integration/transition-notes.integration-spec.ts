import { randomBytes } from "node:crypto";
import { fromGlobalId } from "../../src/domain/ids/global-id";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { CaseTransitionNotes1766900000000 } from "../../src/migrations/1766900000000-case-transition-notes";
import { purgeExpiredContactData } from "../../src/services/cases/erasure.service";
import { sealPlaintextPersonalData } from "../../src/services/cases/plaintext-sealing";
import { rotateEncryptionKeys } from "../../src/services/security/key-rotation";
import { configureFieldEncryption, keyIdOf } from "../../src/entities/field-encryption.transformer";
import { CLOSE_CASE, contactInput, createOffender, mutate, referCase } from "../support/api";
import { asUser, ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 13 §2: an officer's words on a history row (a task completed by hand or cancelled, a referral
// that is not a duplicate) are personal data: sealed beside the append-only history, gated, logged,
// erased. The history row keeps only its event and codes, which analysts may read.
const WORDS = "Her sister says she has moved in with their mother in Whitby";
const HISTORY = `query ($id: ID!) { victimCase(id: $id) { history(first: 100) { nodes { id event reason note } } } }`;
const HISTORY_WITHOUT_NOTES = `query ($id: ID!) { victimCase(id: $id) { history(first: 100) { nodes { event reason } } } }`;
const TASKS = `query ($id: ID!) { victimCase(id: $id) { tasks { id kind status version } } }`;
const COMPLETE = `mutation ($input: CompleteTaskInput!) { completeTask(input: $input) { transition { id event } userErrors { code field } } }`;
const CANCEL = `mutation ($input: CancelTaskInput!) { cancelTask(input: $input) { transition { id event note } userErrors { code field } } }`;
const ERASE = `mutation ($input: EraseCaseContactDataInput!) { eraseCaseContactData(input: $input) { userErrors { code field } } }`;
const NODE = `query ($id: ID!) { node(id: $id) { ... on CaseTransition { event note } } }`;
const ANALYST = asUser("tn.analyst", [Role.ANALYST], null);
const NE_VLO = asUser("tn.ne.vlo", [Role.VLO], Region.NORTH_EAST);
const LONDON_VLO_ANALYST = asUser("tn.london.vlo.analyst", [Role.VLO, Role.ANALYST], Region.LONDON);
const DAY = 24 * 3600 * 1000;

interface HistoryNode {
  id: string;
  event: string;
  reason: string | null;
  note: string | null;
}

interface HistoryRead {
  victimCase: { history: { nodes: HistoryNode[] } } | null;
}

describe.each(ENGINES)("officers' notes on the history as personal data (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(() => h.close());

  /** A new North East case whose first-contact task the officer completed by hand, saying why. */
  async function caseWithTaskNote(words = WORDS) {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const tasks = await h.run<{ victimCase: { tasks: { id: string; kind: string }[] } }>(TASKS, { id: victimCase.id });
    const task = tasks.data!.victimCase.tasks.find((candidate) => candidate.kind === "FIRST_CONTACT")!;
    const completed = await mutate<{ transition: { id: string; event: string } }>(h, COMPLETE, {
      taskId: task.id,
      reason: words,
    });
    return {
      ...victimCase,
      databaseId: fromGlobalId(victimCase.id, "VictimCase")!,
      transition: completed.transition,
      transitionId: fromGlobalId(completed.transition.id, "CaseTransition")!,
    };
  }

  async function rawNote(transitionId: string): Promise<{ note: string | null; erasedAt: Date | null } | undefined> {
    const [row] = await h.dataSource.query(
      `SELECT "note", "erased_at" AS "erasedAt" FROM "case_transition_note" WHERE "transition_id" = $1`,
      [transitionId],
    );
    return row;
  }

  async function rawHistory(
    transitionId: string,
  ): Promise<{ reason: string | null; payload: Record<string, unknown> }> {
    const [row] = await h.dataSource.query(`SELECT "reason", "payload" FROM "case_transition" WHERE "id" = $1`, [
      transitionId,
    ]);
    return row;
  }

  async function noteReads(caseId: string): Promise<{ operation: string; fields: string[] }[]> {
    return h.dataSource.query(
      `SELECT "operation", "fields" FROM "access_log" WHERE "case_id" = $1 AND "action" = 'READ' AND "fields" @> '["caseTransition.note"]'::jsonb ORDER BY "sequence"`,
      [caseId],
    );
  }

  it("should keep a task's completion reason sealed beside the history row, never on it, and log the change naming the field", async () => {
    const victimCase = await caseWithTaskNote();

    expect(victimCase.transition).toMatchObject({ event: "TASK_COMPLETED" });
    const history = await rawHistory(victimCase.transitionId);
    expect(history.reason).toBeNull();
    expect(JSON.stringify(history.payload)).not.toContain("Whitby");
    const note = await rawNote(victimCase.transitionId);
    expect(note!.note).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(note!.note).not.toContain("Whitby");
    const [changed] = await h.dataSource.query(
      `SELECT "fields" FROM "access_log" WHERE "case_id" = $1 AND "operation" = 'completeTask' AND "action" = 'CHANGE'`,
      [victimCase.databaseId],
    );
    expect(changed.fields).toContain("reason");
  });

  it("should keep a cancellation's reason the same way", async () => {
    const offender = await createOffender(h);
    const victimCase = await referCase(h, offender.id);
    const tasks = await h.run<{ victimCase: { tasks: { id: string; version: number }[] } }>(TASKS, {
      id: victimCase.id,
    });
    const task = tasks.data!.victimCase.tasks[0];

    const cancelled = await mutate<{ transition: { id: string; event: string; note: string | null } }>(h, CANCEL, {
      taskId: task.id,
      reason: WORDS,
      expectedVersion: task.version,
    });

    expect(cancelled.transition).toMatchObject({ event: "TASK_CANCELLED", note: WORDS });
    const transitionId = fromGlobalId(cancelled.transition.id, "CaseTransition")!;
    expect((await rawHistory(transitionId)).reason).toBeNull();
    expect((await rawNote(transitionId))!.note).toMatch(/^v1\./);
    // The answer carried the note: that read is logged as the mutation's.
    expect(await noteReads(fromGlobalId(victimCase.id, "VictimCase")!)).toEqual([
      { operation: "cancelTask", fields: ["caseTransition.note"] },
    ]);
  });

  it("should keep why a referral is not a duplicate sealed, and mark the history row notDuplicate", async () => {
    const offender = await createOffender(h);
    const contact = contactInput({ name: "Ada Twin", dateOfBirth: "1991-02-03" });
    await referCase(h, offender.id, { contact });
    const second = await referCase(h, offender.id, {
      contact,
      confirmNotDuplicate: true,
      notDuplicateReason: WORDS,
    });

    const read = await h.run<HistoryRead>(HISTORY, { id: second.id }, NE_VLO);

    expect(read.errors).toBeUndefined();
    const [referred] = read.data!.victimCase!.history.nodes;
    expect(referred).toMatchObject({ event: "REFERRED", reason: "STATUTORY", note: WORDS });
    const transitionId = fromGlobalId(referred.id, "CaseTransition")!;
    const history = await rawHistory(transitionId);
    expect(history.payload).toMatchObject({ notDuplicate: true });
    expect(JSON.stringify(history.payload)).not.toContain("Whitby");
    expect((await rawNote(transitionId))!.note).toMatch(/^v1\./);
  });

  it("should give an analyst the history's events but a null note with FORBIDDEN on each path, and log no read", async () => {
    const victimCase = await caseWithTaskNote();

    const withNotes = await h.run<HistoryRead>(HISTORY, { id: victimCase.id }, ANALYST);
    const without = await h.run<HistoryRead>(HISTORY_WITHOUT_NOTES, { id: victimCase.id }, ANALYST);

    const nodes = withNotes.data!.victimCase!.history.nodes;
    expect(nodes.map((node) => [node.event, node.note])).toEqual([
      ["REFERRED", null],
      ["TASK_COMPLETED", null],
    ]);
    expect(withNotes.errors!.map((error) => [error.extensions?.code, error.path])).toEqual([
      ["FORBIDDEN", ["victimCase", "history", "nodes", 0, "note"]],
      ["FORBIDDEN", ["victimCase", "history", "nodes", 1, "note"]],
    ]);
    expect(without.errors).toBeUndefined();
    expect(without.data!.victimCase!.history.nodes.at(-1)).toEqual({ event: "TASK_COMPLETED", reason: null });
    expect(JSON.stringify([withNotes, without])).not.toContain("Whitby");
    expect(await noteReads(victimCase.databaseId)).toEqual([]);
  });

  it("should give a VLO of the case's region the note, after writing a READ row naming the field, and log nothing for rows without one", async () => {
    const victimCase = await caseWithTaskNote();

    const result = await h.run<HistoryRead>(HISTORY, { id: victimCase.id }, NE_VLO);
    const byNode = await h.run<{ node: { event: string; note: string | null } }>(
      NODE,
      { id: victimCase.transition.id },
      NE_VLO,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data!.victimCase!.history.nodes.map((node) => [node.event, node.note])).toEqual([
      ["REFERRED", null],
      ["TASK_COMPLETED", WORDS],
    ]);
    expect(byNode.data!.node).toEqual({ event: "TASK_COMPLETED", note: WORDS });
    expect(await noteReads(victimCase.databaseId)).toEqual([
      { operation: "victimCase", fields: ["caseTransition.note"] },
      { operation: "node", fields: ["caseTransition.note"] },
    ]);
  });

  it("should not give the note to a VLO of another region who is also an analyst", async () => {
    const victimCase = await caseWithTaskNote();

    const result = await h.run<HistoryRead>(HISTORY, { id: victimCase.id }, LONDON_VLO_ANALYST);

    expect(result.data!.victimCase!.history.nodes.at(-1)).toMatchObject({ event: "TASK_COMPLETED", note: null });
    expect(result.errors!.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(JSON.stringify(result)).not.toContain("Whitby");
    expect(await noteReads(victimCase.databaseId)).toEqual([]);
  });

  it("should erase the note and keep the history row when a manager erases the case's personal data", async () => {
    const victimCase = await caseWithTaskNote();

    const erased = await mutate(h, ERASE, { caseId: victimCase.id, requestReference: "ER-TN-1" });

    expect(erased.userErrors).toEqual([]);
    expect(await rawNote(victimCase.transitionId)).toMatchObject({ note: null, erasedAt: expect.any(Date) });
    expect(await rawHistory(victimCase.transitionId)).toMatchObject({ reason: null });
    const read = await h.run<HistoryRead>(HISTORY, { id: victimCase.id }, NE_VLO);
    expect(read.data!.victimCase!.history.nodes.find((node) => node.event === "TASK_COMPLETED")).toMatchObject({
      note: null,
    });
  });

  it("should let a manager erase a case whose note is all that is left of its personal data", async () => {
    const victimCase = await caseWithTaskNote();
    await h.dataSource.query(
      `UPDATE "case_contact" SET "name" = NULL, "date_of_birth" = NULL, "email" = NULL, "phone" = NULL, "address" = NULL, "needs" = NULL, "erased_at" = now() WHERE "case_id" = $1`,
      [victimCase.databaseId],
    );

    const erased = await mutate(h, ERASE, { caseId: victimCase.id, requestReference: "ER-TN-2" });
    const again = await mutate(h, ERASE, { caseId: victimCase.id, requestReference: "ER-TN-3" });

    expect(erased.userErrors).toEqual([]);
    expect(await rawNote(victimCase.transitionId)).toMatchObject({ note: null });
    expect(again.userErrors).toEqual([{ code: "TRANSITION_NOT_ALLOWED", field: ["input", "caseId"] }]);
  });

  it("should erase a closed case's note when its retention period ends, even when only the note was left", async () => {
    const victimCase = await caseWithTaskNote();
    await mutate(h, CLOSE_CASE, { caseId: victimCase.id, reason: "VICTIM_REQUEST" });
    // Contacts erased before notes were personal data: only the note is left to erase.
    await h.dataSource.query(
      `UPDATE "case_contact" SET "name" = NULL, "date_of_birth" = NULL, "email" = NULL, "phone" = NULL, "address" = NULL, "needs" = NULL, "erased_at" = now() WHERE "case_id" = $1`,
      [victimCase.databaseId],
    );

    await purgeExpiredContactData(h.dataSource, 30, new Date(Date.now() + 31 * DAY));

    expect(await rawNote(victimCase.transitionId)).toMatchObject({ note: null, erasedAt: expect.any(Date) });
    const [logged] = await h.dataSource.query(
      `SELECT "fields" FROM "access_log" WHERE "case_id" = $1 AND "action" = 'ERASE' AND "operation" = 'retention'`,
      [victimCase.databaseId],
    );
    expect(logged.fields).toContain("caseTransition.note");
  });

  it("should reseal the note under the new key when the keys are rotated", async () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    configureFieldEncryption(keyA);
    const victimCase = await caseWithTaskNote();
    configureFieldEncryption(keyB, [keyA]);

    const failures: string[] = [];
    await rotateEncryptionKeys(h.dataSource, { batchSize: 50, onFailure: ({ id }) => failures.push(id) });

    expect(failures).not.toContain(victimCase.transitionId);
    expect((await rawNote(victimCase.transitionId))!.note!.split(".")[1]).toBe(keyIdOf(keyB));
    configureFieldEncryption(keyB);
    const read = await h.run<{ node: { note: string | null } }>(NODE, { id: victimCase.transition.id }, NE_VLO);
    expect(read.data!.node.note).toBe(WORDS);
  });

  // Last: it takes the migration down and up again.
  it("should move plain-text words off the history when the migration runs, and seal them at the next start", async () => {
    const victimCase = await caseWithTaskNote();
    const offender = await createOffender(h);
    const contact = contactInput({ name: "Bea Twin", dateOfBirth: "1992-03-04" });
    await referCase(h, offender.id, { contact });
    const duplicate = await referCase(h, offender.id, {
      contact,
      confirmNotDuplicate: true,
      notDuplicateReason: "placeholder",
    });
    const [referral] = await h.dataSource.query(
      `SELECT "id" FROM "case_transition" WHERE "case_id" = $1 AND "event" = 'REFERRED'`,
      [fromGlobalId(duplicate.id, "VictimCase")],
    );
    // As the tables' owner, who runs migrations: down, then history rows as an older service wrote them.
    const ownerDataSource = await h.owner();
    const owner = ownerDataSource.createQueryRunner();
    try {
      await new CaseTransitionNotes1766900000000().down(owner);
      await owner.query(`ALTER TABLE "case_transition" DISABLE TRIGGER "case_transition_append_only"`);
      await owner.query(`UPDATE "case_transition" SET "reason" = $2 WHERE "id" = $1`, [
        victimCase.transitionId,
        "Written in plain text by an older service",
      ]);
      await owner.query(`UPDATE "case_transition" SET "payload" = $2 WHERE "id" = $1`, [
        referral.id,
        JSON.stringify({ route: "STATUTORY", notDuplicateReason: "Twins, written in plain text" }),
      ]);
      await owner.query(`ALTER TABLE "case_transition" ENABLE TRIGGER "case_transition_append_only"`);
      await new CaseTransitionNotes1766900000000().up(owner);
    } finally {
      await owner.release();
    }

    expect(await rawHistory(victimCase.transitionId)).toMatchObject({ reason: null });
    expect((await rawHistory(referral.id)).payload).toEqual({ route: "STATUTORY", notDuplicate: true });
    expect((await rawNote(victimCase.transitionId))!.note).toBe("Written in plain text by an older service");

    expect(await sealPlaintextPersonalData(h.dataSource, 1)).toBeGreaterThanOrEqual(2);
    expect(await sealPlaintextPersonalData(h.dataSource, 1)).toBe(0);

    expect((await rawNote(victimCase.transitionId))!.note).toMatch(/^v1\./);
    expect((await rawNote(referral.id))!.note).toMatch(/^v1\./);
    const read = await h.run<HistoryRead>(HISTORY, { id: duplicate.id }, NE_VLO);
    expect(read.data!.victimCase!.history.nodes[0]).toMatchObject({
      event: "REFERRED",
      note: "Twins, written in plain text",
    });
  });
});
