import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';

/**
 * A service that works in the background while the application runs: it starts its timers once the application
 * is up, and stops them (finishing what is under way) before the application shuts down.
 */
export type BackgroundService = OnApplicationBootstrap & BeforeApplicationShutdown;
