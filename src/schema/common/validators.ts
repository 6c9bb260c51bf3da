import { registerDecorator, type ValidationOptions } from "class-validator";
import { LicenceConditionKind } from "../../domain/licence-conditions/licence-condition.enums";
import { londonDate } from "../../domain/calendar/london-date";
import { containsUndisclosable, describesSingleAddress } from "../../domain/disclosure/victim-facing-text";
import { isCalendarDate } from "./scalars";

export const PRISON_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;
export const CRN = /^[A-Z]\d{6}$/;
// Royal Mail formats (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) and GIR 0AA.
export const UK_POSTCODE =
  /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;
export const UK_PHONE = /^\+?[0-9][0-9 ()-]{6,19}$/;
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A calendar date (YYYY-MM-DD) that is not after today in England and Wales. */
export function IsNotInFuture(options?: ValidationOptions) {
  return function (target: object, propertyName: string): void {
    registerDecorator({
      name: "isNotInFuture",
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not be in the future`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === "string" && isCalendarDate(value) && value <= londonDate(),
      },
    });
  };
}

/** An exclusion zone's description names an area, not one address or full postcode (the offender sees the licence). */
export function DescribesAnArea(options?: ValidationOptions) {
  return function (target: object, propertyName: string): void {
    registerDecorator({
      name: "describesAnArea",
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must describe an area (streets, a district), not one address or a full postcode`,
        ...options,
      },
      validator: {
        validate: (value: unknown, args) =>
          (args?.object as { kind?: LicenceConditionKind }).kind !== LicenceConditionKind.EXCLUSION_ZONE ||
          (typeof value === "string" && !describesSingleAddress(value)),
      },
    });
  };
}

/** Text the victim will be told must not need the disclosure filter: no day, address or prison. */
export function IsDisclosableToVictim(options?: ValidationOptions) {
  return function (target: object, propertyName: string): void {
    registerDecorator({
      name: "isDisclosableToVictim",
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} is told to the victim: leave out exact dates, addresses, postcodes and prison names`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => value == null || (typeof value === "string" && !containsUndisclosable(value)),
      },
    });
  };
}

/** A field that only makes sense in one case of the input is refused in the other, never silently dropped. */
export function IsOnlyGivenWhen<T>(applies: (input: T) => boolean, options?: ValidationOptions) {
  return function (target: object, propertyName: string): void {
    registerDecorator({
      name: "isOnlyGivenWhen",
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} does not apply here`, ...options },
      validator: { validate: (value: unknown, args) => value == null || applies(args?.object as T) },
    });
  };
}
