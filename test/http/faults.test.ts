import pino from 'pino';
import supertest from 'supertest';
import { handlers } from '../../src/http/handlers';
import type { OperationHandlers } from '../../src/http/operations';
import { createService } from '../../src/service';
import { databaseTargets } from '../support/databases';
import { startHarness, testConfig } from '../support/harness';

const [sqlite] = databaseTargets();

describe('unexpected faults', () => {
  it('answers 500 with a generic message and logs the stack', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const failing: OperationHandlers = {
      ...handlers,
      getHealth: () => Promise.reject(new Error('select * from secret_table failed at /srv/x.ts')),
    };
    const service = await createService({
      config: testConfig(sqlite!.create()),
      log,
      handlers: failing,
    });

    try {
      const res = await supertest(service.app).get('/api/order/health');

      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        timestamp: expect.any(String),
        code: 'INTERNAL_ERROR',
        message: 'an unexpected error occurred',
        isProcess: false,
        error: true,
        errors: [],
      });
      const entries = lines.map((l) => JSON.parse(l) as { msg: string; err?: { stack: string } });
      const logged = entries.find((l) => l.msg === 'unexpected fault');
      expect(logged?.err?.stack).toContain('select * from secret_table failed');
    } finally {
      await service.close();
    }
  });

  it('turns an answer that breaks the contract into a 500 while testing', async () => {
    const offContract: OperationHandlers = {
      ...handlers,
      getHealth: () => Promise.resolve({ status: 200, body: { hello: 'world' } as never }),
    };
    const h = await startHarness(sqlite!, {}, { handlers: offContract });

    try {
      const res = await supertest(h.service.app).get('/api/order/health');

      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL_ERROR');
    } finally {
      await h.close();
    }
  });
});
