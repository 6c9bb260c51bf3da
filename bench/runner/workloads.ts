import { performance } from "node:perf_hooks";
import type autocannon from "autocannon";
import { CASELOAD_PAGE, READ_CASE, READ_VERSION, SEND_FOLLOW_UP } from "./documents";
import { callGraphql, type GraphqlAnswer } from "./graphql-client";
import { seededContact, type SeededCases } from "./seed";

export type WorkloadName = "W1" | "W2" | "W3" | "W4";

/** What one timed run counted; a wrong answer stops the run and names itself in `failure`. */
export interface Tally {
  /** W1–W3: answers checked; W4: winners (transitions that succeeded). */
  operations: number;
  /** Every answer, W4's losers and reads included. */
  answers: number;
  latenciesMs: number[];
  failure: string | null;
}

export interface Workload {
  name: WorkloadName;
  /** Brings what the clients know up to date before a run (case versions), through the server under test. */
  prepare(url: string): Promise<void>;
  /** The requests of the `index`-th of `clients` clients of a run: each built per request, each answer checked. */
  requestsOf(index: number, clients: number, tally: Tally): autocannon.Request[];
}

/** The answer's data, or a description of what is wrong with it. */
function dataOf(status: number, body: string): Record<string, unknown> | string {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 300)}`;
  let answer: GraphqlAnswer;
  try {
    answer = JSON.parse(body) as GraphqlAnswer;
  } catch {
    return `not JSON: ${body.slice(0, 300)}`;
  }
  if (answer.errors || !answer.data) return `errors: ${JSON.stringify(answer.errors ?? answer).slice(0, 300)}`;
  return answer.data;
}

/**
 * One request, built per call and checked on its answer: `check` returns null when the answer is
 * right (and counted), or what is wrong. The first request's latency is not kept: it includes the
 * connection.
 */
function checkedRequest(
  tally: Tally,
  build: () => { query: string; variables: Record<string, unknown> },
  check: (data: Record<string, unknown>) => string | null,
): autocannon.Request {
  let sentAt = 0;
  let first = true;
  return {
    setupRequest: (request) => {
      sentAt = performance.now();
      return { ...request, body: JSON.stringify(build()) };
    },
    onResponse: (status, body) => {
      if (first) first = false;
      else tally.latenciesMs.push(performance.now() - sentAt);
      tally.answers += 1;
      const data = dataOf(status, body);
      const wrong = typeof data === "string" ? data : check(data);
      if (wrong && !tally.failure) tally.failure = wrong;
    },
  };
}

const EXPECTED_ACTIONS = JSON.stringify(["SEND_INVITATION", "RECORD_OPT_IN", "RECORD_DECLINE"]);

/** W1: a random case of W1's, read with its contacts' personal fields; every field is checked. */
export function readCaseWorkload(cases: SeededCases): Workload {
  return {
    name: "W1",
    prepare: async () => undefined,
    requestsOf: (_index, _clients, tally) => {
      let asked = 0;
      return [
        checkedRequest(
          tally,
          () => {
            asked = Math.floor(Math.random() * cases.read.length);
            return { query: READ_CASE, variables: { id: cases.read[asked] } };
          },
          (data) => {
            const found = data.victimCase as {
              id: string;
              status: string;
              version: number;
              availableActions: string[];
              offender: { name: string; custodyPhase: string };
              contacts: { name: string; email: string; phone: string }[];
            } | null;
            const expected = seededContact(asked);
            if (
              !found ||
              found.id !== cases.read[asked] ||
              found.status !== "INVITED" ||
              !Number.isInteger(found.version) ||
              JSON.stringify(found.availableActions) !== EXPECTED_ACTIONS ||
              !found.offender.name.startsWith("Bench Offender") ||
              found.offender.custodyPhase !== "IN_CUSTODY" ||
              JSON.stringify(found.contacts) !== JSON.stringify([expected])
            )
              return `W1: wrong case read: ${JSON.stringify(data).slice(0, 400)}`;
            tally.operations += 1;
            return null;
          },
        ),
      ];
    },
  };
}

/** Reads each case's version through the server, a few at a time. */
export async function readVersions(url: string, token: string, ids: string[]): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const data = await callGraphql<{ victimCase: { version: number } }>(url, token, READ_VERSION, { id });
        versions.set(id, data.victimCase.version);
      }
    }),
  );
  return versions;
}

interface TransitionAnswer {
  sendInvitation: {
    victimCase: { id: string; status: string; version: number } | null;
    userErrors: { code: string }[];
  };
}

/**
 * W2: each client sends follow-ups round its own cases (the i-th client has every clients-th case),
 * with the version it last saw; every answer must be that version + 1, with no userErrors.
 */
export function transitionWorkload(cases: SeededCases, token: string): Workload {
  let versions = new Map<string, number>();
  return {
    name: "W2",
    // The last run's requests still in flight when it stopped may have changed a version since.
    prepare: async (url) => {
      versions = await readVersions(url, token, cases.transition);
    },
    requestsOf: (index, clients, tally) => {
      const own = cases.transition.filter((_, position) => position % clients === index);
      let turn = 0;
      let caseId = own[0];
      return [
        checkedRequest(
          tally,
          () => {
            caseId = own[turn++ % own.length];
            const input = { caseId, channel: "LETTER", expectedVersion: versions.get(caseId) };
            return { query: SEND_FOLLOW_UP, variables: { input } };
          },
          (data) => {
            const { victimCase, userErrors } = (data as unknown as TransitionAnswer).sendInvitation;
            const expected = versions.get(caseId)! + 1;
            if (userErrors.length > 0 || victimCase?.id !== caseId || victimCase.version !== expected)
              return `W2: expected version ${expected} of ${caseId}: ${JSON.stringify(data).slice(0, 300)}`;
            versions.set(caseId, expected);
            tally.operations += 1;
            return null;
          },
        ),
      ];
    },
  };
}

/**
 * W3: the officer's first 50 cases, each with its offender, actions and newest history entry: every
 * case was invited after its referral, and a follow-up invitation (W2, W4) leaves it INVITED too.
 */
export function caseloadWorkload(): Workload {
  return {
    name: "W3",
    prepare: async () => undefined,
    requestsOf: (_index, _clients, tally) => [
      checkedRequest(
        tally,
        () => ({ query: CASELOAD_PAGE, variables: {} }),
        (data) => {
          const nodes = (data.victimCases as { nodes: Record<string, unknown>[] }).nodes as {
            status: string;
            availableActions: string[];
            offender: { name: string };
            lastTransition: { event: string; toStatus: string; occurredAt: string } | null;
          }[];
          const wrong = nodes.find(
            (node) =>
              node.status !== "INVITED" ||
              JSON.stringify(node.availableActions) !== EXPECTED_ACTIONS ||
              !node.offender.name.startsWith("Bench Offender") ||
              node.lastTransition?.event !== "SEND_INVITATION" ||
              node.lastTransition.toStatus !== "INVITED" ||
              Number.isNaN(Date.parse(node.lastTransition.occurredAt)),
          );
          if (nodes.length !== 50 || wrong)
            return `W3: wrong page (${nodes.length} cases): ${JSON.stringify(wrong ?? data).slice(0, 300)}`;
          tally.operations += 1;
          return null;
        },
      ),
    ],
  };
}

/**
 * W4: every client sends the same follow-up to one case with the version it last saw. A winner
 * learns the new version from its answer; a loser (its version left behind, or the case held by
 * another client's change at that moment, refused at once) gets STALE_VERSION, whose answer carries
 * no version, and reads the case's version before it tries again. Any other answer fails the run.
 * Only winners are counted.
 */
export function contentionWorkload(cases: SeededCases, token: string): Workload {
  let startingVersion = 0;
  return {
    name: "W4",
    prepare: async (url) => {
      startingVersion = (await readVersions(url, token, [cases.contended])).get(cases.contended)!;
    },
    requestsOf: (_index, _clients, tally) => {
      let known = startingVersion;
      let mustRead = false;
      let reading = false;
      return [
        checkedRequest(
          tally,
          () => {
            reading = mustRead;
            if (reading) return { query: READ_VERSION, variables: { id: cases.contended } };
            const input = { caseId: cases.contended, channel: "LETTER", expectedVersion: known };
            return { query: SEND_FOLLOW_UP, variables: { input } };
          },
          (data) => {
            if (reading) {
              const read = data.victimCase as { version: number } | null;
              if (!read || !Number.isInteger(read.version) || read.version < known)
                return `W4: version read went back from ${known}: ${JSON.stringify(data).slice(0, 300)}`;
              known = read.version;
              mustRead = false;
              return null;
            }
            const { victimCase, userErrors } = (data as unknown as TransitionAnswer).sendInvitation;
            if (userErrors.length === 0 && victimCase?.version === known + 1) {
              known = victimCase.version;
              tally.operations += 1;
              return null;
            }
            if (victimCase === null && userErrors.length === 1 && userErrors[0].code === "STALE_VERSION") {
              mustRead = true;
              return null;
            }
            return `W4: neither version ${known + 1} nor STALE_VERSION: ${JSON.stringify(data).slice(0, 300)}`;
          },
        ),
      ];
    },
  };
}
