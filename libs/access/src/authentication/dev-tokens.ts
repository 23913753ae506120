import { randomBytes } from 'node:crypto';

import { jwtVerify, SignJWT } from 'jose';

import { componentMigrations, quoteIdentifier, type SqlDatabase } from '@samenspoor/sql';

import type { Actor, Role } from '../actor';
import { AuthenticationError, type TokenVerifier } from './authentication';
import { actorFromClaims, describeJoseError } from './claims';
import { VerifiedTokens } from './verified-tokens';

const ISSUER = 'samenspoor-dev';
const AUDIENCE = 'samenspoor';

export interface DevTokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly email?: string;
  readonly roles: readonly Role[];
  readonly organisation?: string;
  /** For the `family` role: the member the token speaks for (development only; production reads the BSN). */
  readonly familyId?: string;
  readonly memberId?: string;
}

const devTokenMigrations = componentMigrations('dev-tokens', {
  'dev token signing secret': (s) =>
    `create table ${s}.dev_token_secret (id integer primary key check (id = 1), secret bytea not null)`,
});

/**
 * Development tokens (`AUTH_MODE=dev`): HS256 JWTs that this server signs for whoever asks at
 * `POST /api/auth/dev-token`. The signing secret is kept in the database, so tokens survive a restart.
 * Never for production: anyone can get any role.
 */
export class DevTokens implements TokenVerifier {
  private readonly verified = new VerifiedTokens<Actor>();

  private constructor(private readonly secret: Uint8Array) {}

  static async open(database: SqlDatabase, schema: string): Promise<DevTokens> {
    await devTokenMigrations.migrate(database, schema);
    const table = `${quoteIdentifier(schema)}.dev_token_secret`;
    await database.query(
      `insert into ${table} (id, secret) values (1, $1) on conflict (id) do nothing`,
      [randomBytes(32)],
    );
    const [row] = await database.query<{ secret: Uint8Array }>(
      `select secret from ${table} where id = 1`,
    );
    if (!row) throw new Error('the dev token secret could not be stored');
    return new DevTokens(new Uint8Array(row.secret));
  }

  async issue(claims: DevTokenClaims, lifetime = '12h'): Promise<string> {
    return new SignJWT({
      name: claims.name,
      email: claims.email,
      roles: claims.roles,
      organisation: claims.organisation,
      familyId: claims.familyId,
      memberId: claims.memberId,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(lifetime)
      .sign(this.secret);
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const actor = actorFromClaims(payload, { roles: 'roles', organisation: 'organisation' });
      const { familyId, memberId } = payload;
      // Development tokens name the member outright; production tokens never may (see OidcTokens).
      const verified: Actor =
        actor.roles.includes('family') &&
        typeof familyId === 'string' &&
        typeof memberId === 'string'
          ? { ...actor, familyMember: { familyId: familyId.toLowerCase(), memberId } }
          : actor;
      this.verified.remember(token, payload.exp, verified);
      return verified;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(describeJoseError(error), { cause: error });
    }
  }
}
