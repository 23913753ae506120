import { randomUUID } from 'node:crypto';

import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiAcceptedResponse,
  ApiOperation,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

import {
  IjwIntake,
  IJW_RESOLUTIONS,
  IjwLinkError,
  IjwMessageInvalidError,
  type IjwResolution,
  type IjwAnswer,
  type IjwSender,
} from '@samenspoor/ijw';

import {
  Allow,
  CurrentActor,
  type AuthenticatedActor,
  type AuthenticatedRequest,
} from '../auth/auth.decorators';
import { Answer, ReadRoute } from '../http/answers';
import { Problem } from '../http/problem';
import { ref } from '../http/schema';

/** The member a kept message is linked to. */
export class IjwLinkBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  familyId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  memberId!: string;
}

/** Why a kept message is set aside without applying it. */
export class IjwResolveBody {
  @ApiProperty({ enum: IJW_RESOLUTIONS })
  @IsIn(IJW_RESOLUTIONS)
  resolution!: IjwResolution;
}

const XML_TYPES = ['application/xml', 'text/xml'];

/**
 * The iJw messages of the Jeugdwet chain (api.md "iJw messages"): a municipality's (or provider's) copies
 * delivered by the `integration` client, and the safety team's list of messages kept unlinked, with linking.
 */
@ApiTags('ijw')
@Controller('api/ijw')
export class IjwController {
  constructor(private readonly intake: IjwIntake) {}

  @Post('messages')
  @HttpCode(202)
  @Allow('integration')
  @ApiOperation({
    summary:
      'Deliver one iJw 3.2 message (JW315, JW301, JW305, JW307) as XML: applied, unmatched, duplicate, unmapped or refused',
  })
  @ApiConsumes(...XML_TYPES)
  @ApiBody({ schema: { type: 'string', description: 'one iJw 3.2 message (UTF-8 XML)' } })
  @ApiAcceptedResponse({ schema: ref('IjwAnswer') })
  @ApiBadRequestResponse({
    description:
      'not well-formed, or not a valid iJw 3.2 message: errors[].field is the element path',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'the body is not application/xml',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  })
  async deliver(
    @Req() request: AuthenticatedRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<IjwAnswer> {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const body: unknown = request.body;
    if (!XML_TYPES.includes(type) || !Buffer.isBuffer(body))
      throw new Problem(
        415,
        'unsupported-media-type',
        'Unsupported Media Type',
        'send one iJw message as application/xml',
      );
    try {
      return await this.intake.receive(body, senderOf(request, actor));
    } catch (error) {
      if (error instanceof IjwMessageInvalidError)
        throw Problem.badRequest('the message is not a valid iJw 3.2 message', error.errors);
      throw error;
    }
  }

  @ReadRoute(
    'unmatched',
    'IjwUnmatched',
    'iJw messages kept for the safety team (unmatched, unmapped, refused): no BSN, no name',
    'safety-team',
  )
  async unmatched() {
    const entries = await this.intake.unmatched();
    return {
      items: entries.map((e) => ({
        messageId: e.id,
        type: e.type,
        receivedAt: e.receivedAt,
        outcome: e.outcome,
        rule: e.rule ?? null,
        municipality: e.municipality,
        provider: e.provider,
        products: e.products,
      })),
    };
  }

  @Post('unmatched/:messageId/link')
  @HttpCode(200)
  @Allow('safety-team')
  @ApiOperation({ summary: 'Link a kept iJw message to a family member, and apply it' })
  @Answer('IjwAnswer')
  @ApiConflictResponse({
    description: "rule bsn-mismatch: the member's recorded BSN is not the message's",
    content: { 'application/problem+json': { schema: ref('Problem') } },
  })
  async link(
    @Param('messageId') messageId: string,
    @Body() body: IjwLinkBody,
    @Req() request: AuthenticatedRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<IjwAnswer> {
    try {
      return await this.intake.link(
        messageId,
        body.familyId,
        body.memberId,
        senderOf(request, actor),
      );
    } catch (error) {
      if (!(error instanceof IjwLinkError)) throw error;
      const titles = { 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Content' } as const;
      throw new Problem(error.status, error.rule, titles[error.status], error.message, {
        rule: error.rule,
      });
    }
  }

  @Post('unmatched/:messageId/resolve')
  @HttpCode(200)
  @Allow('safety-team')
  @ApiOperation({
    summary:
      'Set a kept iJw message aside without applying it, with the reason: its sealed text is destroyed',
  })
  @Answer('IjwResolved')
  async resolve(@Param('messageId') messageId: string, @Body() body: IjwResolveBody) {
    try {
      return await this.intake.resolve(messageId, body.resolution);
    } catch (error) {
      if (!(error instanceof IjwLinkError)) throw error;
      throw new Problem(404, error.rule, 'Not Found', error.message, { rule: error.rule });
    }
  }
}

function senderOf(request: AuthenticatedRequest, actor: AuthenticatedActor): IjwSender {
  return {
    actor: {
      id: actor.id,
      role: actor.actingRole,
      ...(actor.organisation === undefined ? {} : { organisation: actor.organisation }),
    },
    correlationId: typeof request.id === 'string' ? request.id : randomUUID(),
  };
}
