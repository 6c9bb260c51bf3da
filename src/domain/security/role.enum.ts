// Authorities as HMPPS Auth puts them in a token's `authorities` claim.
export enum Role {
  VLO = "ROLE_VCS_VLO",
  MANAGER = "ROLE_VCS_MANAGER",
  ANALYST = "ROLE_VCS_ANALYST",
  AUDITOR = "ROLE_VCS_AUDITOR",
  ADMIN = "ROLE_VCS_ADMIN",
  CUSTODY_FEED = "ROLE_VCS_CUSTODY_FEED",
}
