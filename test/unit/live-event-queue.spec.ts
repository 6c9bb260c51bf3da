import { LiveEventQueue, type Selection } from "../../src/services/platform/live-event-queue";
import { parseAnnouncement } from "../../src/services/platform/live-updates";

type Event = { key: string };
const OVERFLOW: Event = { key: "overflow" };

function queue(select: (event: Event) => Selection = () => "YIELD", capacity = 3) {
  let ended = 0;
  const events = new LiveEventQueue<Event>(
    select,
    (event) => event.key,
    OVERFLOW,
    () => (ended += 1),
    capacity,
  );
  return { events, endedCount: () => ended };
}

async function drain(events: LiveEventQueue<Event>, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let index = 0; index < count; index++) keys.push(((await events.next()).value as Event).key);
  return keys;
}

describe("LiveEventQueue", () => {
  it("should hand an event to a waiting reader at once, and queue the rest in order", async () => {
    const { events } = queue();
    const waiting = events.next();
    events.push({ key: "a" });
    expect(await waiting).toEqual({ value: { key: "a" }, done: false });
    events.push({ key: "b" });
    events.push({ key: "c" });
    expect(await drain(events, 2)).toEqual(["b", "c"]);
  });

  it("should keep one copy of an event still waiting to be read", async () => {
    const { events } = queue();
    for (const key of ["a", "b", "a", "a", "b"]) events.push({ key });
    expect(await drain(events, 2)).toEqual(["a", "b"]);
    // Once read, the same event queues again.
    events.push({ key: "a" });
    expect(await drain(events, 1)).toEqual(["a"]);
  });

  it("should collapse a backlog past its capacity into the overflow event", async () => {
    const { events } = queue(() => "YIELD", 3);
    for (const key of ["a", "b", "c", "d", "e"]) events.push({ key });
    expect(await drain(events, 2)).toEqual(["overflow", "e"]);
  });

  it("should leave out skipped events and end on END, resolving a waiting reader as done", async () => {
    const { events, endedCount } = queue((event) =>
      event.key === "skip" ? "SKIP" : event.key === "end" ? "END" : "YIELD",
    );
    events.push({ key: "skip" });
    events.push({ key: "a" });
    expect(await drain(events, 1)).toEqual(["a"]);
    const waiting = events.next();
    events.push({ key: "end" });
    expect(await waiting).toEqual({ value: undefined, done: true });
    events.push({ key: "b" });
    expect(await events.next()).toEqual({ value: undefined, done: true });
    expect(endedCount()).toBe(1);
  });

  it("should end an idle subscription at once on return(), and only once", async () => {
    const { events, endedCount } = queue();
    const waiting = events.next();
    await events.return();
    await events.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(endedCount()).toBe(1);
  });
});

describe("parseAnnouncement", () => {
  const caseId = "0b4f6a52-4a59-4d3c-9a57-1b1c6f6c7e10";
  const officerId = "5f0a8b6e-3c1d-4e2f-8a9b-0c1d2e3f4a5b";

  it("should read the trigger's payload", () => {
    expect(parseAnnouncement(JSON.stringify({ caseId, region: "LONDON", officerId, workQueue: true }))).toEqual({
      kind: "CASE",
      caseId,
      region: "LONDON",
      officerId,
      workQueue: true,
    });
    expect(parseAnnouncement(JSON.stringify({ caseId, region: null, officerId: null, workQueue: false }))).toEqual({
      kind: "CASE",
      caseId,
      region: null,
      officerId: null,
      workQueue: false,
    });
  });

  it.each([
    ["not JSON", "{"],
    ["nothing", undefined],
    ["a bare value", "42"],
    [
      "a case id that is not a uuid",
      JSON.stringify({ caseId: "x", region: "LONDON", officerId: null, workQueue: true }),
    ],
    ["an unknown region", JSON.stringify({ caseId, region: "ATLANTIS", officerId: null, workQueue: true })],
    ["an officer id that is not a uuid", JSON.stringify({ caseId, region: "LONDON", officerId: 7, workQueue: true })],
    ["no work-queue flag", JSON.stringify({ caseId, region: "LONDON", officerId: null })],
  ])("should drop %s", (_label, payload) => {
    expect(parseAnnouncement(payload)).toBeNull();
  });
});
