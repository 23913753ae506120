import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { PersonalDataVault, revealPersonalData } from '@samenspoor/access';
import { familyListProjection } from '@samenspoor/projections';

import { AuditListedFamilies } from '../access/audit.interceptor';
import { CurrentActor, type AuthenticatedActor } from '../auth/auth.decorators';
import { ReadRoute } from '../http/answers';
import { ModelRead, Reading } from '../projections/model-read';
import { AsOfQuery } from '../projections/projection-queries.dto';
import { asOf } from '../projections/projections.controller';
import { WorkList } from './work-list';

/** What is due in the caller's families: the professional's start page, "Mijn werk". */
@ApiTags('work')
@Controller('api/my-work')
export class MyWorkController {
  constructor(
    private readonly work: WorkList,
    private readonly vault: PersonalDataVault,
  ) {}

  @ReadRoute(
    '',
    'MyWork',
    'What is due in your families (the safety team: the region) by asOf + 14 days or overdue, most overdue first, each with the step that resolves it',
    'safety-team',
    'professional',
  )
  @AuditListedFamilies()
  async myWork(
    @Query() query: AsOfQuery,
    @CurrentActor() actor: AuthenticatedActor,
    @Reading() read: ModelRead,
  ) {
    const at = asOf(query.asOf);
    const tables = await read.tables(familyListProjection, query);
    const items = await this.work.items(
      actor.actingRole === 'safety-team' ? { safetyTeam: true } : { professionalId: actor.id },
      at,
      read.database,
      tables,
    );
    const keys = await this.vault.keysFor([
      ...new Set(items.flatMap((item) => (item.familyId === null ? [] : [item.familyId]))),
    ]);
    return {
      asOf: at.toISOString(),
      items: items.map(({ members, ...item }) => ({
        ...item,
        displayName:
          item.familyId === null
            ? null
            : familyName(revealPersonalData(members, keys.get(item.familyId))),
      })),
      counts: {
        due: items.length,
        overdue: items.filter((item) => item.overdue).length,
      },
    };
  }
}

const ROLE_ORDER = ['youth', 'sibling', 'parent', 'carer', 'other'];

/** The family's name as the web UI's lists say it: its youths first, then the others; null once erased. */
function familyName(
  members: readonly { role: string; displayName: string | null }[],
): string | null {
  const names = [...members]
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
    .flatMap((m) => (typeof m.displayName === 'string' ? [m.displayName] : []));
  return names.length > 0 ? names.join(', ') : null;
}
