import { Body } from '@nestjs/common';

import type { CommandResult } from '@samenspoor/commands';

import { OnFamily, type FamilyStep } from './command-context.decorator';
import {
  EndProtectionMeasureBody,
  ProtectionMeasureBody,
  SafeAtHomeReportBody,
} from './dto/route.dto';
import { CommandRoute, FamilyRoutes, IdParam, step, utc, without } from './family-routes';

/** The legal side of safety: child-protection measures and the Meldcode step with Veilig Thuis. */
@FamilyRoutes()
export class ProtectionController {
  @CommandRoute(
    'POST',
    ':familyId/protection-measures',
    'Record a child-protection measure (OTS, guardianship, juvenile probation, out-of-home authorisation)',
    'network',
    'safety-team',
  )
  impose(
    @OnFamily() family: FamilyStep,
    @Body() body: ProtectionMeasureBody,
  ): Promise<CommandResult> {
    const { endsBy, ...rest } = without(body);
    return family.take(
      step('ImposeProtectionMeasure', body, {
        ...rest,
        startedAt: utc(body.startedAt, 'startedAt'),
        ...(endsBy === undefined ? {} : { endsBy: utc(endsBy, 'endsBy') }),
      }),
    );
  }

  @CommandRoute(
    'POST',
    ':familyId/protection-measures/:measureId/end',
    'A child-protection measure ends',
    'network',
    'safety-team',
  )
  end(
    @OnFamily() family: FamilyStep,
    @IdParam('measureId') measureId: string,
    @Body() body: EndProtectionMeasureBody,
  ): Promise<CommandResult> {
    return family.take(step('EndProtectionMeasure', body, { measureId, reason: body.reason }));
  }

  @CommandRoute(
    'POST',
    ':familyId/safe-at-home-reports',
    'Meldcode: Veilig Thuis consulted (advice) or a report made',
    'network',
  )
  report(
    @OnFamily() family: FamilyStep,
    @Body() body: SafeAtHomeReportBody,
  ): Promise<CommandResult> {
    return family.take(step('MakeSafeAtHomeReport', body, without(body)));
  }
}
