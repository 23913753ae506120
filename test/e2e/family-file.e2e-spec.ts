import { randomUUID } from 'node:crypto';

import { describeOnEachStore, expectProblem, type ApiClient } from '../support/app';
import { useCast } from '../support/cast';
import { readPdf } from '../support/pdf';
import { familyOnRoute, keepDirectoryEntry, type FamilyOnRoute } from '../support/route';

interface Availability {
  type: string;
  available: boolean;
  choices?: string[];
  rule?: string;
}

describeOnEachStore("a professional's day: the steps that fit, the family's file", (kind) => {
  const cast = useCast(kind);
  const { app, anna, bram, eva: outsider } = cast;
  const { carla: safetyTeam, fleur: manager, dirk: auditor } = cast;
  let family: FamilyOnRoute;
  let trajectoryId: string;

  beforeAll(async () => {
    for (const [client, entry] of [
      [anna, { name: 'Anna de Vries', organisation: 'WIJ Groningen', phone: '050 123 45 67' }],
      [bram, { name: 'Bram Smit', organisation: 'Accare', email: 'bram.smit@accare.example' }],
    ] as const) {
      await keepDirectoryEntry(client, entry);
    }
    family = await familyOnRoute(anna, {
      municipality: 'Groningen',
      displayName: 'Sanne Jansen',
      until: 'planned',
      goal: 'Sanne gaat weer elke dag naar school',
      daysAgo: [30, 29, 28, 20, 15],
    });
    const path = family.path;
    const taken = async (answer: Promise<{ status: number; body: any; text: string }>) => {
      const { status, body, text } = await answer;
      if (status !== 201 && status !== 200) throw new Error(`${status}: ${text}`);
      family.position = body.position;
      return body;
    };
    await taken(anna.post(`${path}/network`, { professionalId: 'p-bram', organisation: 'Accare' }));
    await taken(anna.put(`${path}/case-director`, { professionalId: 'p-bram' }));
    trajectoryId = (
      await taken(
        anna.post(`${path}/trajectories`, {
          careForm: 'trauma-treatment',
          providerId: 'accare',
          memberIds: [family.memberId],
        }),
      )
    ).trajectoryId;
  }, 120_000);

  const stepsOf = async (client: ApiClient): Promise<Availability[]> => {
    const answer = await client.get(`${family.path}/steps`);
    expect(answer.status).toBe(200);
    return answer.body.steps as Availability[];
  };
  const one = (steps: Availability[], type: string) => steps.find((s) => s.type === type);

  it('answers the steps the domain accepts now, with what each may act on and why others are refused', async () => {
    const steps = await stepsOf(anna);
    // Waiting for care under the plan: the request can start or be withdrawn, not ended; no second plan.
    expect(one(steps, 'StartCare')).toEqual({
      type: 'StartCare',
      available: true,
      choices: [trajectoryId],
    });
    expect(one(steps, 'WithdrawCareRequest')).toMatchObject({
      available: true,
      choices: [trajectoryId],
    });
    expect(one(steps, 'EndCare')).toMatchObject({ available: false, rule: 'invalid-transition' });
    expect(one(steps, 'AdoptTreatmentPlan')).toMatchObject({
      available: false,
      rule: 'invalid-transition',
    });
    expect(one(steps, 'RegisterOutflow')).toMatchObject({
      available: false,
      rule: 'open-trajectories',
    });
    expect(one(steps, 'RecordFollowUp')).toMatchObject({ available: false });
    // The case director may not leave; the registrar may.
    expect(one(steps, 'LeaveNetwork')).toMatchObject({ available: true, choices: ['p-anna'] });
    expect(one(steps, 'AssignCaseDirector')).toMatchObject({ choices: ['p-anna'] });
    // What the picker offers is what the command route then accepts.
    const started = await anna.post(`${family.path}/trajectories/${trajectoryId}/start`);
    expect(started.status).toBe(201);
    family.position = started.body.position;
    expect(one(await stepsOf(safetyTeam), 'EndCare')).toMatchObject({
      available: true,
      choices: [trajectoryId],
    });
  });

  it("answers the family's file as a PDF in Dutch: members, network with contacts, plan and goals, care, timeline", async () => {
    const answer = await fetch(
      `${app.base}${family.path}/file.pdf?minPosition=${family.position}`,
      { headers: { authorization: `Bearer ${anna.token}` } },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe(
      'attachment; filename="gezinsdossier.pdf"',
    );
    const { text } = await readPdf(await answer.arrayBuffer());
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Gezinsdossier',
      'Gezin Sanne Jansen',
      'Stand: In zorg',
      'Gemeente: Groningen',
      'Casusregisseur: Bram Smit',
      'Sanne Jansen (jeugdige)',
      'Anna de Vries · WIJ Groningen · tel. 050 123 45 67',
      'Bram Smit · Accare · bram.smit@accare.example',
      'Versie 1, vastgesteld op',
      'Sanne gaat weer elke dag naar school — nog niet geëvalueerd',
      'Traumabehandeling bij accare: loopt',
      'Signaal ontvangen (Anna de Vries)',
      'Plan vastgesteld',
      'Zorg gestart',
    ])
      expect(flat).toContain(expected);
  });

  it('reads the file as the record: audited for the family, refused to all outside the network', async () => {
    expect((await safetyTeam.get(`${family.path}/file.pdf`)).status).toBe(200);
    for (const client of [outsider, manager, auditor])
      expect((await client.get(`${family.path}/file.pdf`)).status).toBe(403);
    for (const client of [outsider, manager, auditor])
      expect((await client.get(`${family.path}/steps`)).status).toBe(403);
    // The safety team sees the whole region: a family that does not exist is not found (a professional: 403).
    await expectProblem(app, () => safetyTeam.get(`/api/families/${randomUUID()}/file.pdf`), {
      status: 404,
    });
    await expectProblem(app, () => anna.get('/api/families/not-a-uuid/steps'), { status: 400 });

    const log = await auditor.get(`${family.path}/access-log?limit=200`);
    expect(log.status).toBe(200);
    const reads = (log.body.items as { actor: string; action: string; outcome: string }[]).filter(
      (e) => e.action === 'GET /api/families/:familyId/file.pdf',
    );
    expect(reads.map((e) => [e.actor, e.outcome]).sort()).toEqual([
      ['a-dirk', 'denied'],
      ['m-fleur', 'denied'],
      ['p-anna', 'success'],
      ['p-eva', 'denied'],
      ['st-carla', 'success'],
    ]);
    // Nothing personal in the audit log.
    expect(JSON.stringify(log.body)).not.toContain('Sanne');
  });

  it('answers an erased family: every step refused by the erasure, a file with nothing personal left', async () => {
    const erased = await familyOnRoute(anna, {
      municipality: 'Veendam',
      displayName: 'Daan Geheim',
    });
    const gone = await auditor.delete(`${erased.path}/personal-data`, { legalBasis: 'Jeugdwet' });
    expect(gone.status).toBe(200);
    const steps = (await anna.get(`${erased.path}/steps`)).body.steps as Availability[];
    expect(steps.filter((s) => s.available)).toEqual([]);
    expect(new Set(steps.map((s) => s.rule))).toEqual(new Set(['case-closed']));
    const answer = await fetch(
      `${app.base}${erased.path}/file.pdf?minPosition=${gone.body.position}`,
      { headers: { authorization: `Bearer ${anna.token}` } },
    );
    expect(answer.status).toBe(200);
    const { text } = await readPdf(await answer.arrayBuffer());
    expect(text).toContain('Persoonsgegevens gewist op');
    expect(text).not.toContain('Daan');
  });
});
