// @vitest-environment happy-dom
// The options page follows a policy change at once: on the worker's 'policy-changed' (its options
// port) it reads the connection, settings and sites again, without a reload.
import { describe, it, expect, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

const answers: Record<string, unknown> = {
  'token/status': { ok: true, data: { connected: false, apiBaseUrl: 'https://webapi.teamviewer.com/api/v1' } },
  'settings/get': { ok: true, data: { settings: { apiBaseUrl: 'https://webapi.teamviewer.com/api/v1', pollSeconds: 30, notifyOnExpiry: true, emailSubject: '', emailBody: '', autoSendEmail: true }, locked: [] } },
};
const request = vi.fn(async (msg: { type: string }) => answers[msg.type] ?? { ok: false, error: { code: 'internal' } });
vi.mock('../src/platform/messaging', () => ({ request: (msg: { type: string }) => request(msg) }));

describe('options page and enterprise policy', () => {
  it('reads the connection, settings and sites again when the worker says the policy changed', async () => {
    const listeners: ((m: unknown) => void)[] = [];
    const names: string[] = [];
    const chromeStub = globalThis.chrome as unknown as Record<string, unknown>;
    vi.stubGlobal('chrome', {
      ...chromeStub,
      runtime: {
        connect: ({ name }: { name: string }) => {
          names.push(name);
          return { onMessage: { addListener: (f: (m: unknown) => void) => listeners.push(f) }, onDisconnect: { addListener: () => undefined }, disconnect: () => undefined };
        },
      },
    });
    try {
      const { Options } = await import('../src/pages/options/Options');
      const root = document.createElement('div');
      document.body.append(root);
      await act(async () => render(<Options />, root));
      await act(async () => new Promise((r) => setTimeout(r, 0)));
      expect(names).toEqual(['options']);
      expect(root.querySelector('#token')).not.toBeNull(); // not connected: the token field
      const count = (type: string) => request.mock.calls.filter(([m]) => m.type === type).length;
      const before = { status: count('token/status'), settings: count('settings/get'), sites: count('sites/list') };

      // The administrator distributes the organisation's token: the worker says so on the port.
      answers['token/status'] = { ok: true, data: { connected: true, source: 'organisation', account: { userid: 'u1', name: 'Jon Snow', email: 'jon@example.com' }, apiBaseUrl: 'https://webapi.teamviewer.com/api/v1' } };
      await act(async () => listeners.forEach((f) => f({ type: 'policy-changed' })));
      await act(async () => new Promise((r) => setTimeout(r, 0)));
      expect(count('token/status')).toBe(before.status + 1);
      expect(count('settings/get')).toBe(before.settings + 1);
      expect(count('sites/list')).toBe(before.sites + 1);
      expect(root.querySelector('[data-testid="account"]')?.textContent).toContain('Jon Snow');
      expect(root.querySelector('#token')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
