import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { notFound } from "../domain/domain-error";
import type { CaseEvent, CustodyEvent } from "../machines/machine-events";
import { forbidden, type AccessControl } from "./access-control";
import { appendAccessLog } from "./access-log.service";
import { assignVictimCase } from "./assignment.service";
import { applyCaseEvent, type AppliedTransition } from "./case-transition.service";
import { runCommand, type CommandResult } from "./command-runner";
import { applyCustodyEvent, createOffender, type AppliedCustodyEvent, type CustodyEventOptions, type NewOffender } from "./custody-transition.service";
import { eraseContactData } from "./erasure.service";
import { fromGlobalId } from "./global-id";
import { recordKeyDates, type RecordedKeyDates } from "./key-dates.service";
import type { StoredKeyDate } from "../entities/key-date-record.entity";
import { createOfficer, type NewOfficer } from "./officer.service";
import { Permission } from "./policy";
import { referVictimCase, type Referral } from "./referral.service";

// Each command: decode the client's ids, run in one transaction with its idempotency key, and reach
// only what the caller's scope allows. Resolvers have already checked the operation itself.
export interface CommandMeta {
  operation: string;
  /** The input as sent, for the idempotency fingerprint. */
  input: { idempotencyKey?: string | null; expectedVersion?: number | null } & Record<string, unknown>;
  access: AccessControl;
  actor: string;
  correlationId: string;
  purpose: string;
}

// A replay answers from the ids; the rows are read again then. Keys are per caller, so one
// caller's key can never replay another's result.
function fingerprint(meta: CommandMeta) {
  const { idempotencyKey, ...input } = meta.input;
  return {
    operation: meta.operation,
    input,
    idempotencyKey: idempotencyKey ? createHash("sha256").update(meta.actor).update("\0").update(idempotencyKey).digest("hex") : null,
    remember: ({ records: _records, affectedCases: _cases, ...ids }: { records?: unknown; affectedCases?: unknown }) => ids,
    // Every change is on the access log with the case it touched and the input fields it set.
    record: (manager: EntityManager, value: object) =>
      appendAccessLog(manager, [
        {
          actor: meta.actor,
          roles: meta.access.roles,
          action: meta.operation === "eraseCaseContactData" ? "ERASE" : "CHANGE",
          operation: meta.operation,
          caseId: "caseId" in value && typeof value.caseId === "string" ? value.caseId : null,
          fields: fieldPaths(input).filter((field) => field !== "caseId" && field !== "expectedVersion"),
          purpose: meta.purpose,
          correlationId: meta.correlationId,
        },
      ]),
  };
}

/** `{ contact: { name, address: { town } } }` → ["contact.name", "contact.address.town"]: names only. */
function fieldPaths(input: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined && value !== null)
    .flatMap(([key, value]) =>
      value !== null && typeof value === "object" && !Array.isArray(value) ? fieldPaths(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
    )
    .sort();
}

function caseIdFrom(globalId: string): string {
  const id = fromGlobalId(globalId, "VictimCase");
  if (!id) throw notFound(["input", "caseId"], "victim case");
  return id;
}

/** Applies one case event through the pipeline; `caseId` is the global id the client sent. */
export function executeCaseEvent(dataSource: DataSource, caseId: string, event: CaseEvent, meta: CommandMeta, reason: string | null = null): Promise<CommandResult<AppliedTransition>> {
  const permission = event.type === "CLOSE" ? Permission.CLOSE_CASES : Permission.CHANGE_CASES;
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    applyCaseEvent(manager, caseIdFrom(caseId), event, { actor: meta.actor, scope: meta.access.scope(permission), expectedVersion: meta.input.expectedVersion, reason }),
  );
}

export function executeReferral(dataSource: DataSource, referral: Referral, meta: CommandMeta): Promise<CommandResult<AppliedTransition>> {
  const officer = meta.access.officer;
  // A referral lands in the referrer's region, so only a registered officer with one can refer.
  if (!officer?.region) throw forbidden("Only an officer registered in a region can refer a case.");
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const offenderId = fromGlobalId(referral.offenderId, "Offender");
    if (!offenderId) throw notFound(["input", "offenderId"], "offender");
    return referVictimCase(manager, { ...referral, offenderId }, meta.actor, { id: officer.id, region: officer.region! });
  });
}

export function executeAssignment(dataSource: DataSource, caseId: string, officerId: string, meta: CommandMeta): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const officer = fromGlobalId(officerId, "Officer");
    if (!officer) throw notFound(["input", "officerId"], "officer");
    return assignVictimCase(manager, caseIdFrom(caseId), officer, meta.access, { actor: meta.actor, expectedVersion: meta.input.expectedVersion });
  });
}

export function executeCreateOffender(dataSource: DataSource, offender: NewOffender, meta: CommandMeta): Promise<CommandResult<{ offenderId: string }>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => createOffender(manager, offender, meta.actor));
}

export function executeCreateOfficer(dataSource: DataSource, officer: NewOfficer, meta: CommandMeta): Promise<CommandResult<{ officerId: string }>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => createOfficer(manager, officer));
}

export function executeCustodyEvent(
  dataSource: DataSource,
  offenderId: string,
  event: CustodyEvent,
  options: Omit<CustodyEventOptions, "actor" | "expectedVersion">,
  meta: CommandMeta,
): Promise<CommandResult<AppliedCustodyEvent>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(offenderId, "Offender");
    if (!id) throw notFound(["input", "offenderId"], "offender");
    return applyCustodyEvent(manager, id, event, { ...options, actor: meta.actor, expectedVersion: meta.input.expectedVersion });
  });
}

export function executeErasure(dataSource: DataSource, caseId: string, requestReference: string, meta: CommandMeta): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) =>
    eraseContactData(manager, caseIdFrom(caseId), { actor: meta.actor, scope: meta.access.scope(Permission.ERASE_PERSONAL_DATA), reason: requestReference, expectedVersion: meta.input.expectedVersion }),
  );
}

export function executeRecordKeyDates(dataSource: DataSource, offenderId: string, dates: StoredKeyDate[], meta: CommandMeta): Promise<CommandResult<RecordedKeyDates>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(offenderId, "Offender");
    if (!id) throw notFound(["input", "offenderId"], "offender");
    return recordKeyDates(manager, id, dates, { actor: meta.actor, expectedVersion: meta.input.expectedVersion });
  });
}
