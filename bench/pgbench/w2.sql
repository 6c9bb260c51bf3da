-- pgbench custom script: W2, a follow-up invitation on a case of the client's own (no contention).
-- The service's statements for one follow-up invitation, as bench/baseline/w2.ts lists them (a
-- winner's 6: the lock with SKIP LOCKED, since expectedVersion is sent; no officer lookup, which
-- the service makes on a user's first request only), with its parameters written in. Run by npm
-- run bench (scripts/bench.ts), which creates the tables of case ids and passes the variables with -D:
--   per_client (how many of bench_transition_case's rows each client owns), today (the London day)
-- The context is written back as it was read (pgbench cannot add one to its invitation count);
-- the version predicate is the service's, with the version the lock read.
-- Picking the case (the client's own, by client_id) is one statement more than the service sends.
-- No other client sends to it, so the lock always finds its row.
\set n :client_id * :per_client + random(1, :per_client)
SELECT "id" AS "case_id" FROM "bench_transition_case" WHERE "n" = :n \gset
START TRANSACTION;
SELECT "VictimCaseEntity"."id" AS "VictimCaseEntity_id", "VictimCaseEntity"."reference" AS "VictimCaseEntity_reference", "VictimCaseEntity"."offender_id" AS "VictimCaseEntity_offender_id", "VictimCaseEntity"."status" AS "VictimCaseEntity_status", "VictimCaseEntity"."officer_id" AS "VictimCaseEntity_officer_id", "VictimCaseEntity"."region" AS "VictimCaseEntity_region", "VictimCaseEntity"."context" AS "VictimCaseEntity_context", "VictimCaseEntity"."machine_version" AS "VictimCaseEntity_machine_version", "VictimCaseEntity"."version" AS "VictimCaseEntity_version", "VictimCaseEntity"."eligibility_route" AS "VictimCaseEntity_eligibility_route", "VictimCaseEntity"."discretionary_ground" AS "VictimCaseEntity_discretionary_ground", "VictimCaseEntity"."referred_on" AS "VictimCaseEntity_referred_on", "VictimCaseEntity"."created_at" AS "VictimCaseEntity_created_at", "VictimCaseEntity"."updated_at" AS "VictimCaseEntity_updated_at" FROM "victim_case" "VictimCaseEntity" WHERE (("VictimCaseEntity"."id" = ':case_id') AND ("VictimCaseEntity"."region" = 'NORTH_EAST')) LIMIT 1 FOR UPDATE SKIP LOCKED \gset
WITH "updated" AS (UPDATE "victim_case" SET "status" = 'INVITED', "context" = ':VictimCaseEntity_context', "version" = "version" + 1, "updated_at" = now() WHERE "id" = ':case_id' AND "version" = :VictimCaseEntity_version RETURNING "id") INSERT INTO "case_transition" ("case_id", "sequence", "event", "actor", "reason", "payload", "effective_on", "from_status", "to_status") SELECT "updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = ':case_id'), 'SEND_INVITATION', 'bench.vlo', NULL, '{"channel":"LETTER","visitOffered":false}', ':today', 'INVITED', 'INVITED' FROM "updated" RETURNING *;
UPDATE "task" SET "status" = 'DONE', "closed_at" = now(), "closed_by" = 'bench.vlo', "closed_reason" = 'SEND_INVITATION', "version" = "version" + 1 WHERE "status" = ANY('{OPEN}') AND "kind" = ANY('{INVITATION_FOLLOW_UP}') AND (':case_id'::uuid IS NULL OR "case_id" = ':case_id') AND (NULL::uuid IS NULL OR "subject_id" = NULL);
INSERT INTO "access_log" ("actor", "roles", "action", "operation", "case_id", "fields", "purpose", "correlation_id", "client_correlation_id") VALUES ('bench.vlo', '["ROLE_VCS_VLO"]', 'CHANGE', 'sendInvitation', ':case_id', '["channel"]', 'CASE_WORK', gen_random_uuid(), NULL);
COMMIT;
