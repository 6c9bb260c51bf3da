import { callGraphql } from "./graphql-client";
import { BenchFailure } from "./bench-failure";

/** What the workloads run on: every case is INVITED, in the officer's region. */
export interface SeededCases {
  /** W1's cases, read at random. */
  read: string[];
  /** W2's cases, shared out among the clients of a run so no two send to one case. */
  transition: string[];
  /** W4's one case, that every client sends to. */
  contended: string;
}

export interface SeedTokens {
  admin: string;
  feed: string;
  officer: string;
}

interface Payload {
  userErrors: { code: string }[];
  [field: string]: unknown;
}

const CASES_PER_OFFENDER = 10;

/** The personal fields of the victim on the i-th seeded case (W1's cases are the first): what W1 must read back. */
export function seededContact(i: number): { name: string; email: string; phone: string } {
  return { name: `Bench Victim ${i}`, email: `victim${i}@example.org`, phone: `07700 9${String(i).padStart(5, "0")}` };
}
const SEEDING_CONCURRENCY = 8;

/**
 * Seeds through the service's own API, as an officer would: the officer, the offenders, the
 * referrals and a first invitation on every case, so every case is INVITED and a further
 * sendInvitation is a follow-up that keeps it there.
 */
export async function seedThroughApi(
  url: string,
  tokens: SeedTokens,
  officerUsername: string,
  counts: { read: number; transition: number },
): Promise<SeededCases> {
  const mutate = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const data = await callGraphql<Record<string, Payload>>(url, token, query, variables);
    const payload = Object.values(data)[0];
    if (payload.userErrors.length > 0)
      throw new BenchFailure(`seeding refused: ${JSON.stringify(payload.userErrors)} for ${query.slice(0, 80)}`);
    return payload;
  };

  await mutate(
    tokens.admin,
    `mutation ($input: CreateOfficerInput!) { createOfficer(input: $input) { officer { id } userErrors { code } } }`,
    { input: { username: officerUsername, name: "Bench Officer", region: "NORTH_EAST" } },
  );
  const total = counts.read + counts.transition + 1;
  const offenders = await inParallel(Math.ceil(total / CASES_PER_OFFENDER), async (i) => {
    const payload = await mutate(
      tokens.feed,
      `mutation ($input: CreateOffenderInput!) { createOffender(input: $input) { offender { id } userErrors { code } } }`,
      { input: benchOffenderInput(i) },
    );
    return (payload.offender as { id: string }).id;
  });
  const cases = await inParallel(total, async (i) => {
    const referred = await mutate(
      tokens.officer,
      `mutation ($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { victimCase { id version } userErrors { code } } }`,
      {
        input: {
          offenderId: offenders[i % offenders.length],
          referredOn: "2026-11-02",
          contact: {
            role: "VICTIM",
            ...seededContact(i),
            address: { line1: `${i + 1} Bench Road`, town: "Leeds", postcode: "LS1 1AA" },
          },
        },
      },
    );
    const victimCase = referred.victimCase as { id: string; version: number };
    await mutate(
      tokens.officer,
      `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { victimCase { status } userErrors { code } } }`,
      { input: { caseId: victimCase.id, channel: "LETTER", expectedVersion: victimCase.version } },
    );
    return victimCase.id;
  });
  return {
    read: cases.slice(0, counts.read),
    transition: cases.slice(counts.read, counts.read + counts.transition),
    contended: cases[total - 1],
  };
}

// Runs `count` calls with a few in flight, keeping the results in order.
async function inParallel<T>(count: number, call: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: SEEDING_CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await call(index);
      }
    }),
  );
  return results;
}

/** The i-th benchmark offender: an extended sentence for a violent offence, so every victim is eligible. */
export function benchOffenderInput(i: number) {
  return {
    name: `Bench Offender ${i}`,
    prisonNumber: `B${String(i).padStart(4, "0")}BB`,
    crn: `B${String(i).padStart(6, "0")}`,
    sentence: {
      type: "EDS",
      sentenceDate: "2022-01-01",
      lengthMonths: 96,
      extensionMonths: 48,
      offenceCategory: "VIOLENT",
    },
  };
}
