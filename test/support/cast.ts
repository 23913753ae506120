import {
  useTestApp,
  type ApiClient,
  type StoreKind,
  type SuiteApp,
  type TestAppOptions,
} from './app';

/**
 * The people the end-to-end suites act as, by role and by the name a suite calls them: subject and organisation.
 * Subjects and organisations are what the suites assert on, so a person keeps them wherever they appear.
 */
const PEOPLE = {
  professional: {
    anna: ['p-anna', 'WIJ Groningen'],
    bram: ['p-bram', 'Accare'],
    bas: ['p-bas', 'Accare'],
    eva: ['p-eva', 'GGD'],
    worker: ['p-work', 'WIJ Groningen'],
    otherWorker: ['p-other', 'Accare'],
  },
  'safety-team': {
    carla: ['st-carla', 'RVT Groningen'],
    regionalTeam: ['st-1', 'Regionaal Veiligheidsteam'],
  },
  manager: { fleur: ['m-fleur', 'Gemeente Groningen'] },
  auditor: {
    dirk: ['a-dirk', 'Privacy Office'],
    municipalAuditor: ['a-1', 'Gemeente Groningen'],
  },
  // The municipality's link to the chain, which delivers the iJw messages.
  integration: { ggkGroningen: ['ggk-groningen', 'Gemeente Groningen'] },
} as const satisfies Record<string, Record<string, readonly [sub: string, organisation: string]>>;

type Role = keyof typeof PEOPLE;
export type Person = { [R in Role]: keyof (typeof PEOPLE)[R] }[Role];

const WHO = new Map<Person, { sub: string; role: Role; organisation: string }>(
  Object.entries(PEOPLE).flatMap(([role, people]) =>
    Object.entries(people).map(([name, [sub, organisation]]) => [
      name as Person,
      { sub, role: role as Role, organisation },
    ]),
  ),
);

/**
 * The cast of a suite: a client per person the suite names, each declared on `app` (see `SuiteApp.as`) when
 * first named, so only the people a suite uses get a token. Name them in the describe body:
 * `const { anna, carla: safetyTeam } = castOf(app);`.
 */
export function castOf(app: SuiteApp): Readonly<Record<Person, ApiClient>> {
  const declared = new Map<Person, ApiClient>();
  const cast = {} as Record<Person, ApiClient>;
  for (const [name, { sub, role, organisation }] of WHO) {
    Object.defineProperty(cast, name, {
      enumerable: true,
      get: () => {
        if (!declared.has(name)) declared.set(name, app.as(sub, [role], organisation));
        return declared.get(name)!;
      },
    });
  }
  return cast;
}

/**
 * The usual start of an end-to-end suite: its test app (see `useTestApp`) and its cast (see `castOf`), in the
 * describe body: `const { app, anna, carla: safetyTeam } = useCast(kind);`.
 */
export function useCast(
  kind: StoreKind,
  options: TestAppOptions = {},
): Readonly<Record<Person, ApiClient>> & { readonly app: SuiteApp } {
  const app = useTestApp(kind, options);
  return Object.defineProperty(castOf(app), 'app', { enumerable: true, value: app }) as Readonly<
    Record<Person, ApiClient>
  > & { readonly app: SuiteApp };
}
