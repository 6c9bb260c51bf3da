import { TestEnvironment } from "jest-environment-node";

// Jest runs each test file in a context of its own, with its own Date. Rows from the embedded
// database's thread (src/services/platform/pglite-thread.ts) arrive built by Node's Date, as they
// do in the service, where there is one; TypeORM's `value instanceof Date` would refuse them here
// and hand a date column back as a Date instead of its 'YYYY-MM-DD'. Jest already gives test files
// Node's Buffer and Uint8Array for the same reason; this gives them Node's Date too.
class NodeDateEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    this.global.Date = Date;
  }
}

// Jest takes the environment as the module itself.
export = NodeDateEnvironment;
