import { EventEmitter } from "node:events";
import type { Results } from "@electric-sql/pglite";

/** What the pool needs of the embedded database: PGlite itself, or PGlite in its own thread (pglite-thread.ts). */
export interface EmbeddedSession {
  query(sql: string, params?: unknown[]): Promise<Results>;
  exec(sql: string): Promise<Results[]>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

type Release = (error?: unknown) => void;
type ConnectCallback = (error: Error | null, client: PGliteClient | null, release: Release) => void;

// A pg-compatible pool over one PGlite instance, for TypeORM's postgres driver.
// PGlite is a single session: two TypeORM transactions sharing it would interleave their
// statements, and a ROLLBACK of one would undo (or keep) the other's rows. So the session is lent
// to one query runner at a time, exactly like a pg Pool with max = 1.
export class PGlitePool extends EventEmitter {
  private queue: Promise<void> = Promise.resolve();
  private readonly client: PGliteClient;

  constructor(private readonly db: EmbeddedSession) {
    super();
    this.client = new PGliteClient(db);
  }

  connect(callback: ConnectCallback): void {
    let releaseLock!: () => void;
    const turn = new Promise<void>((resolve) => (releaseLock = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    void previous.then(() => {
      let released = false;
      callback(null, this.client, () => {
        if (released) return;
        released = true;
        releaseLock();
      });
    });
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    return new Promise((resolve, reject) => {
      this.connect((_error, client, release) => {
        client!.query(sql, params).then(
          (result) => (release(), resolve(result)),
          (error) => (release(), reject(error)),
        );
      });
    });
  }

  /** LISTEN on the session, in its turn like any query; NOTIFYs arrive once their transaction commits. */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.inTurn(() => this.db.listen(channel, callback));
    return () => this.inTurn(unlisten);
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.connect((_error, _client, release) => {
        work().then(
          (value) => (release(), resolve(value)),
          (error: unknown) => (release(), reject(error)),
        );
      });
    });
  }

  end(callback?: (error: Error | null) => void): void {
    this.db.close().then(
      () => callback?.(null),
      (error: Error) => callback?.(error),
    );
  }
}

export interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string | undefined;
}

export class PGliteClient extends EventEmitter {
  constructor(private readonly db: EmbeddedSession) {
    super();
  }

  async query(sql: string, params?: unknown[]): Promise<PgLikeResult> {
    // Parameterless strings may hold several statements (migrations); TypeORM wants the last result.
    const result: Results =
      params && params.length > 0
        ? await this.db.query(sql, params)
        : ((await this.db.exec(sql)).at(-1) ?? { rows: [], fields: [] });
    return {
      rows: result.rows,
      rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
      command: result.command,
    };
  }
}

/** The object TypeORM's postgres driver accepts as `driver` (in place of the `pg` module). */
export function pgliteDriverModule(db: EmbeddedSession): { Pool: new () => PGlitePool } {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(db);
      }
    },
  };
}
