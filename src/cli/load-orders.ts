import fs from 'node:fs';
import { Order } from '../db/entities';
import { loadOrders } from '../orders/load-orders';
import { runCli } from './run-cli';

const USAGE = 'usage: npm run load-orders -- [--if-empty] FILE.json';

/** `npm run load-orders -- FILE.json`: loads orders in one transaction; repeats are harmless. */
runCli(async (em) => {
  const args = process.argv.slice(2);
  const ifEmpty = args.includes('--if-empty');
  const files = args.filter((a) => a !== '--if-empty');
  if (files.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  if (ifEmpty && (await em.count(Order, {})) > 0) {
    process.stdout.write('database already holds orders: nothing loaded\n');
    return 0;
  }
  const data: unknown = JSON.parse(fs.readFileSync(files[0] as string, 'utf8'));
  const summary = await loadOrders(em, data);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
});
