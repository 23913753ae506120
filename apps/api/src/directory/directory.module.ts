import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { Directory } from '@samenspoor/directory';
import { SQL_DATABASE, type SqlDatabase } from '@samenspoor/sql';

import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ModelReadPipe } from '../projections/model-read';
import { ProjectionReads } from '../projections/projection-reads';
import { RegionModule } from '../region/region';
import { DirectoryNames, DirectoryNamesInterceptor } from './directory-names';
import { DirectorySignInInterceptor } from './directory-sign-in.interceptor';
import { ProfessionalsController } from './professionals.controller';
import { ProvidersController } from './providers.controller';

/**
 * The directory of professionals and providers: its routes, the entry made on a first sign-in, and the
 * `Directory` that other reads use to put names beside ids.
 */
@Global()
@Module({
  imports: [RegionModule],
  controllers: [ProfessionalsController, ProvidersController],
  providers: [
    {
      provide: Directory,
      // The region's configured providers (`REGION_CONFIG`) are listed at start-up, once.
      useFactory: async (database: SqlDatabase, config: AppConfig) => {
        const directory = await Directory.open(database, config.store.schema);
        await directory.listProviders(config.region.providers ?? []);
        return directory;
      },
      inject: [SQL_DATABASE, APP_CONFIG],
    },
    ProjectionReads,
    ModelReadPipe,
    DirectoryNames,
    DirectoryNamesInterceptor,
    { provide: APP_INTERCEPTOR, useClass: DirectorySignInInterceptor },
  ],
  exports: [Directory, DirectoryNames, DirectoryNamesInterceptor],
})
export class DirectoryModule {}
