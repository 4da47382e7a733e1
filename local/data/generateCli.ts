/**
 * Command line for the dataset generator and the CSV importer (built by tsconfig.local.json):
 *
 *   node build/local/local/data/generateCli.js generate --size S|M|L [--seed N] [--as-of YYYY-MM-DD]
 *        --out <file.json> [--ndjson]
 *   node build/local/local/data/generateCli.js import-csv <file.csv> --out <file.json>
 *   node build/local/local/data/generateCli.js validate <file.json>
 *
 * Progress goes to stderr; a one-line JSON summary to stdout. Exit status 1 on any error.
 */
import { writeGeneratedDataset, DatasetSize } from './generate';
import { importCsv } from './importCsv';
import { loadDataset, writeDataset } from './load';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === 'generate') {
    const size = option(args, '--size') as DatasetSize | undefined;
    const out = option(args, '--out');
    if (!size || !['S', 'M', 'L'].includes(size) || !out) {
      process.stderr.write('usage: generate --size S|M|L [--seed N] [--as-of YYYY-MM-DD] --out <file.json> [--ndjson]\n');
      return 2;
    }
    const seedText = option(args, '--seed');
    const seed = seedText === undefined ? undefined : /^\d+$/.test(seedText) ? Number(seedText) : seedText;
    let lastPct = -1;
    const summary = writeGeneratedDataset({
      size,
      seed,
      asOf: option(args, '--as-of'),
      out,
      ndjson: args.includes('--ndjson') ? true : undefined,
      onProgress: (p) => {
        const pct = Math.floor((p.day / p.days) * 100);
        if (Math.floor(pct / 5) !== Math.floor(lastPct / 5) || p.day === p.days) {
          lastPct = pct;
          const mb = (p.bytes / 1048576).toFixed(0);
          const rss = (process.memoryUsage().rss / 1048576).toFixed(0);
          process.stderr.write(`${p.size} ${pct}% ${p.date}: ${p.transactions} transactions, ${p.invoices} invoices, ${mb} MB written, rss ${rss} MB\n`);
        }
      },
    });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  if (command === 'import-csv') {
    const csv = args[0];
    const out = option(args, '--out');
    if (!csv || !out) {
      process.stderr.write('usage: import-csv <file.csv> --out <file.json>\n');
      return 2;
    }
    const ds = importCsv(csv);
    const r = writeDataset(ds, out);
    process.stdout.write(`${JSON.stringify({ file: out, bytes: r.bytes, transactions: ds.transactions.length, suggestedAsOf: ds.suggestedAsOf })}\n`);
    return 0;
  }
  if (command === 'validate') {
    const file = args[0];
    if (!file) {
      process.stderr.write('usage: validate <file.json>\n');
      return 2;
    }
    const t0 = Date.now();
    const ds = loadDataset(file);
    process.stdout.write(
      `${JSON.stringify({ file, valid: true, customers: ds.customers.length, transactions: ds.transactions.length, ms: Date.now() - t0 })}\n`,
    );
    return 0;
  }
  process.stderr.write('usage: generateCli.js generate|import-csv|validate ...\n');
  return 2;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
