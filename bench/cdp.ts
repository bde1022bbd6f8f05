// A browser-level Chrome DevTools Protocol line for the benches, beside Playwright: Playwright
// opens CDP sessions on pages only, and the service worker's heap and start need its own target
// (HeapProfiler / Runtime on the worker, Tracing of the whole browser). Chromium is started with
// --remote-debugging-port=0; the port it picked is in DevToolsActivePort in the profile folder.
import { chromium, type BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { CHROMIUM, chromiumArgs } from '../e2e/fixtures.ts';

type Json = Record<string, unknown>;
export interface TraceEvent { name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Json }

export class Cdp {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: Json): void; reject(e: Error): void }>();
  private readonly listeners = new Set<(method: string, params: Json, sessionId?: string) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: Json; error?: { message: string }; method?: string; params?: Json; sessionId?: string };
      if (m.id !== undefined) {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error) w?.reject(new Error(m.error.message));
        else w?.resolve(m.result ?? {});
      } else if (m.method) for (const l of this.listeners) l(m.method, m.params ?? {}, m.sessionId);
    });
  }

  /** The browser endpoint of a Chromium started with --remote-debugging-port=0 on `profileDir`. */
  static async connect(profileDir: string): Promise<Cdp> {
    let lines: string[] = [];
    for (let i = 0; i < 100 && lines.length < 2; i++) {
      try {
        lines = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').trim().split('\n');
      } catch {
        await sleep(50);
      }
    }
    const ws = new WebSocket(`ws://127.0.0.1:${lines[0]}${lines[1]}`, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((res, rej) => {
      ws.once('open', () => res());
      ws.once('error', rej);
    });
    return new Cdp(ws);
  }

  send<T = Json>(method: string, params: Json = {}, sessionId?: string): Promise<T> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve: resolve as (v: Json) => void, reject }));
  }

  on(listener: (method: string, params: Json, sessionId?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A flat session on the extension's running service worker. */
  async attachWorker(extensionId: string): Promise<string> {
    const { targetInfos } = await this.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
    const t = targetInfos.find((x) => x.type === 'service_worker' && x.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!t) throw new Error('no running service worker of the extension');
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId: t.targetId, flatten: true });
    return sessionId;
  }

  /** The worker's JS heap after a full GC, in bytes. */
  async workerHeapAfterGc(extensionId: string): Promise<{ used: number; total: number }> {
    const s = await this.attachWorker(extensionId);
    try {
      await this.send('HeapProfiler.enable', {}, s);
      await this.send('HeapProfiler.collectGarbage', {}, s);
      await this.send('HeapProfiler.collectGarbage', {}, s);
      const { usedSize, totalSize } = await this.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage', {}, s);
      return { used: usedSize, total: totalSize };
    } finally {
      await this.send('Target.detachFromTarget', { sessionId: s }).catch(() => undefined);
    }
  }

  /** A trace of everything `during` causes, in the browser's trace categories `categories`. */
  async trace(categories: string[], during: () => Promise<void>): Promise<TraceEvent[]> {
    const events: TraceEvent[] = [];
    let done!: () => void;
    const complete = new Promise<void>((res) => (done = res));
    const off = this.on((method, params) => {
      if (method === 'Tracing.dataCollected') events.push(...(params.value as TraceEvent[]));
      else if (method === 'Tracing.tracingComplete') done();
    });
    await this.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' } });
    try {
      await during();
    } finally {
      await this.send('Tracing.end');
      await complete;
      off();
    }
    return events;
  }

  close(): void {
    this.ws.close();
  }
}

/** Chromium with the test build, as the e2e fixtures start it, plus a browser-level CDP line. */
export async function launchWithCdp(profileDir: string, extDir?: string): Promise<{ ctx: BrowserContext; cdp: Cdp }> {
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM, headless: true, args: [...chromiumArgs(extDir), '--lang=en-US', '--remote-debugging-port=0'],
  });
  return { ctx, cdp: await Cdp.connect(profileDir) };
}
