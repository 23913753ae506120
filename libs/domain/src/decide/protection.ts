import type {
  EndProtectionMeasure,
  ImposeProtectionMeasure,
  MakeSafeAtHomeReport,
} from '../commands';
import type {
  ProtectionMeasureEnded,
  ProtectionMeasureImposed,
  SafeAtHomeReportMade,
} from '../route-events';
import type { RegisteredFamilyState } from '../family.state';
import { DomainRuleError } from '../rules';
import {
  assertAfter,
  assertMembers,
  assertNewId,
  assertNotBefore,
  assertNotInFuture,
  definedOnly,
  found,
} from './guards';

/**
 * A child-protection measure (OTS, guardianship, juvenile probation, authorisation for out-of-home placement), as
 * the court imposed it: for at least one member; it may have started before the registration, never in the
 * future (rule 9 amended); it needs no signal.
 */
export function imposeProtectionMeasure(
  command: ImposeProtectionMeasure,
  state: RegisteredFamilyState,
): [ProtectionMeasureImposed] {
  const { measureId, kind, memberIds, institution, startedAt, endsBy, occurredAt } = command.data;
  assertNewId(state.protectionMeasures, 'measureId', measureId);
  if (memberIds.length === 0) {
    throw new DomainRuleError('unknown-reference', 'a protection measure concerns a member');
  }
  assertMembers(state, memberIds);
  assertNotInFuture(startedAt, command.metadata.now, 'startedAt');
  assertAfter(endsBy, startedAt, 'a protection measure ends after it starts');
  return [
    {
      type: 'ProtectionMeasureImposed',
      data: {
        measureId,
        kind,
        memberIds,
        institution,
        startedAt,
        ...definedOnly({ endsBy }),
        occurredAt,
      },
    },
  ];
}

/** An active measure ends (lifted, expired, not extended), not before it started. */
export function endProtectionMeasure(
  command: EndProtectionMeasure,
  state: RegisteredFamilyState,
): [ProtectionMeasureEnded] {
  const { measureId, reason, occurredAt } = command.data;
  const measure = found(state.protectionMeasures, 'measureId', measureId, 'measure');
  if (measure.status !== 'active') {
    throw new DomainRuleError('invalid-transition', `protection measure ${measureId} has ended`);
  }
  assertNotBefore(occurredAt, measure.startedAt, 'the start of the measure');
  return [{ type: 'ProtectionMeasureEnded', data: { measureId, reason, occurredAt } }];
}

/** The Meldcode step: Veilig Thuis consulted (advice) or a report made about the named members. */
export function makeSafeAtHomeReport(
  command: MakeSafeAtHomeReport,
  state: RegisteredFamilyState,
): [SafeAtHomeReportMade] {
  const { reportId, kind, outcome, occurredAt } = command.data;
  const memberIds = command.data.memberIds ?? [];
  assertNewId(state.safeAtHomeReports, 'reportId', reportId);
  assertMembers(state, memberIds);
  return [
    {
      type: 'SafeAtHomeReportMade',
      data: { reportId, kind, memberIds, ...definedOnly({ outcome }), occurredAt },
    },
  ];
}
