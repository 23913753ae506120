import {
  EndProtectionMeasureBody,
  ProtectionMeasureBody,
  SafeAtHomeReportBody,
} from './dto/route.dto';
import { bodyAsData, FamilyRoutes, step, utc, without } from './family-routes';
import { Steps, stepRoute } from './family-steps';

/** The legal side of safety: child-protection measures and the Meldcode step with Veilig Thuis. */
@FamilyRoutes()
@Steps({
  impose: stepRoute({
    method: 'POST',
    path: ':familyId/protection-measures',
    summary:
      'Record a child-protection measure (OTS, guardianship, juvenile probation, out-of-home authorisation)',
    allow: ['network', 'safety-team'],
    body: ProtectionMeasureBody,
    command: (body) => {
      const { endsBy, ...rest } = without(body);
      return step('ImposeProtectionMeasure', body, {
        ...rest,
        startedAt: utc(body.startedAt, 'startedAt'),
        ...(endsBy === undefined ? {} : { endsBy: utc(endsBy, 'endsBy') }),
      });
    },
  }),
  end: stepRoute({
    method: 'POST',
    path: ':familyId/protection-measures/:measureId/end',
    summary: 'A child-protection measure ends',
    allow: ['network', 'safety-team'],
    body: EndProtectionMeasureBody,
    command: (body, { measureId }) =>
      step('EndProtectionMeasure', body, { measureId, reason: body.reason }),
  }),
  report: stepRoute({
    method: 'POST',
    path: ':familyId/safe-at-home-reports',
    summary: 'Meldcode: Veilig Thuis consulted (advice) or a report made',
    allow: ['network'],
    body: SafeAtHomeReportBody,
    command: bodyAsData('MakeSafeAtHomeReport'),
  }),
})
export class ProtectionController {}
