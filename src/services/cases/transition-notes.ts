import type { Region } from "../../domain/security/region.enum";
import { selectRows, type SqlExecutor } from "../platform/sql";

/** A history row's note as its gate needs it: the case's region decides who may open it. */
export interface SealedTransitionNote {
  caseId: string;
  region: Region | null;
  /** Still sealed; null when the row has no note, or it was erased. */
  sealed: string | null;
}

/**
 * The notes of these history rows, by row id, sealed. They are opened only by CaseTransition.note's
 * resolver, once it has checked READ_PERSONAL_DATA against the region and logged the read.
 */
export async function readTransitionNotes(
  db: SqlExecutor,
  transitionIds: readonly string[],
): Promise<Map<string, SealedTransitionNote>> {
  const rows = await selectRows<{ id: string; caseId: string; region: Region | null; sealed: string | null }>(
    db,
    `SELECT t."id", t."case_id" AS "caseId", c."region", n."note" AS "sealed"
       FROM "case_transition" t
       JOIN "victim_case" c ON c."id" = t."case_id"
       LEFT JOIN "case_transition_note" n ON n."transition_id" = t."id"
      WHERE t."id" = ANY($1::uuid[])`,
    [transitionIds],
  );
  return new Map(rows.map(({ id, ...note }) => [id, note]));
}
