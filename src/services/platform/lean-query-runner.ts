import { QueryFailedError, TransactionNotStartedError, type DataSource, type ObjectLiteral } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { PostgresQueryRunner } from "typeorm/driver/postgres/PostgresQueryRunner";
import type { IsolationLevel } from "typeorm/driver/types/IsolationLevel";
import type { ReplicationMode } from "typeorm/driver/types/ReplicationMode";
import { QueryResult } from "typeorm/query-runner/QueryResult";

/*
 * TypeORM's PostgreSQL query runner, its statements and transactions without the events it
 * broadcasts to subscribers, which this service has none of. Each statement cost four awaits and
 * two broadcasts around the database's answer, and each transaction four broadcasts more: 8 % of
 * the CPU of a follow-up refused as STALE_VERSION, about half of W4's requests (issue 15).
 * What a caller sees is TypeORM's: its logger is told of each statement and each failure, a
 * failure is its QueryFailedError, the result has its shape, and the transaction state is kept as
 * it keeps it. A data source with subscribers, a slow-query threshold, an isolation level or a
 * nested transaction (savepoints) gets TypeORM's own path.
 */
class LeanPostgresQueryRunner extends PostgresQueryRunner {
  override query(
    query: string,
    parameters?: unknown[] | ObjectLiteral,
    useStructuredResult = false,
  ): ReturnType<PostgresQueryRunner["query"]> {
    if (this.isReleased || !this.broadcastsNothing() || (parameters && !Array.isArray(parameters)))
      return super.query(query, parameters, useStructuredResult);
    const connection = this.databaseConnection as
      | { query(text: string, values?: unknown[]): Promise<PostgresAnswer> }
      | undefined;
    if (!connection) return this.connect().then(() => this.query(query, parameters, useStructuredResult));
    const { logger } = this.dataSource;
    const values = parameters as unknown[] | undefined;
    logger.logQuery(query, values, this);
    let answer: Promise<PostgresAnswer>;
    try {
      answer = connection.query(query, values);
    } catch (error) {
      // Thrown before anything was sent: still a failed statement, as TypeORM's await makes it.
      answer = Promise.reject(error as Error);
    }
    return answer.then(
      (raw) => resultOf(raw, useStructuredResult),
      (error: unknown) => {
        logger.logQueryError(error as Error, query, values, this);
        throw new QueryFailedError(query, values, error as Error);
      },
    );
  }

  override async startTransaction(isolationLevel?: IsolationLevel): Promise<void> {
    if (
      this.transactionDepth > 0 ||
      !this.broadcastsNothing() ||
      (isolationLevel ?? this.dataSource.options.isolationLevel)
    )
      return super.startTransaction(isolationLevel);
    this.isTransactionActive = true;
    await this.query("START TRANSACTION");
    this.transactionDepth += 1;
  }

  override commitTransaction(): Promise<void> {
    return this.endTransaction("COMMIT", () => super.commitTransaction());
  }

  override rollbackTransaction(): Promise<void> {
    return this.endTransaction("ROLLBACK", () => super.rollbackTransaction());
  }

  /** COMMIT or ROLLBACK of the outermost transaction, as TypeORM ends it; TypeORM's own for a savepoint. */
  private async endTransaction(statement: "COMMIT" | "ROLLBACK", typeorms: () => Promise<void>): Promise<void> {
    if (!this.isTransactionActive) throw new TransactionNotStartedError();
    if (this.transactionDepth !== 1 || !this.broadcastsNothing()) return typeorms();
    await this.query(statement);
    this.isTransactionActive = false;
    this.transactionDepth -= 1;
  }

  /** Whether TypeORM's broadcasts and slow-query timing would do nothing here. */
  private broadcastsNothing(): boolean {
    return this.dataSource.subscribers.length === 0 && !this.driver.options.maxQueryExecutionTime;
  }
}

/** What node-postgres (or the embedded engine's pool) answers a statement with. */
interface PostgresAnswer {
  rows?: unknown[];
  rowCount?: number | null;
  command?: string;
}

// TypeORM's own shaping of the answer (PostgresQueryRunner.query).
function resultOf(raw: PostgresAnswer | undefined, useStructuredResult: boolean): unknown {
  const result = new QueryResult();
  if (!raw) return result;
  if (Object.hasOwn(raw, "rows")) result.records = raw.rows as never[];
  if (Object.hasOwn(raw, "rowCount")) result.affected = raw.rowCount as number | undefined;
  result.raw = raw.command === "DELETE" || raw.command === "UPDATE" ? [raw.rows, raw.rowCount] : raw.rows;
  return useStructuredResult ? result : result.raw;
}

/** Makes the data source's query runners lean ones (above). */
export function useLeanQueryRunners(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as PostgresDriver;
  driver.createQueryRunner = (mode: ReplicationMode) => new LeanPostgresQueryRunner(driver, mode);
  return dataSource;
}
