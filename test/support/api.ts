import { CANARY_EMAIL_LOCAL_PART, CANARY_NAME } from "./canary";
import type { Harness, JsonValue, TestCaller } from "./harness";

// The operations integration tests drive, written once, with the names of DESIGN §5.
const CASE_FIELDS = `
  id reference status version eligibilityRoute declineReason closeReason invitationsSent referredOn availableActions
  offender { id custodyPhase }
  contactPlan { informationLevel channels }
  history(first: 100) { totalCount nodes { event fromStatus toStatus actor reason } }
`;

/** A userError as the tests read it. */
export interface UserError {
  code: string;
  message: string;
  field: string[] | null;
}

/** A mutation payload: every one has userErrors. */
export interface Payload {
  userErrors: UserError[];
}

/** A case as CASE_FIELDS reads it. */
export interface CaseView {
  id: string;
  reference: string;
  status: string;
  version: number;
  eligibilityRoute: string;
  declineReason: string | null;
  closeReason: string | null;
  invitationsSent: number;
  referredOn: string;
  availableActions: string[];
  offender: { id: string; custodyPhase: string };
  contactPlan: { informationLevel: string; channels: string[] } | null;
  history: { totalCount: number; nodes: TransitionRow[] };
}

/** A history row as CASE_FIELDS reads it. */
export interface TransitionRow {
  event: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  reason: string | null;
}

/** The payload of a case mutation (PAYLOAD). */
export interface CasePayload extends Payload {
  victimCase: CaseView | null;
  transition: (TransitionRow & { id: string }) | null;
}

/** An offender as CREATE_OFFENDER reads it. */
interface OffenderView {
  id: string;
  name: string;
  prisonNumber: string | null;
  crn: string | null;
  custodyPhase: string;
  version: number;
  sentence: {
    type: string;
    sentenceDate: string;
    lengthMonths: number | null;
    extensionMonths: number | null;
    tariffMonths: number | null;
    remandDays: number;
    offenceCategory: string;
  };
}

export interface CreateOffenderPayload extends Payload {
  offender: OffenderView | null;
}

/** The payload of RECORD_CUSTODY_EVENT. */
export interface CustodyPayload extends Payload {
  offender: { id: string; custodyPhase: string; version: number } | null;
  /** What the caller may see of the cases the event moved: none for the feed (a system). */
  affectedCases: CaseView[];
  affectedCaseCount: number;
}

const PAYLOAD = `victimCase { ${CASE_FIELDS} } transition { id event fromStatus toStatus actor reason } userErrors { code message field }`;

export const CREATE_OFFENDER = `mutation ($input: CreateOffenderInput!) {
  createOffender(input: $input) { offender { id name prisonNumber crn custodyPhase version sentence { type sentenceDate lengthMonths extensionMonths tariffMonths remandDays offenceCategory } } userErrors { code message field } }
}`;
export const REFER = `mutation ($input: ReferVictimCaseInput!) { referVictimCase(input: $input) { ${PAYLOAD} } }`;
export const SEND_INVITATION = `mutation ($input: SendInvitationInput!) { sendInvitation(input: $input) { ${PAYLOAD} } }`;
export const RECORD_OPT_IN = `mutation ($input: RecordOptInInput!) { recordOptIn(input: $input) { ${PAYLOAD} } }`;
export const RECORD_DECLINE = `mutation ($input: RecordDeclineInput!) { recordDecline(input: $input) { ${PAYLOAD} } }`;
export const AGREE_CONTACT_PLAN = `mutation ($input: AgreeContactPlanInput!) { agreeContactPlan(input: $input) { ${PAYLOAD} } }`;
export const RECORD_OPT_OUT = `mutation ($input: RecordOptOutInput!) { recordOptOut(input: $input) { ${PAYLOAD} } }`;
export const CLOSE_CASE = `mutation ($input: CloseVictimCaseInput!) { closeVictimCase(input: $input) { ${PAYLOAD} } }`;
export const RECORD_CUSTODY_EVENT = `mutation ($input: RecordCustodyEventInput!) {
  recordCustodyEvent(input: $input) { offender { id custodyPhase version } affectedCases { ${CASE_FIELDS} } affectedCaseCount userErrors { code message field } }
}`;
const GET_CASE = `query ($id: ID!) { victimCase(id: $id) { ${CASE_FIELDS} } }`;

let sequence = 0;
/** A distinct valid prison number and CRN for each offender a test makes. */
function nextIdentifiers(): { prisonNumber: string; crn: string } {
  sequence += 1;
  const n = (process.pid * 7 + sequence) % 10000;
  const letters =
    String.fromCharCode(65 + (sequence % 26)) + String.fromCharCode(65 + (Math.floor(sequence / 26) % 26));
  return { prisonNumber: `A${String(n).padStart(4, "0")}${letters}`, crn: `X${String(sequence).padStart(6, "0")}` };
}

/** A life sentence passed in 2010 with a ten-year tariff: past its tariff, so reviewed by the Parole Board. */
export const LIFE_SENTENCE = {
  type: "LIFE",
  sentenceDate: "2010-01-15",
  lengthMonths: null,
  tariffMonths: 120,
  offenceCategory: "VIOLENT",
};

export function offenderInput(overrides: Record<string, unknown> = {}, sentence: Record<string, unknown> = {}) {
  return {
    name: "Test Offender",
    ...nextIdentifiers(),
    sentence: { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT", ...sentence },
    ...overrides,
  };
}

let contactSequence = 0;

/**
 * The canary victim, as a different person at each call (their own date of birth, email and phone),
 * so a test may refer many victims of one offender without being refused as a duplicate referral.
 */
export function contactInput(overrides: Record<string, unknown> = {}) {
  contactSequence += 1;
  const born = new Date(Date.UTC(1960, 0, 1) + ((process.pid * 31 + contactSequence) % 12000) * 86_400_000);
  return {
    role: "VICTIM",
    name: CANARY_NAME,
    dateOfBirth: born.toISOString().slice(0, 10),
    email: `${CANARY_EMAIL_LOCAL_PART}+${contactSequence}@example.org`,
    phone: `07700 9${String(contactSequence % 100000).padStart(5, "0")}`,
    address: { line1: "2 Test Road", town: "Testbury", postcode: "TE5 7AB" },
    ...overrides,
  };
}

export async function createOffender(
  h: Harness,
  overrides: Record<string, unknown> = {},
  sentence: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const result = await h.run<{ createOffender: CreateOffenderPayload }>(CREATE_OFFENDER, {
    input: offenderInput(overrides, sentence),
  });
  const payload = result.data?.createOffender;
  if (!payload?.offender) throw new Error(`createOffender failed: ${JSON.stringify(result)}`);
  return payload.offender;
}

export async function referCase(
  h: Harness,
  offenderId: string,
  overrides: Record<string, unknown> = {},
): Promise<CaseView> {
  const result = await h.run<{ referVictimCase: CasePayload }>(REFER, {
    input: { offenderId, referredOn: "2026-01-10", contact: contactInput(), ...overrides },
  });
  const payload = result.data?.referVictimCase;
  if (!payload?.victimCase) throw new Error(`referVictimCase failed: ${JSON.stringify(result)}`);
  return payload.victimCase;
}

/** Runs a mutation (a case mutation unless `T` says otherwise) and returns its payload (the one field under data). */
export async function mutate<T = CasePayload>(
  h: Harness,
  mutation: string,
  input: Record<string, unknown>,
): Promise<T> {
  const result = await h.run<Record<string, T>>(mutation, { input });
  if (result.errors) throw new Error(`mutation failed: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data ?? {})[0];
}

export async function getCase(h: Harness, id: string): Promise<CaseView | null | undefined> {
  const result = await h.run<{ victimCase: CaseView | null }>(GET_CASE, { id });
  return result.data?.victimCase;
}

/** Drives a new case to OPTED_IN, then optionally agrees a plan (→ the engaged status). */
export async function optedInCase(h: Harness, offenderId: string, withPlan = false): Promise<CaseView> {
  const victimCase = await referCase(h, offenderId);
  await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
  let payload = await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
  if (withPlan)
    payload = await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "KEY_STAGES",
      channels: ["LETTER", "EMAIL"],
    });
  // Each step is expected to succeed; a refused one leaves this null, and the caller's first read of it fails.
  return payload.victimCase!;
}

/** Runs a query or mutation that must not fail at the top level, and returns its one root field. */
export async function rootField<T = JsonValue>(
  h: Harness,
  query: string,
  variables: Record<string, unknown>,
  as?: TestCaller,
): Promise<T> {
  const result = await h.run<Record<string, T>>(query, variables, as);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0];
}

/** Runs a mutation that must succeed (no userErrors), and returns its payload. */
export async function successfulStep<T extends Payload = Payload>(
  h: Harness,
  mutation: string,
  input: Record<string, unknown>,
  as?: TestCaller,
): Promise<T> {
  const payload = await rootField<T>(h, mutation, { input }, as);
  expect(payload.userErrors).toEqual([]);
  return payload;
}
