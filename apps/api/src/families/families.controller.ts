import { randomUUID } from 'node:crypto';

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';

import {
  commandIdFor,
  derivedId,
  FamilyCommands,
  requestHash,
  type CommandContext,
  type CommandResult,
} from '@samenspoor/commands';
import type { FamilyCommand, FamilySummary, Member } from '@samenspoor/domain';

import {
  Allow,
  CurrentActor,
  type AuthenticatedActor,
  type AuthenticatedRequest,
} from '../auth/auth.decorators';
import { isUuid, UUID_PARAM } from '../http/params';
import { Problem } from '../http/problem';
import { AuditTrail } from '../access/audit-trail';
import {
  AddMemberBody,
  AdoptPlanBody,
  CaseDirectorBody,
  CompleteAnalysisBody,
  ConsultationBody,
  EndCareBody,
  ErasureBody,
  FollowUpBody,
  JoinNetworkBody,
  MdoBody,
  OutflowBody,
  ProgressNoteBody,
  RegisterFamilyBody,
  RequestCareBody,
  RevisePlanBody,
  SafetyAssessmentBody,
  SafetyReviewBody,
  SignalBody,
  StepBody,
  WithdrawCareBody,
} from './dto/family-steps.dto';
import { FamilyQueries } from './family-queries';

type CommandData<T extends FamilyCommand['type']> = Omit<
  Extract<FamilyCommand, { type: T }>['data'],
  'occurredAt'
>;

/** Translates HTTP into family commands and their answers; nothing else happens here. */
@ApiTags('families')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'the stream version the change is based on: "5"',
})
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'a UUID: a repeat returns the first answer',
})
@ApiHeader({ name: 'X-Correlation-Id', required: false })
@ApiResponse({ status: 400, description: 'invalid input: every failing field is listed' })
@ApiResponse({
  status: 404,
  description: 'unknown family, analysis, plan, trajectory or professional',
})
@ApiResponse({ status: 409, description: 'If-Match differs from the family’s version' })
@ApiResponse({ status: 422, description: 'a domain rule refuses the step; `rule` names it' })
@Controller('api/families')
export class FamiliesController {
  constructor(
    private readonly commands: FamilyCommands,
    private readonly queries: FamilyQueries,
    private readonly trail: AuditTrail,
  ) {}

  @Post()
  @Allow('professional')
  @ApiOperation({ summary: 'Register a family; the registering professional joins its network' })
  async register(
    @Body() body: RegisterFamilyBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const familyId = derivedId(context.commandId, 'familyId');
    const members: Member[] = body.members.map((member, i) => ({
      memberId: member.memberId ?? derivedId(context.commandId, `member:${i}`),
      role: member.role,
      displayName: member.displayName,
      ...(member.birthYear === undefined ? {} : { birthYear: member.birthYear }),
      ...(member.bsn === undefined ? {} : { bsn: member.bsn }),
    }));
    const result = await this.send(
      familyId,
      context,
      body,
      {
        type: 'RegisterFamily',
        data: {
          familyId,
          municipality: body.municipality,
          members,
          registrar: { professionalId: actor.id, organisation: actor.organisation ?? 'unknown' },
        },
      },
      { memberIds: members.map((m) => m.memberId) },
      response,
    );
    response.location(`/api/families/${familyId}`);
    return result;
  }

  @Get(':familyId')
  @Allow('network', 'safety-team')
  @ApiOperation({
    summary: "The family's current state, read from its stream (strongly consistent)",
  })
  @ApiParam({ name: 'familyId', format: 'uuid' })
  async get(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FamilySummary> {
    const summary = await this.queries.summary(familyId);
    response.setHeader('ETag', `"${summary.version}"`);
    return summary;
  }

  @Post(':familyId/members')
  @Allow('network')
  @ApiOperation({ summary: 'Add a member to the family' })
  addMember(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: AddMemberBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const memberId = body.memberId ?? derivedId(context.commandId, 'memberId');
    const { occurredAt: _at, memberId: _id, ...member } = body;
    return this.send(
      familyId,
      context,
      body,
      {
        type: 'AddFamilyMember',
        data: { member: { memberId, ...member } },
      },
      { memberId },
      response,
    );
  }

  @Post(':familyId/signals')
  @Allow('network', 'safety-team')
  @ApiOperation({
    summary: 'Receive an HSJ-MCP signal; after an outflow it reopens the case (re-entry)',
  })
  signal(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: SignalBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const signalId = derivedId(context.commandId, 'signalId');
    return this.step(
      familyId,
      context,
      body,
      'ReceiveSignal',
      { ...without(body), signalId },
      { signalId },
      response,
    );
  }

  @Post(':familyId/consultations')
  @Allow('network')
  @ApiOperation({ summary: 'Record the consultation: does the family enter the HSJ-MCP route?' })
  consultation(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: ConsultationBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const consultationId = derivedId(context.commandId, 'consultationId');
    return this.step(
      familyId,
      context,
      body,
      'HoldConsultation',
      { advice: body.advice, consultationId },
      { consultationId },
      response,
    );
  }

  @Post(':familyId/network')
  @Allow('network')
  @ApiOperation({ summary: "A professional joins the family's network" })
  joinNetwork(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: JoinNetworkBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'JoinNetwork',
      without(body),
      {},
      response,
    );
  }

  @Delete(':familyId/network/:professionalId')
  @HttpCode(200)
  @Allow('network')
  @ApiOperation({ summary: "A professional leaves the family's network" })
  leaveNetwork(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Param('professionalId') professionalId: string,
    @Body() body: StepBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'LeaveNetwork',
      { professionalId },
      {},
      response,
    );
  }

  @Put(':familyId/case-director')
  @HttpCode(200)
  @Allow('network')
  @ApiOperation({ summary: 'Assign the one case director (regie); replaces the previous one' })
  assignCaseDirector(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: CaseDirectorBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'AssignCaseDirector',
      without(body),
      {},
      response,
    );
  }

  @Post(':familyId/analyses')
  @Allow('network')
  @ApiOperation({ summary: 'Start the explanatory analysis (verklarende analyse)' })
  startAnalysis(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: StepBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const analysisId = derivedId(context.commandId, 'analysisId');
    return this.step(
      familyId,
      context,
      body,
      'StartExplanatoryAnalysis',
      { analysisId },
      { analysisId },
      response,
    );
  }

  @Post(':familyId/analyses/:analysisId/complete')
  @Allow('network')
  @ApiOperation({ summary: 'Complete the explanatory analysis' })
  completeAnalysis(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Param('analysisId', UUID_PARAM) analysisId: string,
    @Body() body: CompleteAnalysisBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    return this.step(
      familyId,
      context,
      body,
      'CompleteExplanatoryAnalysis',
      { ...without(body), analysisId },
      {},
      response,
    );
  }

  @Post(':familyId/plans')
  @Allow('network')
  @ApiOperation({ summary: 'Adopt the one treatment plan, on a completed analysis' })
  adoptPlan(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: AdoptPlanBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const planId = derivedId(context.commandId, 'planId');
    const goals = body.goals.map((g) => ({
      description: g.description,
      memberIds: g.memberIds ?? [],
    }));
    return this.step(
      familyId,
      context,
      body,
      'AdoptTreatmentPlan',
      { ...without(body), goals, planId },
      { planId },
      response,
    );
  }

  @Post(':familyId/plans/:planId/revisions')
  @Allow('network')
  @ApiOperation({ summary: 'Revise the treatment plan (a new version)' })
  revisePlan(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Param('planId', UUID_PARAM) planId: string,
    @Body() body: RevisePlanBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const goals = body.goals.map((g) => ({
      description: g.description,
      memberIds: g.memberIds ?? [],
    }));
    const context = this.context(request, actor, body);
    return this.step(
      familyId,
      context,
      body,
      'ReviseTreatmentPlan',
      { reason: body.reason, goals, planId },
      { planId },
      response,
    );
  }

  @Post(':familyId/trajectories')
  @Allow('network')
  @ApiOperation({ summary: 'Request care from a provider: from now the family waits' })
  requestCare(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: RequestCareBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const trajectoryId = derivedId(context.commandId, 'trajectoryId');
    return this.step(
      familyId,
      context,
      body,
      'RequestCare',
      { ...without(body), trajectoryId },
      { trajectoryId },
      response,
    );
  }

  @Post(':familyId/trajectories/:trajectoryId/start')
  @Allow('network')
  @ApiOperation({ summary: 'Care starts' })
  startCare(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Param('trajectoryId', UUID_PARAM) trajectoryId: string,
    @Body() body: StepBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'StartCare',
      { trajectoryId },
      { trajectoryId },
      response,
    );
  }

  @Post(':familyId/trajectories/:trajectoryId/end')
  @Allow('network')
  @ApiOperation({ summary: 'Care ends' })
  endCare(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Param('trajectoryId', UUID_PARAM) trajectoryId: string,
    @Body() body: EndCareBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    return this.step(
      familyId,
      context,
      body,
      'EndCare',
      { trajectoryId, reason: body.reason },
      { trajectoryId },
      response,
    );
  }

  @Post(':familyId/trajectories/:trajectoryId/withdraw')
  @Allow('network')
  @ApiOperation({ summary: 'Withdraw a care request before care started' })
  withdrawCare(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Param('trajectoryId', UUID_PARAM) trajectoryId: string,
    @Body() body: WithdrawCareBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    return this.step(
      familyId,
      context,
      body,
      'WithdrawCareRequest',
      { trajectoryId, reason: body.reason },
      { trajectoryId },
      response,
    );
  }

  @Post(':familyId/mdos')
  @Allow('network')
  @ApiOperation({ summary: 'Record a multidisciplinary consultation (MDO)' })
  holdMdo(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: MdoBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const mdoId = derivedId(context.commandId, 'mdoId');
    const nextMdoDueBy = utc(body.nextMdoDueBy, 'nextMdoDueBy');
    return this.step(
      familyId,
      context,
      body,
      'HoldMdo',
      { ...without(body), nextMdoDueBy, mdoId },
      { mdoId },
      response,
    );
  }

  @Post(':familyId/progress-notes')
  @Allow('network')
  @ApiOperation({ summary: 'Log a case step or contact, tagged with its workstream' })
  noteProgress(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: ProgressNoteBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const noteId = derivedId(context.commandId, 'noteId');
    return this.step(
      familyId,
      context,
      body,
      'NoteProgress',
      { ...without(body), noteId },
      { noteId },
      response,
    );
  }

  @Post(':familyId/safety-assessments')
  @Allow('network', 'safety-team')
  @ApiOperation({ summary: 'Assess safety (direct safety, stable safety, recovery)' })
  assessSafety(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: SafetyAssessmentBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const assessmentId = derivedId(context.commandId, 'assessmentId');
    return this.step(
      familyId,
      context,
      body,
      'AssessSafety',
      { ...without(body), assessmentId },
      { assessmentId },
      response,
    );
  }

  @Post(':familyId/safety-reviews')
  @Allow('safety-team')
  @ApiOperation({ summary: 'The regional safety team reviewed the family' })
  reviewSafety(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: SafetyReviewBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const context = this.context(request, actor, body);
    const reviewId = derivedId(context.commandId, 'reviewId');
    return this.step(
      familyId,
      context,
      body,
      'ReviewSafety',
      { ...without(body), reviewId },
      { reviewId },
      response,
    );
  }

  @Post(':familyId/outflow')
  @Allow('network')
  @ApiOperation({ summary: 'The family leaves the HSJ-MCP route (outflow)' })
  outflow(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: OutflowBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'RegisterOutflow',
      without(body),
      {},
      response,
    );
  }

  @Post(':familyId/follow-ups')
  @Allow('network')
  @ApiOperation({ summary: '"Don\'t let go": a follow-up 3, 6 or 12 months after outflow' })
  followUp(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: FollowUpBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'RecordFollowUp',
      without(body),
      {},
      response,
    );
  }

  @Delete(':familyId/personal-data')
  @HttpCode(200)
  @Allow('auditor')
  @ApiOperation({ summary: "Erase the family's personal data (crypto-shredding)" })
  erase(
    @Param('familyId', UUID_PARAM) familyId: string,
    @Body() body: ErasureBody,
    @CurrentActor() actor: AuthenticatedActor,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.step(
      familyId,
      this.context(request, actor, body),
      body,
      'ErasePersonalData',
      without(body),
      {},
      response,
    );
  }

  private step<T extends Exclude<FamilyCommand['type'], 'RegisterFamily'>>(
    familyId: string,
    context: CommandContext,
    body: StepBody,
    type: T,
    data: CommandData<T>,
    createdIds: Record<string, unknown>,
    response: Response,
  ): Promise<CommandResult> {
    return this.send(familyId, context, body, { type, data }, createdIds, response);
  }

  private async send(
    familyId: string,
    context: CommandContext,
    body: StepBody,
    command: { type: FamilyCommand['type']; data: object },
    createdIds: Record<string, unknown>,
    response: Response,
  ): Promise<CommandResult> {
    const occurredAt = body.occurredAt === undefined ? context.now : utc(body.occurredAt);
    const full = {
      type: command.type,
      data: { ...command.data, occurredAt },
      metadata: { now: context.now },
    } as FamilyCommand;
    const result = await this.commands.run(familyId, [{ command: full, context }], createdIds);
    response.setHeader('ETag', `"${result.version}"`);
    return result;
  }

  private context(
    request: AuthenticatedRequest,
    actor: AuthenticatedActor,
    body: unknown,
  ): CommandContext {
    const key = header(request, 'idempotency-key');
    if (key !== undefined && !isUuid(key)) {
      throw Problem.badRequest('the Idempotency-Key header must be a UUID', [
        { field: 'Idempotency-Key', message: 'must be a UUID' },
      ]);
    }
    const ifMatch = header(request, 'if-match');
    let expected: number | undefined;
    if (ifMatch !== undefined) {
      const match = /^"?(\d{1,15})"?$/.exec(ifMatch.trim());
      if (!match?.[1]) {
        throw Problem.badRequest('the If-Match header must be a version in quotes, like "5"', [
          { field: 'If-Match', message: 'must be a stream version, like "5"' },
        ]);
      }
      expected = Number(match[1]);
    }
    return {
      actor: {
        id: actor.id,
        role: actor.actingRole,
        ...(actor.organisation === undefined ? {} : { organisation: actor.organisation }),
      },
      commandId: commandIdFor(actor.id, key?.toLowerCase()),
      correlationId: typeof request.id === 'string' ? request.id : randomUUID(),
      ...(key === undefined ? {} : { idempotencyKey: key.toLowerCase() }),
      requestHash: requestHash(request.method, request.path, body),
      ...(expected === undefined ? {} : { ifMatch: expected }),
      now: new Date().toISOString(),
      audit: this.trail.commandAudit(request),
    };
  }
}

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** A validated ISO-8601 time as UTC; a date beyond what JavaScript can represent is bad input. */
function utc(iso: string, field = 'occurredAt'): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    throw Problem.badRequest(`${field} is not a representable time`, [
      { field, message: 'must be a valid time' },
    ]);
  }
  return time.toISOString();
}

/** The body's fields without the business time, which every command carries separately. */
function without<T extends StepBody>(body: T): Omit<T, 'occurredAt'> {
  const { occurredAt: _occurredAt, ...rest } = body;
  return rest;
}
