// `npm start` without a display: scripts/start.ts runs the headless walkthrough (connect → play →
// customer joins → stop, then "Teach on this page" on the generated-class layout) against the
// already built dist-test/ and saves eight screenshots, four of them of the picker.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHOTS = ['1-ticket.png', '2-case-open.png', '3-customer-joined.png', '4-closed-with-comment.png',
  '5-teach-start.png', '6-teach-checked.png', '7-teach-panel.png', '8-taught-widget.png'];
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('headless start: the walkthrough (also teaching the generated-class layout) ends with exit code 0 and eight PNG screenshots', async () => {
  test.setTimeout(150_000);
  const out = mkdtempSync(join(tmpdir(), 'tv4boss-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SANDBOX_PORT: '0', DESK_PORT: '0', START_ARTIFACTS: out };
  delete env.DISPLAY;
  delete env.HEADLESS;
  // tsx directly, not `npm start`: the e2e run has built dist-test/ already.
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 140_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  try {
    expect(code, output).toBe(0);
    // Ephemeral ports were used, and the real ones printed.
    const ports = /Ports: sandbox (\d+), demo desk (\d+)/.exec(output);
    expect(ports, output).not.toBeNull();
    expect(Number(ports![1])).toBeGreaterThan(0);
    expect(Number(ports![2])).toBeGreaterThan(0);
    expect(output).not.toContain(':4010');
    expect(output).not.toContain(':4020');
    for (const name of SHOTS) {
      const file = join(out, name);
      expect(statSync(file).size, name).toBeGreaterThan(1000);
      expect(readFileSync(file).subarray(0, 8).equals(PNG_MAGIC), name).toBe(true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
