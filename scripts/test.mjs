// `npm test`: node's test runner over every test/**/*.test.ts, in two passes.
//
// Most files are tests whose time is largely Node, tsx and tfjs starting up, or a child process
// (the CLI, an example) computing with no clock to beat, so they run two files at a time. The
// files whose tests race a clock against other processes — replicas and TensorFlow workers with
// their collective timeouts and killed peers, writers killed mid-write, TensorFlow's thread
// pools counted — run one at a time afterwards: two of them at once on a 2-core machine would
// starve each other's timeouts. Both passes always run; the exit code is non-zero when either
// failed. Extra arguments go to both runs (e.g. `npm test -- --test-reporter=spec`).
//
// Many tests make logdirs and fixtures under the system's temporary folder without removing
// them (thousands of folders a day). Both passes get one folder of their own as TMPDIR, which
// os.tmpdir(), Python and TensorFlow all follow, removed when they end, so a run leaves nothing
// behind; GANTRY_KEEP_TEST_FILES=1 keeps it (to read a failing test's files) and says where.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

/** Folders and files whose tests race a clock against other processes. */
const ONE_AT_A_TIME = [
  'test/core/backend/tensorflow.test.ts',
  'test/core/checkpoint/crash-safety.test.ts',
  'test/core/distributed/',
  'test/core/summary/crash.test.ts',
  'test/gan/replicas/',
];

const files = readdirSync('test', { recursive: true })
  .map((path) => `test/${path.split('\\').join('/')}`)
  .filter((path) => path.endsWith('.test.ts'))
  .sort();
const alone = (path) => ONE_AT_A_TIME.some((entry) => path === entry || path.startsWith(entry));
const passes = [
  { concurrency: 2, files: files.filter((path) => !alone(path)) },
  { concurrency: 1, files: files.filter(alone) },
];
const scratch = mkdtempSync(join(tmpdir(), 'gantry-tests-'));
let failed = false;
for (const pass of passes) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${pass.concurrency}`,
      ...process.argv.slice(2),
      ...pass.files,
    ],
    { stdio: 'inherit', env: { ...process.env, TMPDIR: scratch } },
  );
  failed ||= result.status !== 0;
}
if (process.env.GANTRY_KEEP_TEST_FILES === '1')
  process.stdout.write(`test files kept in ${scratch}\n`);
else rmSync(scratch, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
