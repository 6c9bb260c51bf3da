import type { DataSource } from "typeorm";
import { notFound } from "../domain/domain-error";
import type { CaseEvent, CustodyEvent } from "../machines/machine-events";
import { applyCaseEvent, type AppliedTransition } from "./case-transition.service";
import { runCommand, type CommandResult } from "./command-runner";
import { applyCustodyEvent, createOffender, type AppliedCustodyEvent, type CustodyEventOptions, type NewOffender } from "./custody-transition.service";
import { fromGlobalId } from "./global-id";
import { referVictimCase, type Referral } from "./referral.service";

export interface CommandMeta {
  operation: string;
  /** The input as sent, for the idempotency fingerprint. */
  input: { idempotencyKey?: string | null; expectedVersion?: number | null } & Record<string, unknown>;
  actor: string;
}

// A replay answers from the ids; the rows are read again then.
function fingerprint(meta: CommandMeta) {
  const { idempotencyKey, ...input } = meta.input;
  return { operation: meta.operation, input, idempotencyKey, remember: ({ records: _records, affectedCases: _cases, ...ids }: { records?: unknown; affectedCases?: unknown }) => ids };
}

/** Applies one case event through the pipeline; `caseId` is the global id the client sent. */
export function executeCaseEvent(dataSource: DataSource, caseId: string, event: CaseEvent, meta: CommandMeta, reason: string | null = null): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const id = fromGlobalId(caseId, "VictimCase");
    if (!id) throw notFound(["input", "caseId"], "victim case");
    return applyCaseEvent(manager, id, event, { actor: meta.actor, expectedVersion: meta.input.expectedVersion, reason });
  });
}

export function executeReferral(dataSource: DataSource, referral: Omit<Referral, "offenderId"> & { offenderId: string }, meta: CommandMeta): Promise<CommandResult<AppliedTransition>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => {
    const offenderId = fromGlobalId(referral.offenderId, "Offender");
    if (!offenderId) throw notFound(["input", "offenderId"], "offender");
    return referVictimCase(manager, { ...referral, offenderId }, meta.actor);
  });
}

export function executeCreateOffender(dataSource: DataSource, offender: NewOffender, meta: CommandMeta): Promise<CommandResult<{ offenderId: string }>> {
  return runCommand(dataSource, fingerprint(meta), (manager) => createOffender(manager, offender));
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
