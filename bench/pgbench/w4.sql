-- pgbench custom script: W4, every client sending a follow-up invitation to the same case.
-- The service's statements for one follow-up invitation, as bench/baseline/w2.ts lists them (no
-- officer lookup, which the service makes on a user's first request only), with its parameters
-- written in. Run by npm run bench (scripts/bench.ts), which creates the tables of case ids and
-- passes the variables with -D:
--   case_id (the contended case), today (the London day)
-- The lock skips a row another client holds, as the service's does when expectedVersion is sent:
-- a winner finds the row and sends the service's 4 statements (the context written back as it
-- was read, since pgbench cannot add one to its invitation count; the version predicate the
-- service's, with the version the lock read); a loser finds none (\aset then sets no variable,
-- so the version keeps the -1 set first) and sends the existence read and ROLLBACK (4), as the
-- service does before answering STALE_VERSION. pgbench counts both as transactions, where the
-- bench counts winners only; and its loser reads no version before trying again
-- (bench/baseline/w4.ts): its next transaction reads it under the lock.
\set version -1
START TRANSACTION;
SELECT c."id", c."reference", c."offender_id" AS "offenderId", c."officer_id" AS "officerId", c."region", c."status", c."context", c."machine_version" AS "machineVersion", c."version", c."eligibility_route" AS "eligibilityRoute", c."discretionary_ground" AS "discretionaryGround", c."referred_on"::text AS "referredOn", c."created_at" AS "createdAt", c."updated_at" AS "updatedAt" FROM "victim_case" c WHERE c."id" = ':case_id' AND c."region" = 'NORTH_EAST' FOR UPDATE SKIP LOCKED \aset
\if :version < 0
SELECT EXISTS (SELECT 1 FROM "victim_case" c WHERE c."id" = ':case_id' AND c."region" = 'NORTH_EAST') AS "exists";
ROLLBACK;
\else
WITH "w0_updated" AS (UPDATE "victim_case" SET "status" = 'INVITED', "context" = ':context', "version" = "version" + 1, "updated_at" = now() WHERE "id" = ':case_id' AND "version" = :version RETURNING "id"), "w0" AS (INSERT INTO "case_transition" ("case_id", "sequence", "id", "event", "actor", "reason", "payload", "effective_on", "from_status", "to_status") SELECT "w0_updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = ':case_id'), gen_random_uuid(), 'SEND_INVITATION', 'bench.vlo', NULL, '{"channel":"LETTER","visitOffered":false}', ':today', 'INVITED', 'INVITED' FROM "w0_updated" RETURNING *), "w1" AS (UPDATE "task" SET "status" = 'DONE', "closed_at" = now(), "closed_by" = 'bench.vlo', "closed_reason" = 'SEND_INVITATION', "version" = "version" + 1 WHERE "status" = ANY('{OPEN}') AND "kind" = ANY('{INVITATION_FOLLOW_UP}') AND (':case_id'::uuid IS NULL OR "case_id" = ':case_id') AND (NULL::uuid IS NULL OR "subject_id" = NULL)), "w2" AS (INSERT INTO "access_log" ("actor", "roles", "action", "operation", "case_id", "fields", "purpose", "correlation_id", "client_correlation_id") VALUES ('bench.vlo', '["ROLE_VCS_VLO"]', 'CHANGE', 'sendInvitation', ':case_id', '["channel"]', 'CASE_WORK', gen_random_uuid(), NULL)) SELECT * FROM "w0";
COMMIT;
\endif
