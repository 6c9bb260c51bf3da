import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver } from "graphql-scalars";

import { isCalendarDate } from "../../domain/calendar/calendar";

export { isCalendarDate };

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isCalendarDate(value)) {
    throw new GraphQLError("A Date is a calendar date written YYYY-MM-DD.", { extensions: { code: "BAD_USER_INPUT" } });
  }
  return value;
}

// Calendar dates stay strings end to end: a date has no time zone to drift through.
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "A calendar date without time or zone, ISO 8601 (YYYY-MM-DD), e.g. 2026-03-31.",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError("A Date is a string YYYY-MM-DD.", { extensions: { code: "BAD_USER_INPUT" } });
    return parseDate(ast.value);
  },
});

const dateTimeConfig = DateTimeResolver.toConfig();

// Always the same string, whichever transport carries it: ISO 8601 in UTC with milliseconds.
export const DateTimeScalar = new GraphQLScalarType({
  ...dateTimeConfig,
  description: "An instant in time, ISO 8601 in UTC, e.g. 2026-03-31T09:15:00.000Z.",
  serialize: (value) => {
    const instant = value instanceof Date ? value : new Date(dateTimeConfig.serialize(value) as Date | string);
    return instant.toISOString();
  },
});
