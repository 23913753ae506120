import type { SchemaObject } from '@nestjs/swagger';

import { ROLES } from '@samenspoor/access';

import {
  boolean,
  extend,
  integer,
  list,
  nullable,
  object,
  oneOfValues,
  ref,
  text,
  uuid,
} from './schema';
import { DIRECTORY_ANSWERS } from '../directory/directory-answers';
import { FAMILY_ANSWERS, ROUTE_ANSWERS } from '../families/family-answers';
import { FIGURE_ANSWERS, MONITOR_ANSWERS } from '../projections/figure-answers';
import { WORK_ANSWERS } from '../work/work-answers';
import { IJW_ANSWERS } from '../ijw/ijw-answers';

const roles = list(oneOfValues(...ROLES));

/** Who signs in and how (`/api/auth/…`, `/api/me`), and the region's configuration. */
const ACCESS_ANSWERS: Record<string, SchemaObject> = {
  AuthSettings: {
    oneOf: [
      object({ mode: oneOfValues('dev') }),
      object({
        mode: oneOfValues('oidc'),
        issuer: text,
        clientId: nullable(text),
        scopes: text,
      }),
    ],
  },
  DevToken: object({ token: text }),
  DevUsers: object({
    users: list(
      object(
        { id: text, roles, organisation: text },
        // `families`: for a professional, how many families have them in their network ("Mijn gezinnen").
        { name: text, families: integer, familyId: uuid, memberId: text },
      ),
    ),
  }),
  Me: object({ id: text, roles }, { name: text, organisation: text }),
  Region: object(
    {
      name: text,
      municipalities: list(text),
      careForms: list(object({ id: text, normDays: integer }, { outOfHome: boolean })),
      workstreams: list(text),
      stageNorms: object({ analysisDays: integer, planDays: integer }),
      safety: object({
        noCaseDirectorDays: integer,
        noPlanDays: integer,
        inCareWithoutMdoDays: integer,
        planWithoutCareDays: integer,
        openCrisisDays: integer,
        reassessmentDays: integer,
      }),
      stacking: object({
        activeTrajectories: integer,
        distinctProviders: integer,
        networkSize: integer,
      }),
      smallCellThreshold: integer,
    },
    // The providers REGION_CONFIG lists (the directory holds them, and those managers add).
    { providers: list(ref('DirectoryProvider')) },
  ),
};

/** The audit log (NEN 7513): its entries hold ids, never names; `actorName` is joined from the directory when read. */
const AUDIT_ANSWERS: Record<string, SchemaObject> = {
  AuditItem: object(
    {
      seq: integer,
      at: text,
      actor: text,
      role: nullable(text),
      organisation: nullable(text),
      action: text,
      familyId: nullable(uuid),
      outcome: text,
      status: integer,
      detail: nullable(text),
      correlationId: nullable(text),
      hash: text,
    },
    // From the directory, at read time, when it knows the actor.
    { actorName: text },
  ),
  AuditPage: object({ items: list(ref('AuditItem')), nextCursor: nullable(text) }),
  FamilyAccessLog: extend('AuditPage', object({ familyId: uuid })),
};

const who = object({ memberId: text, role: text, displayName: nullable(text) });

/** The family's own view ("Mijn gezin"). */
const MY_FAMILY_ANSWERS: Record<string, SchemaObject> = {
  MyFamily: object({
    familyId: uuid,
    municipality: text,
    me: who,
    members: list(who),
    caseDirector: nullable(
      object({ name: nullable(text), organisation: text }, { phone: text, email: text }),
    ),
    network: list(object({ name: nullable(text), organisation: text, discipline: nullable(text) })),
    plan: nullable(
      object({
        version: integer,
        adoptedAt: text,
        evaluateBy: nullable(text),
        goals: list(object({ goalId: text, description: nullable(text), status: nullable(text) })),
        myAgreement: nullable(object({ agreed: boolean, planVersion: integer, at: text })),
      }),
    ),
    nextMdoDueBy: nullable(text),
    trajectories: list(
      object({
        careForm: text,
        careFormText: text,
        provider: text,
        status: text,
        requestedAt: text,
        startedAt: nullable(text),
        endedAt: nullable(text),
      }),
    ),
    protectionMeasures: list(
      object({
        kind: text,
        institution: text,
        startedAt: text,
        endsBy: nullable(text),
        status: text,
      }),
    ),
    myViews: list(
      object({ topic: text, text: nullable(text), feelsSafe: nullable(integer), at: text }),
    ),
    sharing: object({ decidesOwnData: boolean, sharesWith: list(text), sharedWithMe: list(text) }),
    viewsSharedWithMe: list(
      object({
        memberId: text,
        topic: text,
        text: nullable(text),
        feelsSafe: nullable(integer),
        at: text,
      }),
    ),
  }),
  MyFamilyTimeline: object({
    familyId: uuid,
    entries: list(
      object({
        occurredAt: text,
        type: text,
        summary: text,
        by: object({ name: nullable(text), organisation: nullable(text), role: text }),
      }),
    ),
  }),
  MyFamilyAccessLog: object({
    familyId: uuid,
    items: list(
      object({
        seq: integer,
        at: text,
        name: nullable(text),
        organisation: nullable(text),
        role: text,
        kind: oneOfValues('opened', 'listed', 'changed'),
        action: text,
      }),
    ),
    nextCursor: nullable(text),
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
