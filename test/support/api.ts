import { CANARY_EMAIL, CANARY_NAME } from "./canary";
import type { Harness, TestCaller } from "./harness";

// The operations integration tests drive, written once, with the names of DESIGN §5.
export const CASE_FIELDS = `
  id reference status version eligibilityRoute declineReason closeReason invitationsSent referredOn availableActions
  offender { id custodyPhase }
  contactPlan { informationLevel channels }
  history(first: 100) { totalCount nodes { event fromStatus toStatus actor reason } }
`;

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
  recordCustodyEvent(input: $input) { offender { id custodyPhase version } affectedCases { ${CASE_FIELDS} } userErrors { code message field } }
}`;
export const GET_CASE = `query ($id: ID!) { victimCase(id: $id) { ${CASE_FIELDS} } }`;

let sequence = 0;
/** A distinct valid prison number and CRN for each offender a test makes. */
export function nextIdentifiers(): { prisonNumber: string; crn: string } {
  sequence += 1;
  const n = (process.pid * 7 + sequence) % 10000;
  const letters =
    String.fromCharCode(65 + (sequence % 26)) + String.fromCharCode(65 + (Math.floor(sequence / 26) % 26));
  return { prisonNumber: `A${String(n).padStart(4, "0")}${letters}`, crn: `X${String(sequence).padStart(6, "0")}` };
}

export function offenderInput(overrides: Record<string, unknown> = {}, sentence: Record<string, unknown> = {}) {
  return {
    name: "Test Offender",
    ...nextIdentifiers(),
    sentence: { type: "SDS", sentenceDate: "2024-01-15", lengthMonths: 36, offenceCategory: "VIOLENT", ...sentence },
    ...overrides,
  };
}

export function contactInput(overrides: Record<string, unknown> = {}) {
  return {
    role: "VICTIM",
    name: CANARY_NAME,
    dateOfBirth: "1980-06-01",
    email: CANARY_EMAIL,
    phone: "07700 900123",
    address: { line1: "2 Test Road", town: "Testbury", postcode: "TE5 7AB" },
    ...overrides,
  };
}

export async function createOffender(
  h: Harness,
  overrides: Record<string, unknown> = {},
  sentence: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const result = await h.run(CREATE_OFFENDER, { input: offenderInput(overrides, sentence) });
  const payload = result.data?.createOffender;
  if (!payload?.offender) throw new Error(`createOffender failed: ${JSON.stringify(result)}`);
  return payload.offender;
}

export async function referCase(
  h: Harness,
  offenderId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number; status: string }> {
  const result = await h.run(REFER, {
    input: { offenderId, referredOn: "2026-01-10", contact: contactInput(), ...overrides },
  });
  const payload = result.data?.referVictimCase;
  if (!payload?.victimCase) throw new Error(`referVictimCase failed: ${JSON.stringify(result)}`);
  return payload.victimCase;
}

/** Runs a case mutation and returns its payload (the one field under data). */
export async function mutate(h: Harness, mutation: string, input: Record<string, unknown>): Promise<any> {
  const result = await h.run(mutation, { input });
  if (result.errors) throw new Error(`mutation failed: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data ?? {})[0];
}

export async function getCase(h: Harness, id: string): Promise<any> {
  const result = await h.run(GET_CASE, { id });
  return result.data?.victimCase;
}

/** Drives a new case to OPTED_IN, then optionally agrees a plan (→ the engaged status). */
export async function optedInCase(h: Harness, offenderId: string, withPlan = false): Promise<any> {
  const victimCase = await referCase(h, offenderId);
  await mutate(h, SEND_INVITATION, { caseId: victimCase.id, channel: "LETTER" });
  let payload = await mutate(h, RECORD_OPT_IN, { caseId: victimCase.id });
  if (withPlan)
    payload = await mutate(h, AGREE_CONTACT_PLAN, {
      caseId: victimCase.id,
      informationLevel: "KEY_STAGES",
      channels: ["LETTER", "EMAIL"],
    });
  return payload.victimCase;
}

/** Runs a query or mutation that must not fail at the top level, and returns its one root field. */
export async function rootField(
  h: Harness,
  query: string,
  variables: Record<string, unknown>,
  as?: TestCaller,
): Promise<any> {
  const result = await h.run(query, variables, as);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0];
}

/** Runs a mutation that must succeed (no userErrors), and returns its payload. */
export async function successfulStep(
  h: Harness,
  mutation: string,
  input: Record<string, unknown>,
  as?: TestCaller,
): Promise<any> {
  const payload = await rootField(h, mutation, { input }, as);
  expect(payload.userErrors).toEqual([]);
  return payload;
}
