#!/usr/bin/env node
// Headless "user" for the e2e AS login pages: opens an authorization URL in
// Debian's chromium (via playwright-core, no downloaded browser), logs in,
// allows (or denies) consent and waits until the redirect URI (the CLI's
// loopback listener) has answered. Usually called through browser.sh as $BROWSER.
//
//   node browser.mjs <authorization-url>
//
// Env: E2E_BROWSER_USER (default alice), E2E_BROWSER_ACTION allow|deny|cancel
// (default allow), E2E_CHROMIUM (default: `command -v chromium`),
// E2E_BROWSER_TIMEOUT_MS (default 60000).
// Exit 0: the redirect URI answered. Exit 1: error page, listener unreachable,
// timeout. Logs go to stderr only; codes/tokens/state are redacted.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

const started = Date.now();
const log = (...a) => console.error(`[browser +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('usage: browser.sh <authorization-url>');
  process.exit(2);
}
const USER = process.env.E2E_BROWSER_USER || 'alice';
const ACTION = process.env.E2E_BROWSER_ACTION || 'allow';
const TIMEOUT_MS = Number(process.env.E2E_BROWSER_TIMEOUT_MS || 60_000);
if (!['allow', 'deny', 'cancel'].includes(ACTION)) {
  console.error('E2E_BROWSER_ACTION must be allow, deny or cancel');
  process.exit(2);
}

function findChromium() {
  if (process.env.E2E_CHROMIUM) return process.env.E2E_CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const SECRET_PARAMS = new Set(['code', 'state', 'access_token', 'id_token', 'refresh_token', 'code_challenge', 'client_secret', 'token']);
function redact(u) {
  try {
    const url = new URL(u);
    for (const k of [...url.searchParams.keys()]) if (SECRET_PARAMS.has(k)) url.searchParams.set(k, 'REDACTED');
    url.hash = url.hash ? '#REDACTED' : '';
    return url.href;
  } catch {
    return String(u).slice(0, 80);
  }
}

let startUrl;
try {
  startUrl = new URL(target);
} catch {
  console.error(`not a URL: ${String(target).slice(0, 200)}`);
  process.exit(2);
}
const redirectUri = startUrl.searchParams.get('redirect_uri');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Has this URL reached the redirect URI (the client's loopback listener)?
function isRedirectTarget(u) {
  let url;
  try {
    url = new URL(u);
  } catch {
    return false;
  }
  if (redirectUri) {
    const want = new URL(redirectUri);
    return url.origin === want.origin && url.pathname === want.pathname;
  }
  return LOOPBACK.has(url.hostname) && url.origin !== startUrl.origin;
}

const executablePath = findChromium();
if (!executablePath) {
  console.error('chromium not found (apt-get install chromium, or set E2E_CHROMIUM)');
  process.exit(1);
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carto-e2e-chromium-'));
let context;
let exiting = false;
async function finish(code, message) {
  if (exiting) return;
  exiting = true;
  if (message) log(message);
  try {
    await Promise.race([context?.close(), new Promise((r) => setTimeout(r, 5000))]);
  } catch { /* ignore */ }
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(code);
}
const hardTimeout = setTimeout(() => finish(1, `timeout after ${TIMEOUT_MS} ms`), TIMEOUT_MS);
hardTimeout.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(1, `${sig}`));

async function pageText(page) {
  try {
    return (await page.locator('body').innerText({ timeout: 2000 })).trim().replace(/\n{2,}/g, '\n');
  } catch {
    return '(no page text)';
  }
}

async function main() {
  log(`chromium: ${executablePath}; user ${USER}; action ${ACTION}`);
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15_000);

  // Main-frame document responses, to detect error pages and the listener's answer.
  let lastStatus;
  let reached = null; // {url, status}
  let failed = null;
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) {
      lastStatus = r.status();
      if (isRedirectTarget(r.url())) reached = { url: r.url(), status: r.status() };
    }
  });
  page.on('requestfailed', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) {
      failed = { url: r.url(), error: r.failure()?.errorText };
    }
  });

  log(`open ${redact(target)}`);
  await page.goto(target, { waitUntil: 'domcontentloaded' }).catch((e) => { failed ??= { url: target, error: e.message }; });

  let loggedIn = false;
  let decided = false;
  for (;;) {
    await page.waitForLoadState('domcontentloaded').catch(() => {});
    if (reached) {
      return finish(0, `redirect URI answered: HTTP ${reached.status} at ${redact(reached.url)}`);
    }
    if (failed) {
      if (isRedirectTarget(failed.url)) {
        return finish(1, `redirect URI did not answer (${failed.error}): ${redact(failed.url)}`);
      }
      return finish(1, `navigation failed (${failed.error}): ${redact(failed.url)}`);
    }
    const current = page.url();
    if (isRedirectTarget(current)) {
      return finish(0, `redirect URI reached: ${redact(current)}`);
    }
    if (await page.locator('#error, #error_message').count() || (lastStatus ?? 0) >= 400) {
      const text = await pageText(page);
      return finish(1, `error page (HTTP ${lastStatus}) at ${redact(current)}:\n${text}`);
    }
    if (!loggedIn && await page.locator('#username').count()) {
      loggedIn = true;
      if (ACTION === 'cancel') {
        log('login page: clicking #cancel');
        await Promise.all([page.waitForEvent('framenavigated').catch(() => {}), page.click('#cancel')]);
        continue;
      }
      log(`login page: username ${USER}`);
      await page.fill('#username', USER);
      await Promise.all([page.waitForEvent('framenavigated').catch(() => {}), page.click('#login')]);
      continue;
    }
    if (!decided && await page.locator('#allow').count()) {
      decided = true;
      const button = ACTION === 'allow' ? '#allow' : '#deny';
      log(`consent page: clicking ${button}`);
      await Promise.all([page.waitForEvent('framenavigated').catch(() => {}), page.click(button)]);
      continue;
    }
    // Nothing to do yet (a redirect or page load in progress).
    await page.waitForEvent('framenavigated', { timeout: 2000 }).catch(() => {});
    if (!reached && !failed && page.url() === current && !(await page.locator('#username, #allow, #error, #error_message').count())) {
      // Unknown page that does not change: report it (unless the timeout hits first).
      await page.waitForTimeout(500);
      if (page.url() === current && !reached && !failed) {
        const text = await pageText(page);
        return finish(1, `stuck on an unexpected page (HTTP ${lastStatus}) at ${redact(current)}:\n${text.slice(0, 2000)}`);
      }
    }
  }
}

main().catch((err) => finish(1, `error: ${err.message}`));
