import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

/** Debian's Chromium: `.ci/run` installs it; tests never download a browser. */
export function chromiumPath(): string {
  const candidates = [process.env.KEFU_CHROMIUM, '/usr/bin/chromium'].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not installed: apt-get install -y chromium (or set KEFU_CHROMIUM)');
  }
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS });
}

export interface LifecycleBrowser {
  browser: Browser;
  /** The browser's own default context: real visibility, so pages can be hidden and frozen. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium with real page visibility, for tests of freezing and hiding. Playwright's
 * contexts emulate focus, which keeps every page "visible" and unfreezable
 * (`Page.setWebLifecycleState` then succeeds and changes nothing); attaching over CDP
 * with `noDefaults` leaves the default context alone. Its iframes get (partitioned)
 * third-party storage, unlike Playwright's contexts.
 */
export async function launchLifecycleChromium(): Promise<LifecycleBrowser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-chromium-'));
  const child = spawn(chromiumPath(), [...ARGS, '--remote-debugging-port=0', `--user-data-dir=${dir}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`Chromium exited: ${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  return {
    browser,
    context: browser.contexts()[0]!,
    async close() {
      const exited = child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
      // Closing a browser Playwright only attached to leaves it running: ask it to quit.
      await (await browser.newBrowserCDPSession()).send('Browser.close').catch(() => child.kill());
      await exited;
      await browser.close().catch(() => undefined);
      // Its helper processes may still be writing the profile for a moment.
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

export const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The widget's iframe (it lives in the loader's shadow root, so find it among the page's frames). */
export async function widgetFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => new URL(f.url() || 'about:blank', 'http://x').pathname === '/widget/');
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the widget iframe never appeared');
    await page.waitForTimeout(50);
  }
}
