import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config/config';
import { ApiError } from '../errors/api-error';

/** The scope a token needs to change withdrawal state. */
export const WRITE_SCOPE = 'withdrawal:write';

/** Who the caller is, as recorded in history rows. */
export interface Principal {
  readonly actor: string;
}

export type Authenticator = (authorization: string | undefined) => Promise<Principal>;

type KeySource =
  | { key: Uint8Array; algorithms: string[] }
  | { key: JWTVerifyGetKey; algorithms: string[] };

function keySource(config: AuthConfig): KeySource {
  if (config.hmacSecret) {
    return { key: new TextEncoder().encode(config.hmacSecret), algorithms: ['HS256'] };
  }
  const asymmetric = ['RS256', 'ES256'];
  if (config.jwksFile) {
    const jwks = JSON.parse(fs.readFileSync(config.jwksFile, 'utf8')) as Parameters<
      typeof createLocalJWKSet
    >[0];
    return { key: createLocalJWKSet(jwks), algorithms: asymmetric };
  }
  if (config.jwksUrl) {
    return { key: createRemoteJWKSet(new URL(config.jwksUrl)), algorithms: asymmetric };
  }
  throw new Error('no token key configured');
}

function unauthenticated(reason: string): ApiError {
  return ApiError.forField('UNAUTHENTICATED', 'Authorization', reason);
}

function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1]) {
    throw unauthenticated('expected an Authorization: Bearer <JWT> header');
  }
  return match[1];
}

function reasonOf(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) {
    return 'the token has expired';
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return `the token's ${err.claim} claim is not accepted`;
  }
  return 'the token is not valid';
}

function principalOf(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw unauthenticated('the token has no subject');
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes(WRITE_SCOPE)) {
    throw ApiError.forField(
      'FORBIDDEN',
      'Authorization',
      `the token lacks the ${WRITE_SCOPE} scope`,
    );
  }
  return { actor: payload.sub };
}

/**
 * Verifies bearer JWTs with jose: signature (never `alg: none`), expiry and not-before with a
 * small clock tolerance, issuer and audience when configured, then the write scope.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
  if (config.disabled) {
    return () => Promise.resolve({ actor: 'system' });
  }
  const source = keySource(config);

  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: source.algorithms,
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSec,
      };
      const verified =
        source.key instanceof Uint8Array
          ? await jwtVerify(token, source.key, options)
          : await jwtVerify(token, source.key, options);
      payload = verified.payload;
    } catch (err) {
      throw unauthenticated(reasonOf(err));
    }
    return principalOf(payload);
  };
}
