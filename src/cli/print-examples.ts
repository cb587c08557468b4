import { SignJWT } from 'jose';
import { WRITE_SCOPE } from '../http/auth';

const BASE = '/api/order/v1/delivery/withdrawProcess';

const EXAMPLES: readonly { title: string; path: string; body: object }[] = [
  {
    title: '회수지시 (32 → 34) of demo order 20261203O000001',
    path: `${BASE}/saveWithdrawInstructProcess`,
    body: {
      withdrawInstructHandlingSaveInfoList: [
        { ordNo: '20261203O000001', deliNo: 'D000000001', rtnQty: 3 },
      ],
    },
  },
  {
    title: '회수확인 (34 → 35) of demo orders 20261203O000004 (parcel) and …003 (e-coupon)',
    path: `${BASE}/saveWithdrawStatUpdateProcess`,
    body: {
      ordDtlStatCd: '34',
      updateTargetOrdDtlStatCd: '35',
      withdrawStatUpdateSaveInfoList: [
        {
          ordNo: '20261203O000004',
          deliNo: 'D000000004',
          hdcCd: '04',
          invNo: '612345678901',
          wthdYn: 'Y',
        },
        { ordNo: '20261203O000003', deliNo: 'D000000003', hdcCd: null, invNo: null },
      ],
    },
  },
  {
    title: '회수완료 (35 → 36) of demo order 20261203O000005',
    path: `${BASE}/saveWithdrawStatUpdateProcess`,
    body: {
      ordDtlStatCd: '35',
      updateTargetOrdDtlStatCd: '36',
      withdrawStatUpdateSaveInfoList: [
        {
          ordNo: '20261203O000005',
          deliNo: 'D000000005',
          hdcCd: '04',
          invNo: '512345678901',
          wthdYn: 'Y',
          wthdFnshGbCd: '10',
        },
      ],
    },
  },
];

/** Prints a development token and a ready-to-paste curl for each operation (`make run`). */
async function main(): Promise<void> {
  const secret = process.env.AUTH_JWT_SECRET;
  const port = process.env.PORT ?? '8080';
  if (!secret) {
    throw new Error('AUTH_JWT_SECRET is not set');
  }
  const token = await new SignJWT({ scope: WRITE_SCOPE })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('dev-operator')
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));

  const lines = [`TOKEN=${token}`, ''];
  for (const example of EXAMPLES) {
    lines.push(
      `# ${example.title}`,
      `curl -s -X POST http://localhost:${port}${example.path} \\`,
      `  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
      `  -d '${JSON.stringify(example.body)}'`,
      '',
    );
  }
  lines.push(`# API docs: http://localhost:${port}/api/order/docs`, '');
  process.stdout.write(lines.join('\n'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
