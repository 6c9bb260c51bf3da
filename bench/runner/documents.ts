// The request documents of the four workloads, sent as they are to the service and the baseline.
// Operation names matter: the baseline answers these documents only, and picks its code by them.

/** W1: one case read, with its contacts' personal fields (decrypted, access-logged) and its offender. */
export const READ_CASE = `query BenchReadCase($id: ID!) {
  victimCase(id: $id) {
    id
    status
    version
    availableActions
    offender { name custodyPhase }
    contacts { name email phone }
  }
}`;

/** W2 and W4: a follow-up invitation on an INVITED case, with the version the client last saw. */
export const SEND_FOLLOW_UP = `mutation BenchSendFollowUp($input: SendInvitationInput!) {
  sendInvitation(input: $input) {
    victimCase { id status version }
    userErrors { code field }
  }
}`;

/** W4: what a client that lost the race reads to learn the case's version before it tries again. */
export const READ_VERSION = `query BenchReadVersion($id: ID!) {
  victimCase(id: $id) { id version }
}`;

/** W3: a caseload page, each case with its offender's name and its newest history entry (lastTransition). */
export const CASELOAD_PAGE = `query BenchCaseloadPage {
  victimCases(first: 50) {
    nodes {
      id
      status
      availableActions
      offender { name }
      lastTransition { event toStatus occurredAt }
    }
  }
}`;
