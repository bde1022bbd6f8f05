// `npm test` checks the production build (dist/) for what must never ship: the e2e test hook, the
// test build's loopback hosts and fixed key, source maps. Exits non-zero with every finding.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
const all = files(dir);
const problems: string[] = [];

for (const f of all) {
  if (f.endsWith('.map')) problems.push(`${f}: source map`);
  if (!/\.(js|html|json|css)$/.test(f)) continue;
  const text = readFileSync(f, 'utf8');
  for (const banned of ['__tv4boss', 'installTestHook', 'sourceMappingURL']) {
    if (text.includes(banned)) problems.push(`${f}: contains ${banned}`);
  }
}
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
if ('key' in manifest) problems.push('manifest.json: has the test build\'s fixed key');
const hosts = JSON.stringify([manifest.host_permissions, manifest.content_scripts]);
for (const h of ['localhost', '127.0.0.1', '127.0.0.2']) if (hosts.includes(h)) problems.push(`manifest.json: grants ${h}`);

if (problems.length) {
  console.error(`Production build ${dir}/ is not clean:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Production build ${dir}/: ${all.length} files, no test hook, no loopback host, no fixed key, no source map.`);
