// `npm run package`: the store packages. Builds the production extension (dist/), checks it
// (scripts/check-build.ts) and zips it reproducibly, one package per store:
//   release/chrome/teamviewer-for-boss-<version>.zip   Chrome Web Store
//   release/edge/teamviewer-for-boss-<version>.zip     Edge Add-ons
// Both stores take the same Manifest V3 package, so the two files have the same bytes.
// Reproducible: entries in byte order of their paths, one fixed timestamp, no extra fields, no
// directory entries, deflate at level 9 (fflate, pure JS): the same dist/ gives the same zip.
//
// `--reproducible` (what `npm test` runs, as `npm run check:build`): also builds a second time, in
// another process and another folder, zips that and fails unless both zips have the same bytes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { checkZip, filesOf, readDir, report, sizesOf } from './check-build.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STORES = ['chrome', 'edge'] as const;
export const version = (): string => (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const zipPath = (store: (typeof STORES)[number], v = version()) => join(ROOT, 'release', store, `teamviewer-for-boss-${v}.zip`);

/** 1980-01-01 00:00, the earliest time a zip can hold; local time, because that is what the DOS
 *  date fields store (so the bytes do not depend on the machine's time zone). */
export const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** `vite build` (production mode) into `outDir`, in its own process. */
export function buildProduction(outDir: string): void {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

/** The folder as a zip: paths with '/', sorted by their bytes, each with the same fixed time. */
export function zipDir(dir: string): Uint8Array {
  const paths = filesOf(dir).map((f) => relative(dir, f).split(sep).join('/'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const entries: Zippable = {};
  for (const p of paths) entries[p] = [readFileSync(join(dir, p)), { level: 9, mtime: ZIP_TIME, os: 0, attrs: 0 }];
  return zipSync(entries, { level: 9, mtime: ZIP_TIME });
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function main(): Promise<void> {
  const reproducible = process.argv.includes('--reproducible');
  const v = version();
  const dist = join(ROOT, 'dist');
  buildProduction(dist);
  const zip = zipDir(dist);
  const problems = checkZip(zip, v);
  if (reproducible) {
    const again = mkdtempSync(join(tmpdir(), 'tv4boss-build-'));
    try {
      buildProduction(again);
      const zip2 = zipDir(again);
      if (Buffer.compare(Buffer.from(zip), Buffer.from(zip2)) !== 0) {
        problems.push(`not reproducible: two builds of the same sources zip to different bytes (sha256 ${sha256(zip)} vs ${sha256(zip2)})`);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }
  if (!report(`Store package ${v}`, problems, sizesOf(readDir(dist)))) process.exit(1);
  for (const store of STORES) {
    const out = zipPath(store, v);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, zip);
    // What was written is what was checked: read it back.
    if (!report(relative(ROOT, out), checkZip(readFileSync(out), v))) process.exit(1);
  }
  console.log(`${STORES.map((s) => relative(ROOT, zipPath(s, v))).join(', ')}: ${zip.length} bytes, sha256 ${sha256(zip)}` +
    (reproducible ? ' (built twice: same bytes)' : ''));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
