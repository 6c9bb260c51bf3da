import type { DataSource } from "typeorm";
import { CaseStatus, isInScheme } from "../../domain/cases/case.enums";
import { statementDueOn } from "../../domain/parole/parole-deadlines";
import { selectRows } from "../platform/sql";

/** What the deadlines of a case need from its own history, read for a batch of cases in four statements. */
export interface CaseHistoryFacts {
  invitationsSentOn: string[];
  repliedOn: string | null;
  closedOn: string | null;
  licenceEndedOn: string | null;
  annualLettersSentOn: string[];
  statements: { paroleReviewId: string; dueOn: string; submittedOn: string | null }[];
}

// History days are England-and-Wales days, like every other date the officer sees.
export async function loadCaseHistoryFacts(
  dataSource: DataSource,
  caseIds: readonly string[],
): Promise<Map<string, CaseHistoryFacts>> {
  const facts = new Map<string, CaseHistoryFacts>(
    caseIds.map((id) => [
      id,
      {
        invitationsSentOn: [],
        repliedOn: null,
        closedOn: null,
        licenceEndedOn: null,
        annualLettersSentOn: [],
        statements: [],
      },
    ]),
  );
  const ids = [...caseIds];
  const events = await selectRows<{
    case_id: string;
    event: string;
    from_status: CaseStatus | null;
    to_status: CaseStatus;
    on: string;
  }>(
    dataSource,
    `SELECT "case_id", "event", "from_status", "to_status", ("occurred_at" AT TIME ZONE 'Europe/London')::date::text AS "on"
       FROM "case_transition"
      WHERE "case_id" = ANY($1) AND ("event" IN ('SEND_INVITATION', 'RECORD_OPT_IN', 'RECORD_DECLINE') OR ("to_status" = $2 AND "from_status" IS DISTINCT FROM $2))
      ORDER BY "case_id", "sequence"`,
    [ids, CaseStatus.CLOSED],
  );
  // The status a case closed from says what it owed while open.
  const closedFrom = new Map<string, CaseStatus | null>();
  for (const row of events) {
    const entry = facts.get(row.case_id)!;
    if (row.event === "SEND_INVITATION") entry.invitationsSentOn.push(row.on);
    else if ((row.event === "RECORD_OPT_IN" || row.event === "RECORD_DECLINE") && entry.invitationsSentOn.length > 0)
      entry.repliedOn ??= row.on;
    if (row.to_status === CaseStatus.CLOSED && !entry.closedOn) {
      entry.closedOn = row.on;
      closedFrom.set(row.case_id, row.from_status);
    }
  }
  // The day the licence ended is the custody event's, not the day the feed recorded it.
  const ended = await selectRows<{ case_id: string; on: string }>(
    dataSource,
    `SELECT c."id" AS "case_id", MIN(e."occurred_on")::text AS "on" FROM "victim_case" c JOIN "custody_event" e ON e."offender_id" = c."offender_id" AND e."type" = 'LICENCE_ENDED'
      WHERE c."id" = ANY($1) GROUP BY c."id"`,
    [ids],
  );
  for (const row of ended) facts.get(row.case_id)!.licenceEndedOn = row.on;
  const letters = await selectRows<{ case_id: string; sent_on: string }>(
    dataSource,
    `SELECT "case_id", "sent_on"::text AS "sent_on" FROM "notification" WHERE "case_id" = ANY($1) AND "kind" = 'ANNUAL_LETTER' AND "sent_on" IS NOT NULL`,
    [ids],
  );
  for (const row of letters) facts.get(row.case_id)!.annualLettersSentOn.push(row.sent_on);
  // A statement is owed by a victim in the scheme while the offender's review has a hearing date.
  const statements = await selectRows<{
    case_id: string;
    status: CaseStatus;
    review_id: string;
    hearing: string;
    submitted_on: string | null;
  }>(
    dataSource,
    `SELECT c."id" AS "case_id", c."status", r."id" AS "review_id", r."target_hearing_date"::text AS "hearing", s."submitted_on"::text AS "submitted_on"
       FROM "victim_case" c
       JOIN "parole_review" r ON r."offender_id" = c."offender_id" AND r."target_hearing_date" IS NOT NULL AND r."status" <> 'ENDED'
       LEFT JOIN "victim_personal_statement" s ON s."parole_review_id" = r."id" AND s."case_id" = c."id"
      WHERE c."id" = ANY($1)
      ORDER BY r."referred_on"`,
    [ids],
  );
  for (const row of statements) {
    const status = row.status === CaseStatus.CLOSED ? (closedFrom.get(row.case_id) ?? row.status) : row.status;
    if (!row.submitted_on && !isInScheme(status)) continue;
    facts.get(row.case_id)!.statements.push({
      paroleReviewId: row.review_id,
      dueOn: statementDueOn(row.hearing),
      submittedOn: row.submitted_on,
    });
  }
  return facts;
}
