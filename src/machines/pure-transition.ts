import {
  createActor,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from "xstate";

/*
 * XState's pure `transition` and `initialTransition`, with one inert actor scope per machine kept
 * for the process instead of one built for every call. Building it constructs an actor, which runs
 * the machine's context factory without input: the case machine's throws, and that error's stack
 * was 5 % of a transition's time (issue 15 §4). The scope executes nothing (`actionExecutor` only
 * collects), our machines spawn no children, and each call is synchronous, so one scope serves
 * every call. Same semantics as XState's functions, which `pure-transition.spec.ts` compares.
 */

const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();
// The actions of the call under way: each call runs to its end before another can start.
let collected: unknown[] = [];

function inertScopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      id: "",
      sessionId: "",
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      actionExecutor: (action) => void collected.push(action),
    };
    scopes.set(machine, scope);
  }
  return scope;
}

/** The snapshot after `event`, and the actions it would execute (none are executed). */
export function transitionOf<TSnapshot extends AnyMachineSnapshot>(
  machine: AnyStateMachine,
  snapshot: TSnapshot,
  event: EventObject,
): [TSnapshot, unknown[]] {
  const scope = inertScopeOf(machine);
  const actions: unknown[] = (collected = []);
  return [machine.transition(snapshot, event, scope) as TSnapshot, actions];
}

/** The machine's initial snapshot for `input`, and the actions entering it would execute. */
export function initialTransitionOf(machine: AnyStateMachine, input?: unknown): [AnyMachineSnapshot, unknown[]] {
  const scope = inertScopeOf(machine);
  const actions: unknown[] = (collected = []);
  return [machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot, actions];
}
