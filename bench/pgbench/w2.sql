-- pgbench custom script: W2, a follow-up invitation on a case of the client's own (no contention).
-- The service's statements for one follow-up invitation, as bench/baseline/w2.ts lists them (a
-- winner's 4: the lock with SKIP LOCKED, since expectedVersion is sent; no officer lookup, which
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
SELECT c."id", c."reference", c."offender_id" AS "offenderId", c."officer_id" AS "officerId", c."region", c."status", c."context", c."machine_version" AS "machineVersion", c."version", c."eligibility_route" AS "eligibilityRoute", c."discretionary_ground" AS "discretionaryGround", c."referred_on"::text AS "referredOn", c."created_at" AS "createdAt", c."updated_at" AS "updatedAt" FROM "victim_case" c WHERE c."id" = ':case_id' AND c."region" = 'NORTH_EAST' FOR UPDATE SKIP LOCKED \gset
WITH "w0_updated" AS (UPDATE "victim_case" SET "status" = 'INVITED', "context" = ':context', "version" = "version" + 1, "updated_at" = now() WHERE "id" = ':case_id' AND "version" = :version RETURNING "id"), "w0" AS (INSERT INTO "case_transition" ("case_id", "sequence", "id", "event", "actor", "reason", "payload", "effective_on", "from_status", "to_status") SELECT "w0_updated"."id", (SELECT COALESCE(MAX("sequence"), 0) + 1 FROM "case_transition" WHERE "case_id" = ':case_id'), gen_random_uuid(), 'SEND_INVITATION', 'bench.vlo', NULL, '{"channel":"LETTER","visitOffered":false}', ':today', 'INVITED', 'INVITED' FROM "w0_updated" RETURNING *), "w1" AS (UPDATE "task" SET "status" = 'DONE', "closed_at" = now(), "closed_by" = 'bench.vlo', "closed_reason" = 'SEND_INVITATION', "version" = "version" + 1 WHERE "status" = ANY('{OPEN}') AND "kind" = ANY('{INVITATION_FOLLOW_UP}') AND (':case_id'::uuid IS NULL OR "case_id" = ':case_id') AND (NULL::uuid IS NULL OR "subject_id" = NULL)), "w2" AS (INSERT INTO "access_log" ("actor", "roles", "action", "operation", "case_id", "fields", "purpose", "correlation_id", "client_correlation_id") VALUES ('bench.vlo', '["ROLE_VCS_VLO"]', 'CHANGE', 'sendInvitation', ':case_id', '["channel"]', 'CASE_WORK', gen_random_uuid(), NULL)) SELECT * FROM "w0";
COMMIT;
