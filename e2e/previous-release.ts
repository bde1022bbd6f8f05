// The test build of the previous release, for the update test (e2e/update.spec.ts). There is no
// published package of it: it is built from its commit, with today's node_modules (the same
// dependencies: 0.1.0 added none since), in test mode, so it carries the same fixed key and thus
// the same extension id as today's dist-test/. Built once per commit and kept in
// node_modules/.cache/ (about 2 s to build; nothing is left behind but the cached build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREVIOUS_RELEASE = { version: '0.1.0', commit: '8f4bfae' } as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'tv4boss-previous-release');

/** The folder of the previous release's test build (built on first use). */
export function previousReleaseBuild(): string {
  const sha = execFileSync('git', ['rev-parse', `${PREVIOUS_RELEASE.commit}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const out = join(CACHE, sha);
  if (existsSync(join(out, 'manifest.json'))) return out;
  mkdirSync(CACHE, { recursive: true });
  const src = mkdtempSync(join(CACHE, `${sha}-src-`));
  try {
    execFileSync('sh', ['-c', `git -C "${ROOT}" archive --format=tar ${sha} | tar -x -C "${src}"`], { stdio: 'inherit' });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--mode', 'test', '--logLevel', 'warn'], { cwd: src, stdio: 'inherit' });
    rmSync(out, { recursive: true, force: true });
    renameSync(join(src, 'dist-test'), out);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
  return out;
}
