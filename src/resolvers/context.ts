import type { DataSource } from "typeorm";
import type { Loaders } from "../services/loaders";

export interface RequestContext {
  dataSource: DataSource;
  loaders: Loaders;
  /** Who is acting; recorded on every history row. */
  actor: string;
  /** Ties a response, its log lines and any masked error together. */
  correlationId: string;
}
