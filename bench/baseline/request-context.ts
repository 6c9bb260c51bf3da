import type { Pool } from "pg";

/** The officer record the service finds for a user request (createRequestContext), kept after the user's first. */
export interface OfficerRow {
  id: string;
  username: string;
  region: string;
}

/** What each resolver of the baseline is given, as the service's RequestContext gives its resolvers. */
export interface BaselineContext {
  pool: Pool;
  username: string;
  /** The token's roles, as the access log records them. */
  roles: string[];
  officer: OfficerRow;
  /** The server's own id for the request, written to the access log. */
  correlationId: string;
}
