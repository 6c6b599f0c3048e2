import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * How a test starts the service or the CLI as a process of its own. `npm test` type-checks and
 * compiles the project once (into test-output/dist) and sets TEST_COMPILED_DIR, so each of the
 * suite's couple of hundred service and CLI processes loads JavaScript (about 1.8 s of CPU on this
 * machine) instead of transpiling every file again through ts-node (about 5.6 s). A run of chosen
 * files with `npx jest` has no such build, and runs the sources through ts-node, so it never runs
 * stale code.
 */
export function entryPoint(app: 'api' | 'cli'): { readonly args: readonly string[]; readonly env: NodeJS.ProcessEnv } {
  const compiled = process.env['TEST_COMPILED_DIR'];
  if (compiled === undefined || compiled === '') {
    return { args: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`], env: { TS_NODE_TRANSPILE_ONLY: 'true' } };
  }
  const dir = resolve(ROOT, compiled);
  // tsconfig-paths maps @app/* onto the compiled libraries when its base is the compiled tree.
  return { args: ['-r', 'tsconfig-paths/register', join(dir, 'apps', app, 'src', 'main.js')], env: { TS_NODE_BASEURL: dir } };
}
