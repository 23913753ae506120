import { Controller, Inject, Injectable, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  registerDecorator,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationOptions,
  type ValidatorConstraintInterface,
} from 'class-validator';

import { PROFESSIONAL_ROLES } from '@samenspoor/access';
import type { RegionConfig } from '@samenspoor/domain';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadRoute } from '../http/answers';

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

/** The region's configuration as clients need it: the lists forms offer, the norms, the small-cell threshold. */
export interface RegionAnswer extends Omit<RegionConfig, 'ijwProducts' | 'municipalityCodes'> {
  /** Counts from 1 to this − 1 are suppressed in managers' figures; 0 or 1: no suppression. */
  readonly smallCellThreshold: number;
}

@ApiTags('region')
@Controller('api/region')
export class RegionController {
  constructor(
    @Inject(REGION) private readonly region: RegionConfig,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ReadRoute(
    '',
    'Region',
    "The region's municipalities, care forms with their norms, workstreams, stage and safety norms, stacking thresholds and the small-cell threshold",
    ...PROFESSIONAL_ROLES,
  )
  get(): RegionAnswer {
    // The iJw mapping is the integration's business, not the UI's.
    const { ijwProducts: _products, municipalityCodes: _codes, ...region } = this.region;
    return { ...region, smallCellThreshold: this.config.smallCellThreshold };
  }
}

@Module({
  controllers: [RegionController],
  providers: [
    { provide: REGION, useFactory: (config: AppConfig) => config.region, inject: [APP_CONFIG] },
    InRegionConstraint,
  ],
  exports: [REGION, InRegionConstraint],
})
export class RegionModule {}
