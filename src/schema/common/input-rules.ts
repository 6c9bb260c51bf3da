/* eslint-disable @typescript-eslint/no-require-imports -- each part is loaded from its own file (see below) */
import type * as ClassValidator from "class-validator";

// class-validator's index loads every rule it has, and the validator and libphonenumber-js packages
// behind them: 320 modules, a tenth of the service's start (issue 15 §5), for the few rules the
// service uses. Each is loaded from its own file here, and the rest of the service imports them
// from this module (lint refuses the index). class-validator is pinned; test/unit/input-rules.spec.ts
// checks that each part is the index's own.
type ClassValidatorExports = typeof ClassValidator;
const part = (path: string) => require(`class-validator/cjs/${path}`);
/** The export `name` of class-validator's file `folder/name` (a decorator's file bears its name). */
const fromFile = <Name extends keyof ClassValidatorExports>(folder: string, name: Name): ClassValidatorExports[Name] =>
  part(`${folder}/${name}`)[name];

export const ArrayMaxSize = fromFile("decorator/array", "ArrayMaxSize");
export const ArrayNotEmpty = fromFile("decorator/array", "ArrayNotEmpty");
export const ArrayUnique = fromFile("decorator/array", "ArrayUnique");
export const IsBoolean = fromFile("decorator/typechecker", "IsBoolean");
export const IsDate = fromFile("decorator/typechecker", "IsDate");
export const IsDefined = fromFile("decorator/common", "IsDefined");
export const IsEmail = fromFile("decorator/string", "IsEmail");
export const IsEnum = fromFile("decorator/typechecker", "IsEnum");
export const IsInt = fromFile("decorator/typechecker", "IsInt");
export const IsNotEmpty = fromFile("decorator/common", "IsNotEmpty");
export const IsOptional = fromFile("decorator/common", "IsOptional");
export const Matches = fromFile("decorator/string", "Matches");
export const Max = fromFile("decorator/number", "Max");
export const MaxLength = fromFile("decorator/string", "MaxLength");
export const Min = fromFile("decorator/number", "Min");
export const MinLength = fromFile("decorator/string", "MinLength");
export const ValidateIf = fromFile("decorator/common", "ValidateIf");
export const ValidateNested = fromFile("decorator/common", "ValidateNested");
export const registerDecorator: ClassValidatorExports["registerDecorator"] =
  part("register-decorator").registerDecorator;
export const getMetadataStorage: ClassValidatorExports["getMetadataStorage"] =
  part("metadata/MetadataStorage").getMetadataStorage;

const Validator = fromFile("validation", "Validator");
const getFromContainer: ClassValidatorExports["getFromContainer"] = part("container").getFromContainer;

/** class-validator's `validateOrReject(object, options)`, as its index defines it. */
export function validateOrReject(object: object, options?: ClassValidator.ValidatorOptions): Promise<void> {
  return getFromContainer(Validator).validateOrReject(object, options);
}

export type { ValidationError, ValidationOptions, ValidatorOptions } from "class-validator";
