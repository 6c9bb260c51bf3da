import type { Faker } from "@faker-js/faker";
import { addDays } from "../../domain/calendar/calendar";
import { isWorkingDay } from "../../domain/calendar/working-days";

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** The day itself when officers work on it, else the next working day. */
export function workingDayFrom(day: string): string {
  let next = day;
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}

/**
 * The seeded choices of a plan: every draw comes from the seed's one faker, in the order the plan
 * is made, so the same seed makes the same choices.
 */
export class Chance {
  constructor(private readonly faker: Faker) {}

  happens(probability: number): boolean {
    return this.faker.number.float() < probability;
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max: Math.max(min, max) });
  }

  /** A value by weight (the weights need not add up to one). */
  pick<T extends string>(weights: Readonly<Partial<Record<T, number>>>): T {
    const entries = Object.entries(weights) as [T, number][];
    return this.faker.helpers.weightedArrayElement(entries.map(([value, weight]) => ({ value, weight })));
  }

  element<T>(values: readonly T[]): T {
    return this.faker.helpers.arrayElement(values);
  }

  /** Some of the values (at least one), in a random order. */
  some<T>(values: readonly T[]): T[] {
    return this.faker.helpers.shuffle([...values]).slice(0, this.int(1, values.length));
  }

  /** A day from `min` to `max` days after `day`. */
  after(day: string, min: number, max: number): string {
    return addDays(day, this.int(min, max));
  }

  /** When a step with this chance a year first happens, counted from `from` (often long after any window). */
  hazard(from: string, perYear: number): string {
    const perDay = -Math.log(1 - perYear) / YEAR_DAYS;
    return addDays(from, Math.ceil(-Math.log(1 - this.faker.number.float()) / perDay));
  }
}

/**
 * A fraction in [0, 1) fixed by its parts: for choices made while the seed runs, about records
 * the plan cannot name in advance (a notification the pipeline queued), whatever order they come in.
 */
export function seededFraction(...parts: (string | number)[]): number {
  // FNV-1a, 32 bits.
  let hash = 0x811c9dc5;
  for (const char of parts.join("|")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}
