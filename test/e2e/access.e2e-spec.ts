import { randomUUID } from 'node:crypto';

import { ApiClient, describeOnEachStore, useTestApp } from '../support/app';
import { familyOnRoute } from '../support/route';
import { documentedRoutes, familyToken, http } from '../support/http';

/**
 * The access policy of `api.md`, written out here independently of the code: who may call each route.
 * `network` is a professional in the family's network (for routes about no single family: any professional,
 * whose answer is then limited to their own families).
 */
const POLICY: Record<string, readonly string[]> = {
  'POST /api/families': ['professional'],
  'GET /api/families': ['network', 'safety-team'],
  'POST /api/families/search': ['professional', 'safety-team', 'auditor'],
  'GET /api/families/{familyId}': ['network', 'safety-team'],
  'GET /api/families/{familyId}/timeline': ['network', 'safety-team'],
  'GET /api/families/{familyId}/steps': ['network', 'safety-team'],
  'GET /api/families/{familyId}/file.pdf': ['network', 'safety-team'],
  'POST /api/families/{familyId}/members': ['network'],
  'POST /api/families/{familyId}/signals': ['network', 'safety-team'],
  'POST /api/families/{familyId}/consultations': ['network'],
  'POST /api/families/{familyId}/network': ['network'],
  'DELETE /api/families/{familyId}/network/{professionalId}': ['network'],
  'PUT /api/families/{familyId}/case-director': ['network'],
  'POST /api/families/{familyId}/analyses': ['network'],
  'POST /api/families/{familyId}/analyses/{analysisId}/complete': ['network'],
  'POST /api/families/{familyId}/plans': ['network'],
  'POST /api/families/{familyId}/plans/{planId}/revisions': ['network'],
  'POST /api/families/{familyId}/trajectories': ['network'],
  'POST /api/families/{familyId}/trajectories/{trajectoryId}/start': ['network'],
  'POST /api/families/{familyId}/trajectories/{trajectoryId}/end': ['network'],
  'POST /api/families/{familyId}/trajectories/{trajectoryId}/withdraw': ['network'],
  'POST /api/families/{familyId}/mdos': ['network'],
  'POST /api/families/{familyId}/progress-notes': ['network'],
  'POST /api/families/{familyId}/safety-assessments': ['network', 'safety-team'],
  'POST /api/families/{familyId}/safety-reviews': ['safety-team'],
  'POST /api/families/{familyId}/outflow': ['network'],
  'POST /api/families/{familyId}/follow-ups': ['network'],
  'POST /api/families/{familyId}/running-care': ['network'],
  'POST /api/families/{familyId}/protection-measures': ['network', 'safety-team'],
  'POST /api/families/{familyId}/protection-measures/{measureId}/end': ['network', 'safety-team'],
  'POST /api/families/{familyId}/safe-at-home-reports': ['network'],
  'POST /api/families/{familyId}/plans/{planId}/evaluations': ['network'],
  'POST /api/families/{familyId}/voices': ['network'],
  'POST /api/families/{familyId}/informal-network': ['network'],
  'PUT /api/families/{familyId}/members/{memberId}/parental-authority': ['network'],
  'DELETE /api/families/{familyId}/personal-data': ['auditor'],
  'GET /api/projections/waiting-list': ['manager', 'safety-team'],
  'GET /api/projections/waiting-list/history': ['manager', 'safety-team'],
  'GET /api/projections/waiting-list/entries': ['safety-team'],
  'GET /api/projections/stacking': ['manager', 'safety-team'],
  'GET /api/projections/safety-overview': ['safety-team'],
  'GET /api/projections/outflow': ['manager', 'safety-team'],
  'GET /api/projections/monitor': ['manager', 'safety-team'],
  'GET /api/projections/monitor/history': ['manager', 'safety-team'],
  'GET /api/reports/monthly': ['manager'],
  'GET /api/my-work': ['professional', 'safety-team'],
  'GET /api/region': ['professional', 'safety-team', 'manager', 'auditor'],
  'GET /api/audit': ['auditor'],
  'GET /api/families/{familyId}/access-log': ['auditor'],
  'GET /api/me': ['professional', 'safety-team', 'manager', 'auditor', 'family'],
  'GET /api/my-family': ['family'],
  'GET /api/my-family/timeline': ['family'],
  'GET /api/my-family/access-log': ['family'],
  'POST /api/my-family/voices': ['family'],
  'POST /api/my-family/plan/agreement': ['family'],
  'POST /api/my-family/sharing': ['family'],
  'GET /api/directory/professionals': ['professional', 'safety-team', 'auditor'],
  'GET /api/directory/professionals/me': ['professional', 'safety-team'],
  'PUT /api/directory/professionals/me': ['professional', 'safety-team'],
  'GET /api/directory/providers': ['professional', 'safety-team', 'manager', 'auditor'],
  'POST /api/directory/providers': ['manager'],
  'POST /api/ijw/messages': ['integration'],
  'GET /api/ijw/unmatched': ['safety-team'],
  'POST /api/ijw/unmatched/{messageId}/link': ['safety-team'],
  'POST /api/ijw/unmatched/{messageId}/resolve': ['safety-team'],
};

/** Routes anyone may call, without a token. */
const PUBLIC = [
  'GET /health',
  'GET /health/live',
  'GET /api/auth/config',
  'POST /api/auth/dev-token',
  'GET /api/auth/dev-users',
];

type Who =
  'professional in the network' | 'professional outside it' | Exclude<Role, 'professional'>;
type Role = 'professional' | 'safety-team' | 'manager' | 'auditor' | 'family' | 'integration';

const PEOPLE: Record<Who, { sub: string; roles: Role[] }> = {
  'professional in the network': { sub: 'p-in', roles: ['professional'] },
  'professional outside it': { sub: 'p-out', roles: ['professional'] },
  'safety-team': { sub: 'st-1', roles: ['safety-team'] },
  manager: { sub: 'm-1', roles: ['manager'] },
  auditor: { sub: 'a-1', roles: ['auditor'] },
  // A parent of the matrix family: their token is issued once the family exists (see beforeAll).
  family: { sub: 'f-1', roles: ['family'] },
  integration: { sub: 'i-1', roles: ['integration'] },
};

function expectedAllowed(route: string, who: Who): boolean {
  const audiences = POLICY[route]!;
  const aboutOneFamily = route.includes('{familyId}');
  switch (who) {
    case 'professional in the network':
      return audiences.includes('network') || audiences.includes('professional');
    case 'professional outside it':
      return (
        audiences.includes('professional') || (audiences.includes('network') && !aboutOneFamily)
      );
    default:
      return audiences.includes(who);
  }
}

/** Query strings that make the figure routes valid, so that an allowed call answers 200. */
const QUERIES: Record<string, string> = {
  'GET /api/projections/waiting-list/history': '?from=2026-01-01&to=2026-01-31',
  'GET /api/projections/outflow': '?from=2026-01-01&to=2026-01-31',
  'GET /api/projections/monitor': '?from=2026-01-01&to=2026-01-31',
  'GET /api/projections/monitor/history': '?from=2026-01-01&to=2026-03-31',
  'GET /api/reports/monthly': '?month=2026-01',
};

describeOnEachStore('the role × route matrix of the access policy', (kind) => {
  const app = useTestApp(kind);
  const clients = {} as Record<Who, ApiClient>;
  for (const [who, person] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][])
    clients[who] = app.as(person.sub, person.roles, 'WIJ Groningen');
  let familyId: string;

  beforeAll(async () => {
    const registrar = clients['professional in the network'];
    familyId = (
      await familyOnRoute(registrar, { municipality: 'Groningen', displayName: 'Matrix' })
    ).familyId;
    const parent = await registrar.post(`/api/families/${familyId}/members`, {
      role: 'parent',
      displayName: 'Matrix ouder',
      birthYear: 1980,
    });
    expect(parent.status).toBe(201);
    clients.family = new ApiClient(
      app,
      await familyToken(app.base, PEOPLE.family.sub, {
        familyId,
        memberId: parent.body.memberId as string,
      }),
    );
  });

  it('covers every route of the OpenAPI document, and no route the document lacks', async () => {
    const routes = (await documentedRoutes(app.base)).map((r) => `${r.method} ${r.template}`);
    expect(routes.filter((r) => !PUBLIC.includes(r)).sort()).toEqual(Object.keys(POLICY).sort());
  });

  it('answers every cell as the policy says: 403 for the rest, each refusal in the audit log', async () => {
    const cells: { route: string; who: Who; status: number; allowed: boolean; path: string }[] = [];
    for (const route of Object.keys(POLICY)) {
      const [method, template] = route.split(' ') as [string, string];
      const path =
        template
          .replace('{familyId}', familyId)
          .replace('{professionalId}', 'p-nobody')
          .replace(/\{\w+Id\}/g, () => randomUUID()) + (QUERIES[route] ?? '');
      for (const who of Object.keys(PEOPLE) as Who[]) {
        // An empty body: an allowed command fails validation (400) or a rule, and changes nothing.
        const answer = await clients[who].request(method, path, method === 'GET' ? undefined : {});
        cells.push({
          route,
          who,
          status: answer.status,
          allowed: expectedAllowed(route, who),
          path,
        });
      }
    }
    const wrong = cells.filter(({ allowed, status }) =>
      allowed ? status === 401 || status === 403 || status >= 500 : status !== 403,
    );
    expect(wrong).toEqual([]);
    // Allowed reads answer 200.
    for (const cell of cells.filter((c) => c.allowed && c.route.startsWith('GET')))
      expect([cell.route, cell.who, cell.status]).toEqual([cell.route, cell.who, 200]);

    // Every refusal was written to the audit log, with who, what, which family and the outcome.
    const audit = await clients.auditor.get('/api/audit?limit=1000');
    expect(audit.status).toBe(200);
    const refusals = (audit.body.items as AuditItem[]).filter((e) => e.status === 403);
    const denied = cells.filter((c) => !c.allowed);
    expect(refusals).toHaveLength(denied.length);
    for (const cell of denied) {
      const action = cell.route.replace(/\{(\w+)\}/g, ':$1');
      const match = refusals.find(
        (e) =>
          e.actor === PEOPLE[cell.who].sub &&
          e.action === action &&
          e.outcome === 'denied' &&
          e.familyId === (cell.route.includes('{familyId}') ? familyId : null),
      );
      expect([cell.route, cell.who, match ? 'audited' : 'missing']).toEqual([
        cell.route,
        cell.who,
        'audited',
      ]);
    }
    // Six people × every route, one request each: minutes on a busy machine.
  }, 300_000);

  it('lets a professional in only while in the network: joining gives access, leaving ends it', async () => {
    const path = `/api/families/${familyId}`;
    const newcomer = new ApiClient(app, await app.token('p-new', ['professional'], 'Accare'));
    expect((await newcomer.get(path)).status).toBe(403);
    const joined = await clients['professional in the network'].post(`${path}/network`, {
      professionalId: 'p-new',
      organisation: 'Accare',
    });
    expect(joined.status).toBe(201);
    expect((await newcomer.get(path)).status).toBe(200);
    expect(
      (await newcomer.get(`${path}/timeline?minPosition=${joined.body.position}`)).status,
    ).toBe(200);
    const listed = await newcomer.get(`/api/families?minPosition=${joined.body.position}`);
    expect(listed.body.items.map((f: { familyId: string }) => f.familyId)).toEqual([familyId]);

    const left = await newcomer.delete(`${path}/network/p-new`);
    expect(left.status).toBe(200);
    expect((await newcomer.get(path)).status).toBe(403);
    expect(
      (await newcomer.post(`${path}/progress-notes`, { workstream: 'execution', note: 'x' }))
        .status,
    ).toBe(403);
    const after = await newcomer.get(`/api/families?minPosition=${left.body.position}`);
    expect(after.body.items).toEqual([]);
  });

  it('gives managers figures with no family in them, and the safety team the families', async () => {
    const manager = await clients.manager.get('/api/projections/stacking');
    expect(manager.body).not.toHaveProperty('flaggedFamilies');
    expect(JSON.stringify(manager.body)).not.toContain(familyId);
    const team = await clients['safety-team'].get('/api/projections/stacking');
    expect(team.body).toHaveProperty('flaggedFamilies');
  });
});

interface AuditItem {
  seq: number;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  familyId: string | null;
  outcome: string;
  status: number;
  detail: string | null;
}

describe('a token that is missing or not valid', () => {
  const app = useTestApp('pglite');

  it('is 401 on every /api route but the public ones, and is not audited (nobody is known)', async () => {
    for (const route of Object.keys(POLICY)) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace(/\{\w+\}/g, () => randomUUID());
      const none = await http(app.base, method, path);
      const bad = await http(app.base, method, path, {
        headers: { authorization: 'Bearer x.y.z' },
      });
      expect([route, none.status, bad.status]).toEqual([route, 401, 401]);
    }
    const auditor = new ApiClient(app, await app.token('a-1', ['auditor']));
    const audit = await auditor.get('/api/audit');
    expect(audit.body.items).toHaveLength(0);
  });
});
