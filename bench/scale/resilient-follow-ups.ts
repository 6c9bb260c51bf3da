import { performance } from "node:perf_hooks";
import type autocannon from "autocannon";
import { READ_VERSION, SEND_FOLLOW_UP } from "../runner/documents";
import type { GraphqlAnswer } from "../runner/graphql-client";
import { readVersions, type Tally, type Workload } from "../runner/workloads";

interface FollowUpAnswer {
  sendInvitation?: { victimCase: { id: string; version: number } | null; userErrors: { code: string }[] };
  victimCase?: { id: string; version: number } | null;
}

/**
 * W2 as a front end that can lose an answer: each client sends follow-ups round its own cases with
 * the version it last saw and a fresh idempotency key, and every answer must be that version + 1.
 * The key matters when an instance dies with the request in flight: HAProxy sends a request whose
 * reused connection closed unanswered to another instance, which replays the committed answer, or
 * runs it if the death rolled it back, instead of refusing it as STALE_VERSION. A lost or wrong
 * answer is counted as a failure, and the client reads the case's version before it sends to it again.
 */
export function resilientFollowUps(caseIds: string[], token: string): Workload {
  let versions = new Map<string, number>();
  return {
    name: "W2",
    prepare: async (url) => {
      versions = await readVersions(url, token, caseIds);
    },
    requestsOf: (index, clients, tally) => {
      const own = caseIds.filter((_, position) => position % clients === index);
      let turn = 0;
      let caseId = own[0];
      let sent = 0;
      /** A case whose last follow-up's outcome is unknown: read before sending to it again. */
      let uncertain: string | null = null;
      let reading = false;
      let sentAt = 0;
      const followUp: autocannon.Request = {
        setupRequest: (request) => {
          sentAt = performance.now();
          reading = uncertain !== null;
          if (reading)
            return { ...request, body: JSON.stringify({ query: READ_VERSION, variables: { id: uncertain } }) };
          caseId = own[turn++ % own.length];
          const idempotencyKey = `scale-${process.pid}-${index}-${sent++}`;
          const input = { caseId, channel: "LETTER", expectedVersion: versions.get(caseId), idempotencyKey };
          return { ...request, body: JSON.stringify({ query: SEND_FOLLOW_UP, variables: { input } }) };
        },
        onResponse: (status, body) => {
          tally.answers += 1;
          tally.latenciesMs.push(performance.now() - sentAt);
          const data = status === 200 ? dataOf(body) : null;
          if (reading) {
            if (data?.victimCase?.id === uncertain) {
              versions.set(uncertain, data.victimCase.version);
              uncertain = null;
              tally.operations += 1;
            } else wrong(tally, `version read of ${uncertain}: HTTP ${status} ${body.slice(0, 300)}`);
            return;
          }
          const expected = versions.get(caseId)! + 1;
          const answer = data?.sendInvitation;
          if (answer && answer.userErrors.length === 0 && answer.victimCase?.version === expected) {
            versions.set(caseId, expected);
            tally.operations += 1;
            return;
          }
          wrong(tally, `W2: expected version ${expected} of ${caseId}: HTTP ${status} ${body.slice(0, 300)}`);
          uncertain = caseId;
        },
      };
      return [followUp];
    },
  };
}

function dataOf(body: string): FollowUpAnswer | null {
  try {
    const answer = JSON.parse(body) as GraphqlAnswer;
    return answer.errors ? null : ((answer.data ?? null) as FollowUpAnswer | null);
  } catch {
    return null;
  }
}

function wrong(tally: Tally, what: string): void {
  tally.failure ??= what;
}
