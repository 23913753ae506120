/**
 * The parsers and checks of single settings that `app-config.ts` reads: a claim name, a JSON file, the proxies to
 * trust.
 */
import { readFileSync } from 'node:fs';

import { Matches } from 'class-validator';

import { OptionalSetting } from '@samenspoor/platform';

/** `true`, `false`, a hop count, or addresses and subnets (IPv4, IPv6, CIDR, Express's names such as `loopback`). */
export const TRUST_PROXY_VALUE =
  /^(true|false|[1-9]\d?|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/;

/** A claim name in the issuer's tokens, dotted for a nested claim (`realm_access.roles`); optional. */
export function ClaimName(message: string): PropertyDecorator {
  const decorators = [
    OptionalSetting(),
    Matches(/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/, { message }),
  ];
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}

/** `TRUST_PROXY` as Express's `trust proxy` takes it: `false` when unset. */
export function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The JSON of the file at `path`; a message that names the file when it cannot be read or parsed. */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
