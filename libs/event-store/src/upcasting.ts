import type { EventRecord, JsonObject } from './event-store';

/**
 * Turns the data of one (type, schemaVersion) into the data of schemaVersion + 1. Upcasters run when events are
 * read; the stored events are never rewritten.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromSchemaVersion: number;
  upcast(data: JsonObject, event: EventRecord): JsonObject;
}

/** Applies registered upcasters in a chain until the event reaches its newest known schema version. */
export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): void {
    const key = Upcasters.key(upcaster.type, upcaster.fromSchemaVersion);
    if (this.byKey.has(key)) {
      throw new Error(
        `an upcaster for ${upcaster.type} v${upcaster.fromSchemaVersion} is already registered`,
      );
    }
    this.byKey.set(key, upcaster);
  }

  get size(): number {
    return this.byKey.size;
  }

  apply(event: EventRecord): EventRecord {
    if (this.byKey.size === 0) return event;
    let current = event;
    for (;;) {
      const upcaster = this.byKey.get(Upcasters.key(current.type, current.schemaVersion));
      if (!upcaster) return current;
      current = {
        ...current,
        schemaVersion: current.schemaVersion + 1,
        data: upcaster.upcast(current.data, current),
      };
    }
  }

  private static key(type: string, schemaVersion: number): string {
    return `${type}\u0000${schemaVersion}`;
  }
}
