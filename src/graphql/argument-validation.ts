import {
  getMetadataStorage,
  validateOrReject,
  type ValidationError,
  type ValidatorOptions,
} from "../schema/common/input-rules";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";

/*
 * class-validator works out a class's rules on every validation, looking through every class that
 * has rules for its ancestors: 3 % of a mutation (issue 15 §4). Rules are declared by decorators as
 * classes load, so the answer is remembered per class and set of options, and forgotten whenever a
 * rule is added (a class loaded later).
 */
function rememberRulesPerClass(): void {
  const storage = getMetadataStorage();
  const find = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let remembered = new Map<unknown, Map<string, ReturnType<typeof find>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join("\u0000")}`;
    let byOptions = remembered.get(target);
    if (!byOptions) remembered.set(target, (byOptions = new Map()));
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = find(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    remembered = new Map();
    add(metadata);
  };
}
rememberRulesPerClass();

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
