import { randomUUID } from 'node:crypto';

import { derivedId, FamilyCommands, type FamilyCommandStep } from '@samenspoor/commands';
import type { FamilyCommand } from '@samenspoor/domain';
import type { ProfessionalEntry } from '@samenspoor/directory';

/**
 * The demo region's household whose members can sign in to their own view ("Mijn gezin") in development: a
 * mother with parental authority over her son of 14, and a daughter of 9 (no account: under 12). Fixed ids, so
 * that the development sign-in page can offer its members without reading any family.
 */
export const DEMO_HOUSEHOLD = {
  familyId: 'f00d0000-0000-4000-8000-00000000f001',
  parent: { memberId: 'f00d0000-0000-4000-8000-00000000a001', name: 'Marieke Jansen' },
  youth: { memberId: 'f00d0000-0000-4000-8000-00000000a002', name: 'Jesse Jansen' },
  child: { memberId: 'f00d0000-0000-4000-8000-00000000a003', name: 'Noor Jansen' },
} as const;

/** The household's case director, a directory entry with work contact details. */
export const DEMO_CASE_DIRECTOR: ProfessionalEntry = {
  professionalId: 'wij-sanne-visser',
  name: 'Sanne Visser',
  organisation: 'WIJ Groningen',
  discipline: 'gezinscoach',
  email: 'sanne.visser@wij-groningen.example.org',
  phone: '050 367 12 34',
};

const DAY = 86_400_000;

/**
 * Writes the demo household through the one command path, as the seeder writes the region: registered 60 days
 * before `now`, with a signal, the explanatory analysis, a plan of three goals, care that started, an MDO and a
 * note.
 */
export async function seedDemoHousehold(commands: FamilyCommands, now = new Date()): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const year = now.getUTCFullYear();
  const { familyId, parent, youth, child } = DEMO_HOUSEHOLD;
  const id = (name: string) => derivedId(familyId, `demo:${name}`);
  const director = DEMO_CASE_DIRECTOR;
  const nowIso = now.toISOString();
  const metadata = { now: nowIso };
  const commandsInOrder: FamilyCommand[] = [
    {
      type: 'RegisterFamily',
      metadata,
      data: {
        occurredAt: at(60),
        familyId,
        municipality: 'Groningen',
        members: [
          { memberId: parent.memberId, role: 'parent', birthYear: 1986, displayName: parent.name },
          {
            memberId: youth.memberId,
            role: 'youth',
            birthYear: year - 14,
            displayName: youth.name,
          },
          {
            memberId: child.memberId,
            role: 'sibling',
            birthYear: year - 9,
            displayName: child.name,
          },
        ],
        registrar: {
          professionalId: director.professionalId,
          organisation: director.organisation,
          discipline: 'gezinscoach',
        },
      },
    },
    {
      type: 'RecordParentalAuthority',
      metadata,
      data: {
        occurredAt: at(60),
        childMemberId: youth.memberId,
        holderMemberIds: [parent.memberId],
      },
    },
    {
      type: 'ReceiveSignal',
      metadata,
      data: {
        occurredAt: at(60),
        signalId: id('signal'),
        source: 'education',
        concerns: ['school-dropout', 'anxiety'],
        urgency: 'regular',
        concernedMemberIds: [youth.memberId],
      },
    },
    {
      type: 'AssignCaseDirector',
      metadata,
      data: { occurredAt: at(58), professionalId: director.professionalId },
    },
    {
      type: 'StartExplanatoryAnalysis',
      metadata,
      data: { occurredAt: at(55), analysisId: id('analysis') },
    },
    {
      type: 'CompleteExplanatoryAnalysis',
      metadata,
      data: {
        occurredAt: at(40),
        analysisId: id('analysis'),
        safetyLevel: 'safe',
        patterns: ['angst voor school'],
      },
    },
    {
      type: 'AdoptTreatmentPlan',
      metadata,
      data: {
        occurredAt: at(35),
        planId: id('plan'),
        analysisId: id('analysis'),
        goals: [
          { description: 'Jesse gaat weer elke ochtend naar school', memberIds: [youth.memberId] },
          { description: 'Jesse leert omgaan met zijn angst', memberIds: [youth.memberId] },
          { description: 'Het gezin eet drie keer per week samen', memberIds: [] },
        ],
        goalIds: [id('goal-1'), id('goal-2'), id('goal-3')],
        agreedWithFamily: true,
        evaluateBy: at(-50),
      },
    },
    {
      type: 'RequestCare',
      metadata,
      data: {
        occurredAt: at(34),
        trajectoryId: id('care'),
        careForm: 'mental-health-treatment',
        providerId: 'accare',
        memberIds: [youth.memberId],
      },
    },
    { type: 'StartCare', metadata, data: { occurredAt: at(20), trajectoryId: id('care') } },
    {
      type: 'HoldMdo',
      metadata,
      data: {
        occurredAt: at(14),
        mdoId: id('mdo'),
        participants: ['Sanne Visser', 'Marieke Jansen'],
        nextMdoDueBy: at(-28),
        familyPresent: true,
      },
    },
    {
      type: 'NoteProgress',
      metadata,
      data: {
        occurredAt: at(7),
        noteId: id('note'),
        workstream: 'execution',
        note: 'Gesprek met school gehad.',
      },
    },
  ];
  const steps: FamilyCommandStep[] = commandsInOrder.map((step, i) => ({
    command: step,
    context: {
      actor: {
        id: director.professionalId,
        role: 'professional',
        organisation: director.organisation,
      },
      commandId: derivedId(familyId, `demo-step:${i}`),
      correlationId: randomUUID(),
      requestHash: 'seed',
      now: nowIso,
    },
  }));
  await commands.run(familyId, steps);
}
