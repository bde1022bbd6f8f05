// @vitest-environment happy-dom
// The options page says when the worker does not answer its requests, instead of "Loading…" forever.
import { describe, it, expect, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

const answers: Record<string, unknown> = {};
vi.mock('../src/platform/messaging', () => ({
  request: vi.fn(async (msg: { type: string }) => answers[msg.type] ?? { ok: false, error: { code: 'internal', detail: 'worker unreachable' } }),
}));

describe('options page', () => {
  it('shows a failed request as an error with a retry, and loads after the retry', async () => {
    const { Options } = await import('../src/pages/options/Options');
    const root = document.createElement('div');
    document.body.append(root);
    await act(async () => render(<Options />, root));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    const alert = root.querySelector('[data-testid="options-error"]');
    expect(alert?.textContent).toContain('optionsLoadFailed');
    expect(alert?.textContent).toContain('worker unreachable');
    expect(root.querySelector('[data-testid="sites-error"]')?.textContent).toContain('errInternal');
    expect(root.textContent).not.toContain('loading');

    answers['token/status'] = { ok: true, data: { connected: false, apiBaseUrl: 'https://webapi.teamviewer.com/api/v1' } };
    answers['settings/get'] = { ok: true, data: { settings: { apiBaseUrl: 'https://webapi.teamviewer.com/api/v1', pollSeconds: 30, notifyOnExpiry: true, emailSubject: '', emailBody: '', autoSendEmail: true }, locked: [] } };
    await act(async () => (alert!.querySelector('button') as HTMLButtonElement).click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(root.querySelector('[data-testid="options-error"]')).toBeNull();
    expect(root.querySelector('#token')).not.toBeNull();
  });
});
