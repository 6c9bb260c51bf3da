import {
  initialTransition,
  transition,
  type ActorLogic,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from "xstate";
import { getShortestPaths, toDirectedGraph, type DirectedGraphNode } from "xstate/graph";

// Pure helpers for model-based walks of a machine through the API (no I/O): the edges a machine
// defines, and a small set of event sequences that reaches each of them.

/** One transition of a machine: from a state, on an event, to a state. */
export function edgeKey(from: unknown, event: string, to: unknown): string {
  return `${String(from)} --${event}--> ${String(to)}`;
}

/**
 * Every (from, event, to) edge in the machine's definition: one per target of each transition,
 * guarded branches included, and a transition without a target as an edge back to its own state.
 */
export function definedEdges(machine: AnyStateMachine): string[] {
  const edges = new Set<string>();
  const visit = (node: DirectedGraphNode) => {
    for (const edge of node.edges) edges.add(edgeKey(edge.source.key, edge.label.text, edge.target.key));
    node.children.forEach(visit);
  };
  visit(toDirectedGraph(machine));
  return [...edges].sort();
}

/** The machine's top-level states (the statuses a record can have). */
export function definedStates(machine: AnyStateMachine): string[] {
  return Object.keys(machine.root.states).sort();
}

export interface WalkConfig {
  /** Names the set-up the API walk starts from (e.g. the sentence). */
  name: string;
  /** The machine's input for that set-up. */
  input: unknown;
}

export interface Walk<TEvent extends EventObject> {
  config: string;
  events: TEvent[];
  /** The edges the walk takes, in order, replayed on the pure machine. */
  edges: string[];
  /** The states it passes through, the initial one included. */
  states: string[];
}

export interface WalkOptions<TEvent extends EventObject> {
  /** The events the API can send from this snapshot in this set-up (refused ones are filtered out). */
  events: (snapshot: AnyMachineSnapshot, config: WalkConfig) => readonly TEvent[];
  /** The part of the context the machine's guards read: two snapshots that agree on it and the state are one vertex. */
  vertex: (snapshot: AnyMachineSnapshot) => unknown;
  /** "edge": one walk per edge over all set-ups; "config-edge": one per edge in each set-up that reaches it. */
  per: "edge" | "config-edge";
}

/** Replays events on the pure machine: the edges taken and the states passed. */
export function replayPure<TEvent extends EventObject>(
  machine: AnyStateMachine,
  input: unknown,
  events: readonly TEvent[],
): { edges: string[]; states: string[] } {
  let [snapshot] = initialTransition(machine, input);
  const edges: string[] = [];
  const states = [String(snapshot.value)];
  for (const event of events) {
    const [next] = transition(machine, snapshot, event);
    edges.push(edgeKey(snapshot.value, event.type, next.value));
    states.push(String(next.value));
    snapshot = next;
  }
  return { edges, states };
}

/**
 * getShortestPaths walks the pure machine in each set-up. Serialising the state with the way it was
 * entered (previous state and event) makes every edge a vertex of its own, so there is a shortest
 * path ending on each edge. For each edge the shortest of those is kept (the first set-up wins a
 * tie), and a walk that is a prefix of another walk in the same set-up is dropped: the longer one
 * checks every step of it.
 */
export function planWalks<TEvent extends EventObject>(
  machine: AnyStateMachine,
  configs: readonly WalkConfig[],
  options: WalkOptions<TEvent>,
): Walk<TEvent>[] {
  const chosen = new Map<string, { config: WalkConfig; events: TEvent[] }>();
  for (const config of configs) {
    // The walks' events are typed by the caller (TEvent), not by the machine's own (loosely typed) definition.
    const logic = machine as unknown as ActorLogic<AnyMachineSnapshot, TEvent, unknown>;
    const paths = getShortestPaths(logic, {
      input: config.input,
      events: (snapshot: AnyMachineSnapshot) => options.events(snapshot, config),
      // A refused event leaves the state as it was; it is not a transition, so it is not explored.
      filterEvents: (snapshot: AnyMachineSnapshot, event: TEvent) => snapshot.can(event),
      serializeState: (snapshot: AnyMachineSnapshot, event: TEvent | undefined, previous?: AnyMachineSnapshot) =>
        JSON.stringify({
          value: snapshot.value,
          vertex: options.vertex(snapshot),
          via: previous && event ? `${String(previous.value)} ${event.type}` : null,
        }),
    });
    for (const path of paths) {
      const events = path.steps.slice(1).map((step) => step.event);
      if (events.length === 0) continue;
      const { edges } = replayPure(machine, config.input, events);
      const key = options.per === "edge" ? edges[edges.length - 1] : `${config.name} ${edges[edges.length - 1]}`;
      const current = chosen.get(key);
      if (!current || events.length < current.events.length) chosen.set(key, { config, events });
    }
  }
  const serialised = [...chosen.values()].map((walk) => ({
    ...walk,
    key: walk.events.map((event) => `${JSON.stringify(event)}|`).join(""),
  }));
  const kept = serialised.filter(
    (walk, i) =>
      !serialised.some(
        (other, j) =>
          j !== i &&
          other.config === walk.config &&
          (other.key.length > walk.key.length ? other.key.startsWith(walk.key) : other.key === walk.key && j < i),
      ),
  );
  return kept.map(({ config, events }) => ({
    config: config.name,
    events,
    ...replayPure(machine, config.input, events),
  }));
}
