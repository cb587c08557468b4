import { SignJWT } from 'jose';

export const TEST_SECRET = 'test-secret-for-hs256-0123456789abcdef';

export interface TokenOptions {
  readonly sub?: string;
  readonly scope?: string;
  readonly expiresIn?: string | number;
  readonly notBefore?: string | number;
  readonly issuer?: string;
  readonly audience?: string;
  readonly secret?: string;
}

/** An HS256 token as the back office would send it. */
export async function signToken(options: TokenOptions = {}): Promise<string> {
  let jwt = new SignJWT({ scope: options.scope ?? 'withdrawal:write' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub ?? 'bo-operator-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m');
  if (options.notBefore !== undefined) {
    jwt = jwt.setNotBefore(options.notBefore);
  }
  if (options.issuer) {
    jwt = jwt.setIssuer(options.issuer);
  }
  if (options.audience) {
    jwt = jwt.setAudience(options.audience);
  }
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}
