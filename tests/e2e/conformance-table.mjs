// Prints the conformance table from the runs conformance.sh recorded:
//   node conformance-table.mjs MANIFEST [SCENARIO...]
// MANIFEST has one line per scenario: name <TAB> harness exit code <TAB> dir,
// where dir holds the suite's results (…/checks.json) and harness.log.
// A scenario passes when the harness exited 0 (no FAILURE or WARNING check,
// no client timeout, no unexpected client error) and its checks.json has no
// FAILURE or WARNING. Exits 1 when any scenario did not pass.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const [manifestPath, ...order] = process.argv.slice(2);
if (!manifestPath) {
  console.error('usage: node conformance-table.mjs MANIFEST [SCENARIO...]');
  process.exit(2);
}

const runs = new Map(
  readFileSync(manifestPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, rc, dir] = line.split('\t');
      return [name, { rc: Number(rc), dir }];
    })
);

function findChecks(dir) {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isFile() && entry.name === 'checks.json') return p;
    if (entry.isDirectory() && entry.name !== 'home') {
      const found = findChecks(p);
      if (found) return found;
    }
  }
  return null;
}

const names = order.length ? order : [...runs.keys()];
const rows = [];
const details = [];
let failedCount = 0;

for (const name of names) {
  const run = runs.get(name);
  const problems = [];
  let bad = [];
  if (!run) {
    problems.push('not run');
  } else {
    const checksPath = findChecks(run.dir);
    if (!checksPath) {
      problems.push('no checks.json');
    } else {
      const checks = JSON.parse(readFileSync(checksPath, 'utf8'));
      bad = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
      for (const c of bad) problems.push(`${c.id} (${c.status})`);
    }
    const log = existsSync(join(run.dir, 'harness.log'))
      ? readFileSync(join(run.dir, 'harness.log'), 'utf8')
      : '';
    if (/CLIENT TIMED OUT/.test(log)) problems.push('client timed out');
    const exited = log.match(/CLIENT EXITED WITH ERROR \(code (-?\d+)\)/);
    if (exited) problems.push(`client exit ${exited[1]}`);
    if (run.rc !== 0 && problems.length === 0) problems.push(`harness exit ${run.rc}`);
  }
  const pass = run && run.rc === 0 && problems.length === 0;
  if (!pass) failedCount++;
  rows.push([name, pass ? 'pass' : 'FAIL', problems.join(', ')]);
  if (!pass && run) {
    details.push(
      `${name}: ${relative(process.cwd(), run.dir)}/ (harness.log, checks.json, stderr.txt)` +
        bad
          .map((c) => `\n    ${c.id}: ${c.errorMessage || c.details?.message || c.description}`)
          .join('')
    );
  }
}

const header = ['scenario', 'result', 'failing checks'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(
  `\n${rows.length - failedCount}/${rows.length} client scenarios passed` +
    (failedCount ? `, ${failedCount} failed` : '')
);
if (details.length) {
  console.log('\nDetails:');
  for (const d of details) console.log(`  ${d}`);
}
// The plain closing line CI systems read.
console.log(`conformance: ${rows.length - failedCount} passed, ${failedCount} failed`);
process.exit(failedCount ? 1 : 0);
