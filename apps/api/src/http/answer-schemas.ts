import type { SchemaObject } from '@nestjs/swagger';

import { ROLES } from '@samenspoor/access';

import * as schema from './schema';
import { DIRECTORY_ANSWERS } from '../directory/directory-answers';
import { FAMILY_ANSWERS, ROUTE_ANSWERS } from '../families/family-answers';
import { FIGURE_ANSWERS, MONITOR_ANSWERS } from '../projections/figure-answers';
import { WORK_ANSWERS } from '../work/work-answers';
import { IJW_ANSWERS } from '../ijw/ijw-answers';

const roles = schema.list(schema.oneOfValues(...ROLES));

/** Who signs in and how (`/api/auth/…`, `/api/me`), and the region's configuration. */
const ACCESS_ANSWERS: Record<string, SchemaObject> = {
  AuthSettings: {
    oneOf: [
      schema.object({ mode: schema.oneOfValues('dev') }),
      schema.object({
        mode: schema.oneOfValues('oidc'),
        issuer: schema.text,
        clientId: schema.nullable(schema.text),
        scopes: schema.text,
      }),
    ],
  },
  DevToken: schema.object({ token: schema.text }),
  DevUsers: schema.object({
    users: schema.list(
      schema.object(
        { id: schema.text, roles, organisation: schema.text },
        // `families`: for a professional, how many families have them in their network ("Mijn gezinnen").
        {
          name: schema.text,
          families: schema.integer,
          familyId: schema.uuid,
          memberId: schema.text,
        },
      ),
    ),
  }),
  Me: schema.object({ id: schema.text, roles }, { name: schema.text, organisation: schema.text }),
  Region: schema.object(
    {
      name: schema.text,
      municipalities: schema.list(schema.text),
      careForms: schema.list(
        schema.object({ id: schema.text, normDays: schema.integer }, { outOfHome: schema.boolean }),
      ),
      workstreams: schema.list(schema.text),
      stageNorms: schema.object({ analysisDays: schema.integer, planDays: schema.integer }),
      safety: schema.object({
        noCaseDirectorDays: schema.integer,
        noPlanDays: schema.integer,
        inCareWithoutMdoDays: schema.integer,
        planWithoutCareDays: schema.integer,
        openCrisisDays: schema.integer,
        reassessmentDays: schema.integer,
      }),
      stacking: schema.object({
        activeTrajectories: schema.integer,
        distinctProviders: schema.integer,
        networkSize: schema.integer,
      }),
      smallCellThreshold: schema.integer,
    },
    // The providers REGION_CONFIG lists (the directory holds them, and those managers add).
    { providers: schema.list(schema.ref('DirectoryProvider')) },
  ),
};

/** The audit log (NEN 7513): its entries hold ids, never names; `actorName` is joined from the directory when read. */
const AUDIT_ANSWERS: Record<string, SchemaObject> = {
  AuditItem: schema.object(
    {
      seq: schema.integer,
      at: schema.text,
      actor: schema.text,
      role: schema.nullable(schema.text),
      organisation: schema.nullable(schema.text),
      action: schema.text,
      familyId: schema.nullable(schema.uuid),
      outcome: schema.text,
      status: schema.integer,
      detail: schema.nullable(schema.text),
      correlationId: schema.nullable(schema.text),
      hash: schema.text,
    },
    // From the directory, at read time, when it knows the actor.
    { actorName: schema.text },
  ),
  AuditPage: schema.object({
    items: schema.list(schema.ref('AuditItem')),
    nextCursor: schema.nullable(schema.text),
  }),
  FamilyAccessLog: schema.extend('AuditPage', schema.object({ familyId: schema.uuid })),
};

const who = schema.object({
  memberId: schema.text,
  role: schema.text,
  displayName: schema.nullable(schema.text),
});

/** The family's own view ("Mijn gezin"). */
const MY_FAMILY_ANSWERS: Record<string, SchemaObject> = {
  MyFamily: schema.object({
    familyId: schema.uuid,
    municipality: schema.text,
    me: who,
    members: schema.list(who),
    caseDirector: schema.nullable(
      schema.object(
        { name: schema.nullable(schema.text), organisation: schema.text },
        { phone: schema.text, email: schema.text },
      ),
    ),
    network: schema.list(
      schema.object({
        name: schema.nullable(schema.text),
        organisation: schema.text,
        discipline: schema.nullable(schema.text),
      }),
    ),
    plan: schema.nullable(
      schema.object({
        version: schema.integer,
        adoptedAt: schema.text,
        evaluateBy: schema.nullable(schema.text),
        goals: schema.list(
          schema.object({
            goalId: schema.text,
            description: schema.nullable(schema.text),
            status: schema.nullable(schema.text),
          }),
        ),
        myAgreement: schema.nullable(
          schema.object({ agreed: schema.boolean, planVersion: schema.integer, at: schema.text }),
        ),
      }),
    ),
    nextMdoDueBy: schema.nullable(schema.text),
    trajectories: schema.list(
      schema.object({
        careForm: schema.text,
        careFormText: schema.text,
        provider: schema.text,
        status: schema.text,
        requestedAt: schema.text,
        startedAt: schema.nullable(schema.text),
        endedAt: schema.nullable(schema.text),
      }),
    ),
    protectionMeasures: schema.list(
      schema.object({
        kind: schema.text,
        institution: schema.text,
        startedAt: schema.text,
        endsBy: schema.nullable(schema.text),
        status: schema.text,
      }),
    ),
    myViews: schema.list(
      schema.object({
        topic: schema.text,
        text: schema.nullable(schema.text),
        feelsSafe: schema.nullable(schema.integer),
        at: schema.text,
      }),
    ),
    sharing: schema.object({
      decidesOwnData: schema.boolean,
      sharesWith: schema.list(schema.text),
      sharedWithMe: schema.list(schema.text),
    }),
    viewsSharedWithMe: schema.list(
      schema.object({
        memberId: schema.text,
        topic: schema.text,
        text: schema.nullable(schema.text),
        feelsSafe: schema.nullable(schema.integer),
        at: schema.text,
      }),
    ),
  }),
  MyFamilyTimeline: schema.object({
    familyId: schema.uuid,
    entries: schema.list(
      schema.object({
        occurredAt: schema.text,
        type: schema.text,
        summary: schema.text,
        by: schema.object({
          name: schema.nullable(schema.text),
          organisation: schema.nullable(schema.text),
          role: schema.text,
        }),
      }),
    ),
  }),
  MyFamilyAccessLog: schema.object({
    familyId: schema.uuid,
    items: schema.list(
      schema.object({
        seq: schema.integer,
        at: schema.text,
        name: schema.nullable(schema.text),
        organisation: schema.nullable(schema.text),
        role: schema.text,
        kind: schema.oneOfValues('opened', 'listed', 'changed'),
        action: schema.text,
      }),
    ),
    nextCursor: schema.nullable(schema.text),
  }),
};

/**
 * The schemas of the API's answers, by name, as `components.schemas` of the OpenAPI document: what the web
 * client's types are generated from (`npm run openapi:types`).
 */
export const ANSWER_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  ...ACCESS_ANSWERS,
  ...AUDIT_ANSWERS,
  ...MY_FAMILY_ANSWERS,
  ...FAMILY_ANSWERS,
  ...ROUTE_ANSWERS,
  ...FIGURE_ANSWERS,
  ...DIRECTORY_ANSWERS,
  ...MONITOR_ANSWERS,
  ...WORK_ANSWERS,
  ...IJW_ANSWERS,
};
