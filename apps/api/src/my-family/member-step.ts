import {
  createParamDecorator,
  Injectable,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';

import { FamilyCommands, type CommandResult, type FamilyCommandDraft } from '@samenspoor/commands';

import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { CommandContextPipe } from '../families/command-context.decorator';
import { MyFamilyReads, type SignedInMember } from './my-family.reads';

/** The member a request of "Mijn gezin" speaks for: the token's, never an id in the address or the body. */
@Injectable()
export class SignedInPipe implements PipeTransform<AuthenticatedRequest, Promise<SignedInMember>> {
  constructor(private readonly reads: MyFamilyReads) {}

  transform(request: AuthenticatedRequest): Promise<SignedInMember> {
    // The access guard set the actor on every route that is not public; a route of a member never is.
    if (!request.actor)
      throw new Error('a route of a family member without an authenticated actor');
    return this.reads.signedIn(request.actor);
  }
}

/** A member's own step: who takes it, and the one command path with the request's context. */
export interface MemberStep {
  readonly me: SignedInMember;
  /** Sends the command for the member's family down the one command path. */
  take(command: FamilyCommandDraft): Promise<CommandResult>;
}

@Injectable()
export class MemberStepPipe implements PipeTransform<AuthenticatedRequest, Promise<MemberStep>> {
  constructor(
    private readonly signedIn: SignedInPipe,
    private readonly contexts: CommandContextPipe,
    private readonly commands: FamilyCommands,
  ) {}

  async transform(request: AuthenticatedRequest): Promise<MemberStep> {
    const me = await this.signedIn.transform(request);
    const context = this.contexts.transform(request);
    return {
      me,
      take: (command) => this.commands.execute({ familyId: me.familyId, command, context }),
    };
  }
}

const MemberRequest = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<unknown>(),
);

/** The signed-in member of a read (a `SignedInMember` parameter): 403 for a token naming none, 404 when erased. */
export const Me = (): ParameterDecorator => MemberRequest(SignedInPipe);

/**
 * The member's own step of a command route (a `MemberStep` parameter). The family is the token's, not the
 * address's, so the access guard has no family to judge the command on: the member's rules are the decider's.
 */
export const AsMember = (): ParameterDecorator => MemberRequest(MemberStepPipe);
