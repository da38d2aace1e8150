import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/**
 * Headless Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`: file
 * descriptors 3 and 4, messages as JSON ended by a NUL byte), for the few things the factsheet
 * needs: a page in a browser context of its own with scripts off and every request refused but
 * its own document, HTML written into it, a script run in an isolated world, a PDF, PNGs of elements.
 *
 * This replaces playwright-core on the server, whose ~0.4 s of loading (two 3.4 MB bundles) came
 * before Chromium could even be started and was most of the factsheet CLI's wait beyond Chromium's
 * own work (docs/benchmarks.md, session 17). Chromium is started here the moment it is asked for,
 * with the switches playwright uses for headless Chromium that change what is drawn (no
 * scrollbars, sRGB colours), so pages measure and print as they did.
 */

/** A command's answer; the protocol's types are not a dependency of rondo. */
// biome-ignore lint/suspicious/noExplicitAny: the DevTools protocol's messages are JSON of many shapes.
type Json = Record<string, any>;

/** How long a command may take before it fails (playwright's default timeout for a page load). */
const COMMAND_MS = 30_000;

/** The switches of playwright-core's headless Chromium that matter for rendering and for a quiet, short-lived browser. */
const SWITCHES = [
  '--hide-scrollbars',
  '--force-color-profile=srgb',
  '--mute-audio',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-breakpad',
  '--disable-hang-monitor',
  '--disable-field-trial-config',
  '--disable-features=Translate,OptimizationHints,MediaRouter,PaintHolding,NetworkTimeServiceQuerying',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-default-browser-check',
  '--no-service-autorun',
  '--no-startup-window',
  '--dns-prefetch-disable',
];

/** Chromium stopped (or never started): every command still waiting fails with this. */
export class ChromiumExitedError extends Error {
  constructor(detail: string) {
    super(`Chromium stopped: ${detail}`);
    this.name = 'ChromiumExitedError';
  }
}

interface Waiting {
  resolve(result: Json): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

type Listener = (params: Json) => void;

/** Browsers still running, killed if the process exits without closing them. */
const running = new Set<Chromium>();
process.once('exit', () => {
  for (const b of running) b.kill();
});

/** Profile directories are named after the process that made them, so that one left behind can be told. */
const PROFILE_PREFIX = 'rondo-chromium-';

/**
 * Removes the profile directories of processes that no longer run (killed before they could
 * clean up: kill -9 takes Chromium down with its pipe, but not its directory). In the background.
 */
function sweepProfiles(): void {
  const tmp = os.tmpdir();
  fs.readdir(tmp, (err, names) => {
    if (err) return;
    for (const name of names) {
      const pid = name.startsWith(PROFILE_PREFIX) ? Number(/^(\d+)-/.exec(name.slice(PROFILE_PREFIX.length))?.[1]) : 0;
      if (!pid || pid === process.pid || alive(pid)) continue;
      fs.rm(path.join(tmp, name), { recursive: true, force: true }, () => {});
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Chromium {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Event listeners by session id (or '' for the browser) and method. */
  private readonly listeners = new Map<string, Listener>();
  private stopped: Error | null = null;
  private readonly stopListeners = new Set<(err: Error) => void>();
  private stderr = '';
  /** Resolves when the process has exited and its profile directory is removed. */
  readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly profileDir: string,
  ) {
    const input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    let pending = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      let end = chunk.indexOf('\0');
      if (end < 0) {
        pending += chunk;
        return;
      }
      let from = 0;
      while (end >= 0) {
        this.receive(pending + chunk.slice(from, end));
        pending = '';
        from = end + 1;
        end = chunk.indexOf('\0', from);
      }
      pending = chunk.slice(from);
    });
    input.on('error', () => {}); // a closed pipe is reported by the exit below
    output.on('error', () => {});
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      const done = (detail: string) => {
        this.stop(new ChromiumExitedError(detail));
        running.delete(this);
        fs.rm(this.profileDir, { recursive: true, force: true, maxRetries: 3 }, () => resolve());
      };
      child.once('error', (err) => done(err.message));
      child.once('exit', (code, signal) => done(`${signal ? `signal ${signal}` : `exit code ${code}`}${this.stderrTail()}`));
    });
    running.add(this);
  }

  /** Starts Chromium and waits until it answers. `args` are its switches beyond SWITCHES. */
  static async launch(executablePath: string, args: readonly string[]): Promise<Chromium> {
    sweepProfiles();
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    // Network prediction off (2 = never): it preconnects to a frame's address before any policy or
    // interception applies (test/factsheet/chromium.test.ts saw two sockets opened for an <iframe>).
    fs.mkdirSync(path.join(profileDir, 'Default'));
    fs.writeFileSync(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify({ net: { network_prediction_options: 2 } }));
    const child = spawn(executablePath, [...SWITCHES, ...args, '--remote-debugging-pipe', `--user-data-dir=${profileDir}`], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const browser = new Chromium(child, profileDir);
    try {
      await browser.send('Browser.getVersion');
    } catch (err) {
      browser.kill();
      throw err;
    }
    return browser;
  }

  /** Sends a command (to a page's session when `sessionId` is given) and waits for its answer. */
  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`Chromium did not answer ${method} within ${COMMAND_MS / 1000} s`));
      }, COMMAND_MS);
      this.waiting.set(id, { resolve, reject, timer });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  /** Listens to one event of a session ('' for the browser's own); one listener per event and session. */
  on(sessionId: string, method: string, listener: Listener | null): void {
    const key = `${sessionId}\u0000${method}`;
    if (listener) this.listeners.set(key, listener);
    else this.listeners.delete(key);
  }

  /** Asks Chromium to close and waits for it, killing it if it has not exited within two seconds. */
  async close(): Promise<void> {
    if (!this.stopped) {
      this.send('Browser.close').catch(() => {});
      const timer = setTimeout(() => this.kill(), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }

  /** Stops the process at once (the process's exit handler, a failed start, a close that hangs). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Calls `listener` with the error if Chromium stops (at once if it has); returns what removes the listener. */
  onStop(listener: (err: Error) => void): () => void {
    if (this.stopped) {
      listener(this.stopped);
      return () => {};
    }
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }

  private receive(text: string): void {
    let message: { id?: number; method?: string; params?: Json; sessionId?: string; result?: Json; error?: Json };
    try {
      message = JSON.parse(text);
    } catch {
      return; // not a message: nothing waits for it (a command that never hears back times out)
    }
    if (message.id !== undefined) {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      this.waiting.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.error)
        waiting.reject(new Error(`Chromium: ${message.error.message ?? 'error'}${message.error.data ? ` (${message.error.data})` : ''}`));
      else waiting.resolve(message.result ?? {});
    } else if (message.method) {
      this.listeners.get(`${message.sessionId ?? ''}\u0000${message.method}`)?.(message.params ?? {});
    }
  }

  private stop(err: Error): void {
    if (this.stopped) return;
    this.stopped = err;
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiting.clear();
    for (const listener of this.stopListeners) listener(err);
    this.stopListeners.clear();
  }

  private stderrTail(): string {
    const lines = this.stderr.trim().split('\n').slice(-3).join(' ');
    return lines ? ` (${lines})` : '';
  }
}

export interface PageOptions {
  /** Device pixels per CSS pixel: what PNGs are drawn at. */
  scale?: number;
  /** The viewport in CSS pixels (playwright's default: 1280 × 720). */
  width?: number;
  height?: number;
}

/** A page's one loaded document: served by the page itself (Fetch), never fetched; every HTML is written into it. */
const BLANK_URL = 'https://factsheet.rondo.invalid/';
const BLANK = '<!doctype html><title></title>';

/**
 * The document's own policy, the first wall: nothing but what it carries inline (styles, SVG, and
 * fonts and images as data: URLs) is loaded, no frame, no script. Behind it Fetch refuses every
 * request but the document's, and the page is offline.
 */
const DOCUMENT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'none'; form-action 'none'; base-uri 'none'";

/**
 * Replaces the page's document with `html` and resolves at its load event (run in the isolated
 * world: the page's own scripts stay off). document.open() clears the window's listeners, so the
 * load listener is added after close(); the load cannot come before this script has returned.
 */
const WRITE_DOCUMENT = `function (html) {
  return new Promise((resolve) => {
    document.open();
    document.write(html);
    document.close();
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', () => resolve(), { once: true });
  });
}`;

/**
 * A page in a browser context of its own, with scripts off and no network: every request is
 * refused (BlockedByClient) but the one for its own first, empty document, which carries the
 * policy; setContent writes each HTML into that document. Closing it disposes of its context.
 */
export class ChromiumPage {
  /** The navigation to BLANK_URL, made by the first setContent. */
  private blank: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly browser: Chromium,
    private readonly contextId: string,
    private readonly sessionId: string,
    private readonly frameId: string,
  ) {
    browser.on(sessionId, 'Fetch.requestPaused', (p) => {
      const answer =
        p.resourceType !== 'Document' || p.request.url !== BLANK_URL
          ? this.send('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' })
          : this.send('Fetch.fulfillRequest', {
              requestId: p.requestId,
              responseCode: 200,
              responseHeaders: [
                { name: 'Content-Type', value: 'text/html; charset=utf-8' },
                { name: 'Content-Security-Policy', value: DOCUMENT_POLICY },
              ],
              body: Buffer.from(BLANK).toString('base64'),
            });
      answer.catch(() => {}); // a page closed meanwhile
    });
  }

  static async open(browser: Chromium, options: PageOptions = {}): Promise<ChromiumPage> {
    const { browserContextId } = await browser.send('Target.createBrowserContext', { disposeOnDetach: true });
    try {
      const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
      const send = (method: string, params?: Json) => browser.send(method, params, sessionId);
      const [{ frameTree }] = await Promise.all([
        send('Page.getFrameTree'),
        send('Page.enable'),
        send('Page.setLifecycleEventsEnabled', { enabled: true }),
        send('Emulation.setScriptExecutionDisabled', { value: true }),
        send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }),
        // And offline besides, as a second wall: what Fetch does not see (a DNS prefetch, say) fails too.
        send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }),
        send('Emulation.setDeviceMetricsOverride', {
          width: options.width ?? 1280,
          height: options.height ?? 720,
          deviceScaleFactor: options.scale ?? 1,
          mobile: false,
        }),
      ]);
      return new ChromiumPage(browser, browserContextId, sessionId, frameTree.frame.id);
    } catch (err) {
      await browser.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
      throw err;
    }
  }

  private send(method: string, params?: Json): Promise<Json> {
    return this.browser.send(method, params, this.sessionId);
  }

  /**
   * Loads `html` as the page's document and waits for its load event (images, fonts and styles in
   * it). The first time the page navigates to its own empty document (served with the policy);
   * from then on the HTML is written into that document (document.open, write, close, from the
   * isolated world), which keeps its origin and policy and costs a fraction of a navigation.
   */
  async setContent(html: string): Promise<void> {
    await (this.blank ??= this.loadBlank());
    const { executionContextId } = await this.send('Page.createIsolatedWorld', { frameId: this.frameId, worldName: 'rondo' });
    const { exceptionDetails } = await this.send('Runtime.callFunctionOn', {
      functionDeclaration: WRITE_DOCUMENT,
      executionContextId,
      arguments: [{ value: html }],
      awaitPromise: true,
    });
    if (exceptionDetails)
      throw new Error(`Chromium could not write the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  }

  /** Navigates to BLANK_URL, the page's own empty document served from memory with the policy, and waits for its load. */
  private async loadBlank(): Promise<void> {
    // The load of this navigation: lifecycle events name their loader, so a late event of an earlier load is not taken for it.
    const loaded = new Set<string>();
    let wake = () => {};
    let unwatch = () => {};
    this.browser.on(this.sessionId, 'Page.lifecycleEvent', (p) => {
      if (p.name === 'load' && p.frameId === this.frameId) {
        loaded.add(p.loaderId);
        wake();
      }
    });
    try {
      const { errorText, loaderId } = await this.send('Page.navigate', { url: BLANK_URL, frameId: this.frameId });
      if (errorText) throw new Error(`Chromium could not load the page: ${errorText}`);
      if (!loaded.has(loaderId)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`Chromium did not finish loading a page within ${COMMAND_MS / 1000} s`)),
            COMMAND_MS,
          );
          const settle = () => {
            clearTimeout(timer);
            resolve();
          };
          wake = () => loaded.has(loaderId) && settle();
          unwatch = this.browser.onStop((err) => {
            clearTimeout(timer);
            reject(err);
          });
        });
      }
    } finally {
      this.browser.on(this.sessionId, 'Page.lifecycleEvent', null);
      unwatch();
    }
  }

  /** The value of a script expression, run in an isolated world (the page's own scripts stay off). */
  async evaluate(expression: string): Promise<unknown> {
    const { executionContextId } = await this.send('Page.createIsolatedWorld', { frameId: this.frameId, worldName: 'rondo' });
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`Script failed in Chromium: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  setViewport(width: number, height: number, scale = 1): Promise<unknown> {
    return this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile: false });
  }

  /** Lays the page out as for print (print style sheets), as the PDF will be. */
  emulatePrint(): Promise<unknown> {
    return this.send('Emulation.setEmulatedMedia', { media: 'print' });
  }

  /**
   * The page as a PDF on A4 with no margins of the printer's own (the page's CSS sets them),
   * backgrounds printed, tagged and with an outline — as playwright's `page.pdf` with format A4.
   */
  async pdf(): Promise<Buffer> {
    const { data } = await this.send('Page.printToPDF', {
      paperWidth: 8.27,
      paperHeight: 11.7,
      marginTop: 0,
      marginBottom: 0,
      marginLeft: 0,
      marginRight: 0,
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    return Buffer.from(data as string, 'base64');
  }

  /** A PNG of each element `selector` finds, cut from the page at the page's scale (whole device pixels around its box). */
  async screenshots(selector: string): Promise<Buffer[]> {
    const boxes = (await this.evaluate(
      `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (e) => {
        const r = e.getBoundingClientRect();
        return [r.x + scrollX, r.y + scrollY, r.width, r.height];
      })`,
    )) as [number, number, number, number][];
    const out: Buffer[] = [];
    for (const [x, y, width, height] of boxes) {
      // The smallest rectangle of whole CSS pixels that holds the box, as playwright cuts an element's screenshot.
      const left = Math.floor(x + 1e-3);
      const top = Math.floor(y + 1e-3);
      const clip = { x: left, y: top, width: Math.ceil(x + width - 1e-3) - left, height: Math.ceil(y + height - 1e-3) - top, scale: 1 };
      const { data } = await this.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true });
      out.push(Buffer.from(data as string, 'base64'));
    }
    return out;
  }

  /** Disposes of the page's browser context (and so of the page). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.browser.on(this.sessionId, 'Fetch.requestPaused', null);
    if (this.browser.running) await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.contextId });
  }
}
