import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type RunningServer } from './server-process.ts';
import { launchChromium, signIn } from './browser.ts';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * The demo server (`highbar serve --demo`) and Chromium for one test file: started before its
 * tests, closed after them with every browser context it opened. `asRole` signs in one of the
 * demo accounts in a context of its own, so several people can be signed in at once.
 */
export function useDemoBrowser(options: { onPage?: (page: Page) => void; server?: Parameters<typeof startDemoServer>[0] } = {}) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(options.server), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo server and browser start in beforeAll: use them inside tests');
    return value;
  };
  const demo = {
    get server(): RunningServer {
      return started(server);
    },
    get browser(): Browser {
      return started(browser);
    },
    demoEmail(role: string): string {
      const email = demo.server.accounts[role];
      if (!email) throw new Error(`no demo account for ${role}: ${JSON.stringify(demo.server.accounts)}`);
      return email;
    },
    async open(email: string, password: string, viewport = DESKTOP): Promise<Page> {
      const context = await demo.browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      options.onPage?.(page);
      await signIn(page, demo.server.url, email, password);
      return page;
    },
    asRole(role: string, viewport = DESKTOP): Promise<Page> {
      return demo.open(demo.demoEmail(role), demo.server.demoPassword, viewport);
    },
  };
  return demo;
}

/** A GET in the page, with the page's session: for looking things up and checking the server's state. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }, path) as Promise<T>;
}

/** A write in the page, with the CSRF header the web app sends. */
export async function apiSend<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      // No content type without a body: the server refuses an empty JSON body.
      const headers: Record<string, string> = body === undefined ? { 'x-highbar-csrf': '1' } : { 'content-type': 'application/json', 'x-highbar-csrf': '1' };
      const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}
