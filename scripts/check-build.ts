// What a production build and its store package must (not) ship. Used by `npm run package` and by
// `npm test` (`npm run check:build`, which packages twice and compares the bytes: scripts/package.ts).
// Standalone: `tsx scripts/check-build.ts <dist folder | package zip>…`, exits non-zero with every finding.
//   - no e2e test hook, no source maps, no loopback hosts, no fixed key (the test build's);
//   - the version is package.json's;
//   - a strict content_security_policy.extension_pages: scripts from the package only ('self'),
//     no 'unsafe-eval' / 'unsafe-inline', no remote source; object-src 'self' or 'none';
//   - no inline script or inline event handler in the extension's HTML;
//   - every file the manifest names is in the package (Chromium refuses the extension silently otherwise);
//   - the content script every ticket page loads stays within its budget: ≤ CONTENT_BUDGET_GZ bytes
//     gzip -9 (node's zlib, which gives a few bytes more than the gzip tool: the stricter figure);
//   - a zip: manifest.json at its root, entries sorted, no folders, one fixed timestamp, no extra
//     fields or comments (what makes it reproducible).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';

type Files = Map<string, Uint8Array>;

const BANNED_TEXT = ['__tv4boss', 'installTestHook', 'sourceMappingURL'];
const LOOPBACK = ['localhost', '127.0.0.1', '127.0.0.2', '[::1]'];
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** Problems of a Content-Security-Policy for extension pages (empty: strict enough). */
export function cspProblems(csp: unknown): string[] {
  if (typeof csp !== 'string' || !csp.trim()) return ['CSP: no content_security_policy.extension_pages'];
  const out: string[] = [];
  const directives = new Map<string, string[]>();
  for (const d of csp.split(';').map((x) => x.trim()).filter(Boolean)) {
    const [name, ...sources] = d.split(/\s+/);
    directives.set(name!.toLowerCase(), sources);
  }
  const allow: Record<string, string[]> = { 'script-src': ["'self'"], 'object-src': ["'self'", "'none'"] };
  for (const [name, allowed] of Object.entries(allow)) {
    const sources = directives.get(name);
    if (!sources?.length) out.push(`CSP: no ${name} directive`);
    else for (const s of sources) if (!allowed.includes(s.toLowerCase())) out.push(`CSP: ${name} allows ${s}`);
  }
  for (const [name, sources] of directives) {
    for (const s of sources) {
      if (/unsafe-(eval|inline|hashes)|^\*$|^(https?|wss?|data|blob):/i.test(s) && !(name in allow)) out.push(`CSP: ${name} allows ${s}`);
    }
  }
  return out;
}

/** Problems of the extension's HTML: inline scripts, inline event handlers, javascript: URLs. */
export function htmlProblems(path: string, html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1]!) || m[2]!.trim()) out.push(`${path}: inline script`);
  }
  if (/<[^>]+\son[a-z]+\s*=/i.test(html)) out.push(`${path}: inline event handler`);
  if (/javascript:/i.test(html)) out.push(`${path}: javascript: URL`);
  return out;
}

/** The content script's budget: 15 KB (KiB) gzip -9, as bench/inject.ts measures it. */
export const CONTENT_BUDGET_GZ = 15 * 1024;

/** The manifest's content scripts (JavaScript), with their gzip -9 size in bytes. */
export function contentScriptSizes(files: Files, manifest: Record<string, unknown>): { file: string; gz: number }[] {
  const js = ((manifest.content_scripts as { js?: string[] }[] | undefined) ?? []).flatMap((cs) => cs.js ?? []).map((f) => f.replace(/^\//, ''));
  return [...new Set(js)].filter((f) => files.has(f)).map((file) => ({ file, gz: gzipSync(files.get(file)!, { level: 9 }).length }));
}

/** Files the manifest names, which must be in the package. */
function namedFiles(m: Record<string, unknown>): string[] {
  const out: string[] = [];
  const icons = (x: unknown) => (x && typeof x === 'object' ? Object.values(x as Record<string, string>) : []);
  out.push(...icons(m.icons));
  out.push(...icons((m.action as { default_icon?: unknown } | undefined)?.default_icon));
  if (typeof m.options_page === 'string') out.push(m.options_page);
  const sw = (m.background as { service_worker?: string } | undefined)?.service_worker;
  if (sw) out.push(sw);
  for (const cs of (m.content_scripts as { js?: string[]; css?: string[] }[] | undefined) ?? []) out.push(...(cs.js ?? []), ...(cs.css ?? []));
  const schema = (m.storage as { managed_schema?: string } | undefined)?.managed_schema;
  if (schema) out.push(schema);
  if (typeof m.default_locale === 'string') out.push(`_locales/${m.default_locale}/messages.json`);
  return out.map((f) => f.replace(/^\//, ''));
}

/** Every problem of a built extension (paths relative to its root, '/'-separated). */
export function checkFiles(files: Files, version?: string): string[] {
  const problems: string[] = [];
  for (const [f, bytes] of files) {
    if (f.endsWith('.map')) problems.push(`${f}: source map`);
    if (!/\.(js|html|json|css)$/.test(f)) continue;
    const t = text(bytes);
    for (const banned of BANNED_TEXT) if (t.includes(banned)) problems.push(`${f}: contains ${banned}`);
    if (f.endsWith('.html')) problems.push(...htmlProblems(f, t));
  }
  const raw = files.get('manifest.json');
  if (!raw) return [...problems, 'no manifest.json at the root'];
  const manifest = JSON.parse(text(raw)) as Record<string, unknown>;
  if ('key' in manifest) problems.push('manifest.json: has the test build\'s fixed key');
  const hosts = JSON.stringify([manifest.host_permissions, manifest.content_scripts]);
  for (const h of LOOPBACK) if (hosts.includes(h)) problems.push(`manifest.json: grants ${h}`);
  if (version !== undefined && manifest.version !== version) problems.push(`manifest.json: version ${String(manifest.version)}, package.json says ${version}`);
  problems.push(...cspProblems((manifest.content_security_policy as { extension_pages?: unknown } | undefined)?.extension_pages)
    .map((p) => `manifest.json: ${p}`));
  for (const f of namedFiles(manifest)) if (!files.has(f)) problems.push(`manifest.json names ${f}, which is not in the package`);
  for (const { file, gz } of contentScriptSizes(files, manifest)) {
    if (gz > CONTENT_BUDGET_GZ) problems.push(`${file}: content script is ${gz} B gzip -9, over its budget of ${CONTENT_BUDGET_GZ} B`);
  }
  return problems;
}

/** Every file under `dir`, recursively (absolute paths). */
export const filesOf = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)]));

export const readDir = (dir: string): Files => new Map(filesOf(dir).map((f) => [relative(dir, f).split(sep).join('/'), readFileSync(f)]));

export function checkDir(dir: string, version?: string): string[] {
  return checkFiles(readDir(dir), version);
}

/** DOS date and time of 1980-01-01 00:00 (see ZIP_TIME in scripts/package.ts). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** The zip's own structure: central directory entries in order, with their header fields. */
function zipStructureProblems(zip: Uint8Array): string[] {
  const b = Buffer.from(zip);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return ['not a zip (no end of central directory)'];
  const out: string[] = [];
  if (b.readUInt16LE(eocd + 20) !== 0) out.push('zip has a comment');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(p) !== 0x02014b50) return [...out, `zip: bad central directory entry ${i}`];
    const [time, date] = [b.readUInt16LE(p + 12), b.readUInt16LE(p + 14)];
    const [nameLen, extraLen, commentLen] = [b.readUInt16LE(p + 28), b.readUInt16LE(p + 30), b.readUInt16LE(p + 32)];
    const local = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    names.push(name);
    if (time !== DOS_TIME || date !== DOS_DATE) out.push(`zip: ${name} has its own timestamp`);
    if (extraLen || commentLen || b.readUInt16LE(local + 28)) out.push(`zip: ${name} has extra fields or a comment`);
    if (name.endsWith('/')) out.push(`zip: folder entry ${name}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  const sorted = [...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  if (names.join('\n') !== sorted.join('\n')) out.push('zip: entries are not in sorted order');
  return out;
}

export function checkZip(zip: Uint8Array, version?: string): string[] {
  const structure = zipStructureProblems(zip);
  let files: Files;
  try {
    files = new Map(Object.entries(unzipSync(zip)));
  } catch (e) {
    return [...structure, `zip does not open: ${String(e)}`];
  }
  return [...structure, ...checkFiles(files, version)];
}

/** Prints the findings; true when there are none. */
export function report(label: string, problems: string[], sizes: { file: string; gz: number }[] = []): boolean {
  for (const { file, gz } of sizes) console.log(`${label}: ${file} ${gz} B gzip -9 (budget ${CONTENT_BUDGET_GZ} B, ${CONTENT_BUDGET_GZ - gz} B left)`);
  if (problems.length) {
    console.error(`${label} is not clean:\n  ${problems.join('\n  ')}`);
    return false;
  }
  console.log(`${label}: no test hook, no loopback host, no fixed key, no source map, strict extension-page CSP, every named file present, content script within its size budget.`);
  return true;
}

/** The content scripts' sizes in a package or folder's files (empty without a manifest). */
export function sizesOf(files: Files): { file: string; gz: number }[] {
  const raw = files.get('manifest.json');
  return raw ? contentScriptSizes(files, JSON.parse(text(raw)) as Record<string, unknown>) : [];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const targets = process.argv.slice(2);
  if (!targets.length) targets.push('dist');
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  let ok = true;
  for (const t of targets) {
    const dir = statSync(t).isDirectory();
    const problems = dir ? checkDir(t, version) : checkZip(readFileSync(t), version);
    let files: Files = new Map();
    try {
      files = dir ? readDir(t) : new Map(Object.entries(unzipSync(readFileSync(t))));
    } catch { /* a zip that does not open: checkZip said so */ }
    ok = report(t, problems, sizesOf(files)) && ok;
  }
  if (!ok) process.exit(1);
}
