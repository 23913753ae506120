import { Body, Param, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA } from '@nestjs/common/constants';

import type { Audience } from '@samenspoor/access';
import type { CommandResult, FamilyCommandDraft } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import type { StepBody } from './dto/step.dto';
import { CommandRoute, IdParam } from './family-routes';

/** The names of the ids in a path after `:familyId`: `':familyId/plans/:planId'` → `'planId'`. */
type IdsIn<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | IdsIn<Rest>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type Ids<Path extends string> = Readonly<Record<Exclude<IdsIn<Path>, 'familyId'>, string>>;

/**
 * One step on a family's route over HTTP: its address, what it does, who may take it, the body it validates, and
 * the command it sends for the family. The ids in the path are UUIDs (a 400 otherwise) unless named in `plainIds`.
 */
export interface StepRoute<B extends StepBody = StepBody, Path extends string = string> {
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly path: Path;
  readonly summary: string;
  readonly allow: readonly Audience[];
  readonly body: Type<B>;
  readonly plainIds?: readonly string[];
  /** The command the step sends, from the validated body and the ids in the address. */
  command(body: B, ids: Ids<Path>): FamilyCommandDraft;
}

/** A step route, with its body's type and its path's ids checked against its command. */
export const stepRoute = <B extends StepBody, const Path extends string>(
  route: StepRoute<B, Path>,
): StepRoute<B, Path> => route;

type StepHandler = (family: FamilyStep, body: StepBody, ...ids: string[]) => Promise<CommandResult>;

/**
 * Adds one handler per step to a controller of a family's route: each translates its request to the step's
 * command and sends it down the one command path, with the decorators a handler written out by hand would carry
 * (the route, who may take it, OpenAPI, the validation of the body and of the ids in the address).
 */
export const Steps =
  (steps: Record<string, StepRoute>): ClassDecorator =>
  (controller) => {
    for (const [name, route] of Object.entries(steps))
      addStep(controller.prototype as object, name, route);
  };

function addStep(prototype: object, name: string, route: StepRoute): void {
  const idNames = [...route.path.matchAll(/:(\w+)/g)]
    .map((match) => match[1] ?? '')
    .filter((id) => id !== 'familyId');
  const handler: StepHandler = (family, body, ...ids) =>
    family.take(route.command(body, Object.fromEntries(idNames.map((id, i) => [id, ids[i]]))));
  Object.defineProperty(handler, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: handler, writable: true, configurable: true });
  // What the compiler records for a handler written out: the parameters' types, read by validation and OpenAPI.
  Reflect.defineMetadata(
    PARAMTYPES_METADATA,
    [Object, route.body, ...idNames.map(() => String)],
    prototype,
    name,
  );
  // Parameter decorators run last parameter first, as the compiler applies them.
  [...idNames].reverse().forEach((id, i) => {
    const decorate = route.plainIds?.includes(id) ? Param(id) : IdParam(id);
    decorate(prototype, name, idNames.length + 1 - i);
  });
  Body()(prototype, name, 1);
  OnFamily()(prototype, name, 0);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
  if (descriptor)
    CommandRoute(
      route.method,
      route.path,
      route.summary,
      ...route.allow,
    )(prototype, name, descriptor);
}
