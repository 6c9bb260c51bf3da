import { registerDecorator, type ValidationOptions } from "./input-rules";
import { londonDate } from "../../domain/calendar/london-date";
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
