import { registerDecorator, type ValidationOptions } from "class-validator";
import { LicenceConditionKind } from "../../domain/licence-condition.enums";
import { describesSingleAddress } from "../../services/victim-facing-text";
import { isCalendarDate } from "../scalars";

export const PRISON_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;
export const CRN = /^[A-Z]\d{6}$/;
// Royal Mail formats (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) and GIR 0AA.
export const UK_POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;
export const UK_PHONE = /^\+?[0-9][0-9 ()-]{6,19}$/;
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A calendar date (YYYY-MM-DD) that is not after today (UTC). */
export function IsNotInFuture(options?: ValidationOptions) {
  return function (target: object, propertyName: string): void {
    registerDecorator({
      name: "isNotInFuture",
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not be in the future`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === "string" && isCalendarDate(value) && value <= new Date().toISOString().slice(0, 10),
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
      options: { message: `${propertyName} must describe an area (streets, a district), not one address or a full postcode`, ...options },
      validator: {
        validate: (value: unknown, args) =>
          (args?.object as { kind?: LicenceConditionKind }).kind !== LicenceConditionKind.EXCLUSION_ZONE || (typeof value === "string" && !describesSingleAddress(value)),
      },
    });
  };
}
