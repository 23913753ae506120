import type {
  CareOrigin,
  GoalStatus,
  ProtectionMeasureKind,
  SafeAtHomeReportKind,
  VoiceTopic,
} from './vocabulary';

/**
 * The events of the route as the region runs it (api.md, "The route as the region runs it"): care already running,
 * child protection, the Meldcode step, plan evaluations, the family's own voice and its informal network. Fields
 * marked "personal" are sealed and erased like those of `events.ts`.
 */

interface Occurred {
  readonly occurredAt: string;
}

/**
 * Care that already runs when the family enters, or that the municipality allocated outside the HSJ plan: a fact,
 * not a request. It never waits; it runs from `startedAt` (which may be before the registration) until it ends.
 */
export interface RunningCareRecorded {
  readonly type: 'RunningCareRecorded';
  readonly data: Occurred & {
    readonly trajectoryId: string;
    readonly careForm: string;
    readonly providerId: string;
    readonly memberIds: readonly string[];
    readonly startedAt: string;
    /** The municipality's allocation (toewijzing) number, when known. */
    readonly allocationNumber?: string;
    /** True when no adopted plan of the current case covers it. */
    readonly outsidePlan: boolean;
    readonly caseNumber: number;
    /** `ijw` when a JW305 of the chain reported it. */
    readonly origin?: CareOrigin;
  };
}

/**
 * The municipality allocated the care (toewijzing, a JW301 of the iJw chain): its allocation number, the iJw
 * product and the period it is allocated for.
 */
export interface CareAllocated {
  readonly type: 'CareAllocated';
  readonly data: Occurred & CareAllocation & { readonly origin: CareOrigin };
}

/** What an allocation says, in the `AllocateCare` command as in the `CareAllocated` event. */
export interface CareAllocation {
  readonly trajectoryId: string;
  readonly allocationNumber: string;
  readonly productCategory: string;
  readonly productCode?: string;
  readonly allocatedFrom: string;
  readonly allocatedUntil?: string;
}

/** A trajectory goes on after the outflow, handed over to `handoverTo` (warme overdracht). */
export interface CareHandedOver {
  readonly type: 'CareHandedOver';
  readonly data: Occurred & {
    readonly trajectoryId: string;
    readonly handoverTo?: string;
    readonly caseNumber: number;
  };
}

/** A child-protection measure (kinderbeschermingsmaatregel), carried out by a certified institution (GI). */
export interface ProtectionMeasureImposed {
  readonly type: 'ProtectionMeasureImposed';
  readonly data: Occurred & {
    readonly measureId: string;
    readonly kind: ProtectionMeasureKind;
    readonly memberIds: readonly string[];
    /** The certified institution (gecertificeerde instelling), e.g. Jeugdbescherming Noord. */
    readonly institution: string;
    readonly startedAt: string;
    readonly endsBy?: string;
  };
}

export interface ProtectionMeasureEnded {
  readonly type: 'ProtectionMeasureEnded';
  readonly data: Occurred & {
    readonly measureId: string;
    /** personal */
    readonly reason: string;
  };
}

/** The Meldcode step: Veilig Thuis was consulted (advice) or a report (melding) was made. */
export interface SafeAtHomeReportMade {
  readonly type: 'SafeAtHomeReportMade';
  readonly data: Occurred & {
    readonly reportId: string;
    readonly kind: SafeAtHomeReportKind;
    readonly memberIds: readonly string[];
    /** personal */
    readonly outcome?: string;
  };
}

export interface GoalEvaluation {
  readonly goalId: string;
  readonly status: GoalStatus;
}

/** The plan's goals are evaluated: where each stands, with or without the family. */
export interface PlanEvaluated {
  readonly type: 'PlanEvaluated';
  readonly data: Occurred & {
    readonly evaluationId: string;
    readonly planId: string;
    /** The plan version the evaluation looked at. */
    readonly planVersion: number;
    readonly goals: readonly GoalEvaluation[];
    readonly familyInvolved: boolean;
    readonly nextEvaluateBy?: string;
  };
}

/** A member's own view ("what feels safe to me"). */
export interface MemberViewRecorded {
  readonly type: 'MemberViewRecorded';
  readonly data: Occurred & {
    readonly viewId: string;
    readonly memberId: string;
    readonly topic: VoiceTopic;
    /** personal */
    readonly text: string;
    /** 1 (not safe at all) to 10 (entirely safe). */
    readonly feelsSafe?: number;
  };
}

/** Someone of the family's informal network (grandparent, neighbour, coach) who supports it. */
export interface InformalSupporterAdded {
  readonly type: 'InformalSupporterAdded';
  readonly data: Occurred & {
    readonly supporterId: string;
    /** personal */
    readonly displayName: string;
    /** personal: how the supporter relates to the family, in the family's words */
    readonly relation: string;
  };
}

/**
 * A member's answer to the current plan ("ik ga akkoord" / "ik ga niet akkoord"), given in the family's own view:
 * one plan made *with* the family (Samen1Plan). Recorded on the plan version the member saw.
 */
export interface PlanAgreementRecorded {
  readonly type: 'PlanAgreementRecorded';
  readonly data: Occurred & {
    readonly agreementId: string;
    readonly planId: string;
    readonly planVersion: number;
    readonly memberId: string;
    readonly agreed: boolean;
    /** personal */
    readonly comment?: string;
  };
}

/**
 * Who holds parental authority (ouderlijk gezag) over a child, as a professional recorded it from the court's
 * register (gezagsregister): the holders replace those recorded before; an empty list says nobody in the family
 * holds it. A guardianship measure (voogdij) over the child outweighs it while it is active.
 */
export interface ParentalAuthorityRecorded {
  readonly type: 'ParentalAuthorityRecorded';
  readonly data: Occurred & {
    readonly childMemberId: string;
    readonly holderMemberIds: readonly string[];
  };
}

/**
 * A member who decides about their own data (16 or older, or an adult) shares their care, views and measures with
 * another member of the household, or withdraws that (Jeugdwet art. 7.3.9, WGBO): the member's own choice in the
 * family's own view. The latest recording for the pair counts.
 */
export interface DataSharingRecorded {
  readonly type: 'DataSharingRecorded';
  readonly data: Occurred & {
    readonly memberId: string;
    readonly withMemberId: string;
    readonly shared: boolean;
  };
}

export type RouteEvent =
  | RunningCareRecorded
  | CareHandedOver
  | CareAllocated
  | ProtectionMeasureImposed
  | ProtectionMeasureEnded
  | SafeAtHomeReportMade
  | PlanEvaluated
  | MemberViewRecorded
  | InformalSupporterAdded
  | PlanAgreementRecorded
  | ParentalAuthorityRecorded
  | DataSharingRecorded;
