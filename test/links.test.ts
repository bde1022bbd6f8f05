// The widget's check for addresses from the API before they go into an href.
import { describe, expect, it } from 'vitest';
import { safeHref } from '../src/content/widget/links';

describe('safeHref', () => {
  it('https addresses are links', () => {
    expect(safeHref('https://get.teamviewer.com/v15/s123456789', false)).toBe('https://get.teamviewer.com/v15/s123456789');
    expect(safeHref('HTTPS://Get.TeamViewer.com/x', false)).toBe('https://get.teamviewer.com/x');
  });

  it('anything else is not: scripts, data, plain http, relative or broken addresses', () => {
    for (const bad of [
      'javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'vbscript:x', 'file:///etc/passwd', 'http://get.teamviewer.com/s1', 'ftp://x.example/s', '//evil.example/x',
      '/relative', 'get.teamviewer.com/s1', '', 'https://', undefined,
    ]) expect(safeHref(bad, false), String(bad)).toBeUndefined();
  });

  it('plain http only on loopback, and only in the test build (its sandbox)', () => {
    for (const local of ['http://127.0.0.1:4010/s1', 'http://localhost:4010/s1', 'http://[::1]:4010/s1', 'http://127.0.0.2/s1']) {
      expect(safeHref(local, true), local).toBeTruthy();
      expect(safeHref(local, false), local).toBeUndefined();
    }
    expect(safeHref('http://example.com/s1', true)).toBeUndefined();
    expect(safeHref('http://127.0.0.1.evil.example/s1', true)).toBeUndefined();
    expect(safeHref('javascript:alert(1)', true)).toBeUndefined();
  });
});
