import { Controller, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { familyTimeline, timelineProjection, type TimelineEntry } from '@samenspoor/projections';

import { RECORD_AUDIENCE } from '../auth/auth.decorators';
import { DirectoryNames } from '../directory/directory-names';
import { FamilyQueries } from '../families/family-queries';
import { FamilyId } from '../families/family-routes';
import { PdfRoute } from '../http/answers';
import { ConsistentQuery } from '../projections/projection-queries.dto';
import { ModelRead, Reading } from '../projections/model-read';
import { FAMILY_FILE_NAME, familyFilePdf, type NamedFamily } from './family-file';

/** A family's file for a warm handover, as a PDF: read as the family's record is, by the same people. */
@ApiTags('families')
@Controller('api/families')
export class FamilyFileController {
  constructor(
    private readonly queries: FamilyQueries,
    private readonly names: DirectoryNames,
  ) {}

  @PdfRoute(
    ':familyId/file.pdf',
    "The family's file for a warm handover, in Dutch: members, network with contacts, plan and goals with their status, trajectories and the timeline (audited as a read of the family)",
    ...RECORD_AUDIENCE,
  )
  async file(
    @FamilyId() familyId: string,
    @Query() query: ConsistentQuery,
    @Reading() read: ModelRead,
  ): Promise<StreamableFile> {
    const family = await this.queries.summary(familyId);
    const tables = await read.tables(timelineProjection, query);
    const entries: TimelineEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await familyTimeline(read.database, tables, familyId, { cursor });
      entries.push(...(page?.entries ?? []));
      cursor = page?.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const [named, timeline] = await Promise.all([
      this.names.add(structuredClone(family) as NamedFamily),
      this.names.add(entries.map(({ type, occurredAt, actor }) => ({ type, occurredAt, actor }))),
    ]);
    const pdf = await familyFilePdf({ family: named, timeline, madeAt: new Date() });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${FAMILY_FILE_NAME}"`,
    });
  }
}
