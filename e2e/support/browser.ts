import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
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
