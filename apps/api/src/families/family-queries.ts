import { Injectable } from '@nestjs/common';

import { PersonalDataVault, revealPersonalData } from '@samenspoor/access';
import { familySummary, type FamilySummary } from '@samenspoor/domain';

import { FamilyCommands, FamilyNotFoundError } from '@samenspoor/commands';

/** Reads of a single family straight from its stream: strongly consistent, personal data opened with its key. */
@Injectable()
export class FamilyQueries {
  constructor(
    private readonly commands: FamilyCommands,
    private readonly vault: PersonalDataVault,
  ) {}

  async summary(familyId: string): Promise<FamilySummary> {
    const { state, version } = await this.commands.load(familyId);
    if (state.status === 'unregistered') throw new FamilyNotFoundError(familyId);
    const key = await this.vault.keyFor(familyId, { create: false });
    return revealPersonalData(familySummary(state, version), key);
  }
}
