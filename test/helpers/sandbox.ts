// A TeamViewer sandbox for a unit-test file: started once, a fresh worker state before each test,
// and the control calls the tests use.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Group, type LoggedRequest, type SandboxHandle, type Session } from '../../e2e/servers/sandbox.ts';
import { freshWorkerState } from './worker-state';

export interface SandboxFixture {
  /** Set once the file's beforeAll has run. */
  readonly sb: SandboxHandle;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ctl(path: string, body?: unknown, method?: 'GET' | 'POST'): Promise<any>;
  state(): Promise<{ groups: Group[]; sessions: Session[] }>;
  requests(): Promise<LoggedRequest[]>;
}

export function useSandbox(): SandboxFixture {
  let handle: SandboxHandle | undefined;
  beforeAll(async () => { handle = await startSandbox({ port: 0 }); });
  afterAll(async () => { await handle?.close(); });
  beforeEach(() => freshWorkerState(handle!.url));
  const fx: SandboxFixture = {
    get sb() { return handle!; },
    async ctl(path, body = {}, method = 'POST') {
      const res = await fetch(`${handle!.url}/__control${path}`, { method, body: method === 'GET' ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
      return res.json();
    },
    state: () => fx.ctl('/state', undefined, 'GET'),
    requests: () => fx.ctl('/requests', undefined, 'GET'),
  };
  return fx;
}
