/* eslint-disable @typescript-eslint/no-require-imports -- each part is loaded from its own file (see below) */
import type * as ClassValidator from "class-validator";

// class-validator's index loads every rule it has, and the validator and libphonenumber-js packages
// behind them: 320 modules, a tenth of the service's start (issue 15 §5), for the few rules the
// service uses. Each is loaded from its own file here, and the rest of the service imports them
// from this module (lint refuses the index). class-validator is pinned; test/unit/input-rules.spec.ts
// checks that each part is the index's own.
const part = (path: string) => require(`class-validator/cjs/${path}`);

export const ArrayMaxSize: typeof ClassValidator.ArrayMaxSize = part("decorator/array/ArrayMaxSize").ArrayMaxSize;
export const ArrayNotEmpty: typeof ClassValidator.ArrayNotEmpty = part("decorator/array/ArrayNotEmpty").ArrayNotEmpty;
export const ArrayUnique: typeof ClassValidator.ArrayUnique = part("decorator/array/ArrayUnique").ArrayUnique;
export const IsBoolean: typeof ClassValidator.IsBoolean = part("decorator/typechecker/IsBoolean").IsBoolean;
export const IsDate: typeof ClassValidator.IsDate = part("decorator/typechecker/IsDate").IsDate;
export const IsDefined: typeof ClassValidator.IsDefined = part("decorator/common/IsDefined").IsDefined;
export const IsEmail: typeof ClassValidator.IsEmail = part("decorator/string/IsEmail").IsEmail;
export const IsEnum: typeof ClassValidator.IsEnum = part("decorator/typechecker/IsEnum").IsEnum;
export const IsInt: typeof ClassValidator.IsInt = part("decorator/typechecker/IsInt").IsInt;
export const IsNotEmpty: typeof ClassValidator.IsNotEmpty = part("decorator/common/IsNotEmpty").IsNotEmpty;
export const IsOptional: typeof ClassValidator.IsOptional = part("decorator/common/IsOptional").IsOptional;
export const Matches: typeof ClassValidator.Matches = part("decorator/string/Matches").Matches;
export const Max: typeof ClassValidator.Max = part("decorator/number/Max").Max;
export const MaxLength: typeof ClassValidator.MaxLength = part("decorator/string/MaxLength").MaxLength;
export const Min: typeof ClassValidator.Min = part("decorator/number/Min").Min;
export const MinLength: typeof ClassValidator.MinLength = part("decorator/string/MinLength").MinLength;
export const ValidateIf: typeof ClassValidator.ValidateIf = part("decorator/common/ValidateIf").ValidateIf;
export const ValidateNested: typeof ClassValidator.ValidateNested = part(
  "decorator/common/ValidateNested",
).ValidateNested;
export const registerDecorator: typeof ClassValidator.registerDecorator = part("register-decorator").registerDecorator;
export const getMetadataStorage: typeof ClassValidator.getMetadataStorage =
  part("metadata/MetadataStorage").getMetadataStorage;

const { Validator } = part("validation/Validator") as typeof ClassValidator;
const { getFromContainer } = part("container") as typeof ClassValidator;

/** class-validator's `validateOrReject(object, options)`, as its index defines it. */
export function validateOrReject(object: object, options?: ClassValidator.ValidatorOptions): Promise<void> {
  return getFromContainer(Validator).validateOrReject(object, options);
}

export type { ValidationError, ValidationOptions, ValidatorOptions } from "class-validator";
