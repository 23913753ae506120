import type { ApiClient } from './app';

/** A moment `days` (and `hours`) ago, as business time. */
export function daysAgo(days: number, hours = 0): string {
  return new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();
}

/** A family registered over HTTP: its ids, its address, and the position of the last step taken. */
export interface FamilyOnRoute {
  readonly familyId: string;
  readonly memberIds: string[];
  readonly memberId: string;
  /** `/api/families/{familyId}` */
  readonly path: string;
  position: string;
  analysisId?: string;
  planId?: string;
}

export type RouteStep = 'registered' | 'signalled' | 'analysing' | 'analysed' | 'planned';

const STEPS: readonly RouteStep[] = ['registered', 'signalled', 'analysing', 'analysed', 'planned'];

export interface FamilyOnRouteOptions {
  readonly municipality: string;
  readonly displayName: string;
  readonly bsn?: string;
  /** How far along the route: `registered` (the default) up to `planned` (an adopted plan). */
  readonly until?: RouteStep;
  /** Days ago of each step, from registration on; left out: now (registration) or the server's clock. */
  readonly daysAgo?: readonly number[];
  readonly concerns?: readonly string[];
  readonly goal?: string;
}

/**
 * Registers a family of one youth and takes it along the route up to `until`, each step by `client`, each step
 * expected to be stored (201): a signal from the GP, an analysis, its completion (safe), and a plan.
 */
export async function familyOnRoute(
  client: ApiClient,
  options: FamilyOnRouteOptions,
): Promise<FamilyOnRoute> {
  const upTo = STEPS.indexOf(options.until ?? 'registered');
  const at = (step: number) => {
    const days = options.daysAgo?.[step];
    return days === undefined ? {} : { occurredAt: daysAgo(days) };
  };
  const stored = async (answer: Promise<{ status: number; body: any; text: string }>) => {
    const { status, body, text } = await answer;
    if (status !== 201) throw new Error(`a step along the route answered ${status}: ${text}`);
    family.position = body.position;
    return body;
  };
  let family = {} as FamilyOnRoute;
  const { bsn } = options;
  const registered = await stored(
    client.post('/api/families', {
      municipality: options.municipality,
      members: [{ role: 'youth', displayName: options.displayName, ...(bsn ? { bsn } : {}) }],
      ...at(0),
    }),
  );
  const path = `/api/families/${registered.familyId}`;
  family = { ...registered, memberId: registered.memberIds[0], path };
  if (upTo >= 1)
    await stored(
      client.post(`${path}/signals`, {
        source: 'gp',
        concerns: options.concerns ?? ['trauma'],
        urgency: 'regular',
        ...at(1),
      }),
    );
  if (upTo >= 2)
    family.analysisId = (await stored(client.post(`${path}/analyses`, at(2)))).analysisId;
  if (upTo >= 3)
    await stored(
      client.post(`${path}/analyses/${family.analysisId}/complete`, {
        safetyLevel: 'safe',
        ...at(3),
      }),
    );
  if (upTo >= 4) {
    const plan = { analysisId: family.analysisId, goals: [{ description: options.goal ?? 'x' }] };
    family.planId = (await stored(client.post(`${path}/plans`, { ...plan, ...at(4) }))).planId;
  }
  return family;
}

/** A case to open: a family of one youth in `municipality`, registered at `registeredAt`, signalled at `at`. */
export interface CaseToOpen {
  readonly municipality: string;
  readonly at: string;
  readonly displayName?: string;
  readonly registeredAt?: string;
}

/**
 * Opens a case per entry, each by `client`: registers the family and signals it (GP, trauma, regular), each step
 * expected to be stored. Answers the families' ids and the position of the last signal.
 */
export async function openCases(
  client: ApiClient,
  cases: readonly CaseToOpen[],
): Promise<{ familyIds: string[]; position: string }> {
  const familyIds: string[] = [];
  let position = '';
  for (const { municipality, at, displayName, registeredAt } of cases) {
    const registered = await client.post('/api/families', {
      municipality,
      members: [{ role: 'youth', displayName: displayName ?? `Kind ${municipality}` }],
      occurredAt: registeredAt ?? '2025-01-01T00:00:00.000Z',
    });
    if (registered.status !== 201) throw new Error(`registration answered ${registered.status}`);
    const familyId = registered.body.familyId as string;
    const signalled = await client.post(`/api/families/${familyId}/signals`, {
      source: 'gp',
      concerns: ['trauma'],
      urgency: 'regular',
      occurredAt: at,
    });
    if (signalled.status !== 201) throw new Error(`a signal answered ${signalled.status}`);
    familyIds.push(familyId);
    position = signalled.body.position as string;
  }
  return { familyIds, position };
}

/** What a professional keeps in her own entry of the directory (api.md "Directory"); null counts as left out. */
export interface DirectoryEntry {
  readonly name: string;
  readonly organisation: string;
  readonly discipline?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

/** Writes the directory entry of the professional `client` acts as, as she would after signing in: expects 200. */
export async function keepDirectoryEntry(client: ApiClient, entry: DirectoryEntry): Promise<void> {
  expect((await client.put('/api/directory/professionals/me', entry)).status).toBe(200);
}
