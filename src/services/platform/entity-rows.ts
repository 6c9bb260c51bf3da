import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/** How one column of an entity is selected and read back from a plain row. */
interface ColumnReading {
  property: string;
  /** The column's SQL, with `$alias` for the table alias: dates as text, as the entities keep them. */
  sql: string;
  read(value: unknown): unknown;
}

/** How a whole entity is selected and read back, worked out once per entity from TypeORM's metadata. */
interface EntityReading {
  create(): ObjectLiteral;
  columns: ColumnReading[];
  /** Which column is the primary key: null in a row means an outer join found no entity. */
  keyIndex: number;
}

const readings = new WeakMap<DataSource, Map<unknown, EntityReading>>();

function readingOf(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): EntityReading {
  let byEntity = readings.get(dataSource);
  if (!byEntity) readings.set(dataSource, (byEntity = new Map()));
  let reading = byEntity.get(target);
  if (!reading) {
    const metadata = dataSource.getMetadata(target);
    // The entity's own properties as TypeORM loads them: a relation's object is never among them
    // (only its id column), nor a column kept out of every read (`select: false`, a sealed reason).
    const columns = metadata.columns
      .filter((column) => column.isSelect && !column.isVirtual && column.propertyPath === column.propertyName)
      .map(columnReading);
    const key = metadata.primaryColumns[0].propertyName;
    reading = {
      create: () => metadata.create(),
      columns,
      keyIndex: columns.findIndex((column) => column.property === key),
    };
    byEntity.set(target, reading);
  }
  return reading;
}

function columnReading(column: ColumnMetadata): ColumnReading {
  const transformers = column.transformer ? [column.transformer].flat() : [];
  // Applied last to first, as TypeORM does when it loads an entity; most columns have none.
  const read: ColumnReading["read"] =
    transformers.length === 0
      ? (value) => value
      : transformers.length === 1
        ? (value) => transformers[0].from(value) as unknown
        : (value) => transformers.reduceRight((result, transformer) => transformer.from(result) as unknown, value);
  return {
    property: column.propertyName,
    sql: `$alias."${column.databaseName}"${column.type === "date" ? "::text" : ""}`,
    read,
  };
}

/**
 * The select list of every column of an entity from the table aliased `alias`, each named
 * `prefix` + its property, for `entityFromRow`. Plain SQL rows instead of TypeORM's query builder
 * and hydration on the busiest reads (issue 15 §4): the same entity, at a fraction of the cost, and
 * several entities from one statement.
 */
export function entityColumns(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = "",
): string {
  const reading = readingOf(dataSource, target);
  let byAlias = selectLists.get(reading);
  if (!byAlias) selectLists.set(reading, (byAlias = new Map()));
  const key = `${alias}\0${prefix}`;
  let list = byAlias.get(key);
  if (!list) {
    list = reading.columns
      .map((column) => `${column.sql.replace("$alias", alias)} AS "${prefix}${column.property}"`)
      .join(", ");
    byAlias.set(key, list);
  }
  return list;
}

// Each select list, per alias and prefix: written once, not on every read that asks for it.
const selectLists = new WeakMap<EntityReading, Map<string, string>>();

/** The entity in a row selected by `entityColumns` with the same prefix; null when its key is (an outer join found none). */
export function entityFromRow<Entity extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<Entity>,
  row: Record<string, unknown>,
  prefix = "",
): Entity | null {
  const reading = readingOf(dataSource, target);
  const keys = prefixedKeys(reading, prefix);
  if (row[keys[reading.keyIndex]] == null) return null;
  const entity = reading.create();
  reading.columns.forEach((column, index) => (entity[column.property] = column.read(row[keys[index]])));
  return entity as Entity;
}

// Each column's name in a row, per prefix: built once, not per row (a page maps thousands of columns).
const keysByPrefix = new WeakMap<EntityReading, Map<string, string[]>>();

function prefixedKeys(reading: EntityReading, prefix: string): string[] {
  let byPrefix = keysByPrefix.get(reading);
  if (!byPrefix) keysByPrefix.set(reading, (byPrefix = new Map()));
  let keys = byPrefix.get(prefix);
  if (!keys) byPrefix.set(prefix, (keys = reading.columns.map((column) => `${prefix}${column.property}`)));
  return keys;
}
