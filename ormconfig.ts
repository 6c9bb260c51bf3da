import "reflect-metadata";
import { createDataSource } from "./src/services/platform/database";

// The DataSource for the TypeORM CLI (migration:run, migration:show, migration:generate):
// PostgreSQL when DATABASE_URL is set, otherwise the embedded database under PGLITE_DIR.
export const dataSource = createDataSource({
  databaseUrl: process.env.DATABASE_URL,
  pgliteDir: process.env.PGLITE_DIR ?? ".data/pglite",
});
