import { getMetadataStorage, validateOrReject, type ValidationError, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";

/** What type-graphql's own validation passed: only the fields given are checked, unknown values allowed. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** Per argument class: whether any field of it (or of a class it extends) has a class-validator rule. */
const ruled = new Map<unknown, boolean>();

function hasRules(type: unknown): boolean {
  let known = ruled.get(type);
  if (known === undefined) {
    known =
      typeof type === "function" && getMetadataStorage().getTargetValidationMetadatas(type, "", true, false).length > 0;
    ruled.set(type, known);
  }
  return known;
}

const isObject = (value: unknown): value is object => value !== null && typeof value === "object";

/**
 * class-validator for the arguments whose class has rules: mutation inputs and query filters.
 * type-graphql's own `validate` loads and runs class-validator for every object argument, the page
 * arguments of every nested list field included (issue 15 §4: about 5 % of a page of 50 cases);
 * those have no rules, so they are passed over here at the cost of one map lookup.
 */
export const validateArgument: ValidatorFn = async (value, type) => {
  if (!isObject(value) || !hasRules(type)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(isObject).map((item) => validateOrReject(item, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
};
