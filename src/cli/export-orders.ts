import { exportOrders } from '../orders/export-orders';
import { runCli } from './run-cli';

/** `npm run export-orders -- ORDNO…`: prints those orders, with history, as an order file. */
runCli(async (em) => {
  const orderNumbers = process.argv.slice(2);
  if (orderNumbers.length === 0) {
    process.stderr.write('usage: npm run export-orders -- ORDNO [ORDNO …]\n');
    return 2;
  }

  const { orders, missing } = await exportOrders(em, orderNumbers);
  process.stdout.write(`${JSON.stringify({ orders }, null, 2)}\n`);
  if (missing.length > 0) {
    process.stderr.write(`not found: ${missing.join(', ')}\n`);
    return 1;
  }
  return 0;
});
