import { Injectable } from '@nestjs/common';

import { PersonalDataVault, revealPersonalData } from '@samenspoor/access';
import {
  availableSteps,
  familySummary,
  type FamilySummary,
  type StepAvailability,
} from '@samenspoor/domain';

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

  /**
   * The steps the decider would accept on the family now, at the stream version they were decided on: the
   * step picker offers these. Nothing personal is in it.
   */
  async steps(
    familyId: string,
  ): Promise<{ familyId: string; version: number; steps: StepAvailability[] }> {
    const { state, version } = await this.commands.load(familyId);
    if (state.status === 'unregistered') throw new FamilyNotFoundError(familyId);
    return { familyId, version, steps: availableSteps(state, new Date().toISOString()) };
  }
}
