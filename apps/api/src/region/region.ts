import { Inject, Injectable, Module } from '@nestjs/common';
import {
  registerDecorator,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationOptions,
  type ValidatorConstraintInterface,
} from 'class-validator';

import type { RegionConfig } from '@samenspoor/domain';

import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const REGION = Symbol('REGION');

type RegionList = 'municipalities' | 'careForms' | 'workstreams';

function valuesOf(region: RegionConfig, list: RegionList): readonly string[] {
  return list === 'careForms' ? region.careForms.map((form) => form.id) : region[list];
}

/** Checks a value against one of the region's configured lists (municipalities, care forms, workstreams). */
@Injectable()
@ValidatorConstraint({ name: 'inRegion' })
export class InRegionConstraint implements ValidatorConstraintInterface {
  constructor(@Inject(REGION) private readonly region: RegionConfig) {}

  validate(value: unknown, args: ValidationArguments): boolean {
    const [list] = args.constraints as [RegionList];
    return typeof value === 'string' && valuesOf(this.region, list).includes(value);
  }

  defaultMessage(args: ValidationArguments): string {
    const [list] = args.constraints as [RegionList];
    return `${args.property} must be one of the region's ${list}: ${valuesOf(this.region, list).join(', ')}`;
  }
}

/** The property must be one of the region's municipalities, care forms or workstreams. */
export function IsInRegion(list: RegionList, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      target: target.constructor,
      propertyName,
      options,
      constraints: [list],
      validator: InRegionConstraint,
    });
}

@Module({
  providers: [
    { provide: REGION, useFactory: (config: AppConfig) => config.region, inject: [APP_CONFIG] },
    InRegionConstraint,
  ],
  exports: [REGION, InRegionConstraint],
})
export class RegionModule {}
