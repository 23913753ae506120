/** A decider: `decide(command, state) → events`, `evolve(state, event) → state`, and the state before any event. */
export interface Decider<State, Command, Event> {
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/**
 * Given/when/then over any decider (as Emmett's `DeciderSpecification`): given these past events, when this
 * command, then these events — or this error. Both outcomes also check that deciding left the state it was given
 * untouched, since a decider that mutates its input would corrupt the state a handler keeps between retries.
 */
export const DeciderSpecification = {
  for<State, Command, Event>(decider: Decider<State, Command, Event>) {
    /** The past, as events or lists of events (flattened in order). */
    return (...past: readonly (Event | readonly Event[])[]) => {
      const events = past.flat() as Event[];
      return {
        when: (command: Command) => {
          const state = events.reduce(decider.evolve, decider.initialState);
          const before = structuredClone(state);
          let outcome: { events: Event[] } | { error: unknown };
          try {
            outcome = { events: decider.decide(command, state) };
          } catch (error) {
            outcome = { error };
          }
          return {
            /** The command is accepted and produces exactly these events, in this order. */
            then: (...expected: readonly Event[]): void => {
              if ('error' in outcome) throw outcome.error;
              expect(outcome.events).toStrictEqual(expected);
              expect(state).toStrictEqual(before);
            },
            /** The command is refused: `check` asserts what the error must be (it throws when it is not). */
            thenThrows: (check: (error: unknown) => void): void => {
              if ('events' in outcome) {
                throw new Error(
                  `expected the command to be refused, but it was accepted with ${JSON.stringify(outcome.events)}`,
                );
              }
              check(outcome.error);
              expect(state).toStrictEqual(before);
            },
          };
        },
      };
    };
  },
};
