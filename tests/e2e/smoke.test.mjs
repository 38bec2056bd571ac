// Self-test of the e2e stack (not of carto-mcp): node --test tests/e2e/smoke.test.mjs
// Uses the running stack (.state/env), or starts it and stops it afterwards.
// The browser test is skipped when chromium is not installed.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const STACK = path.join(DIR, 'stack.sh');
let env;
let startedHere = false;

function readEnv() {
  const text = fs.readFileSync(path.join(DIR, '.state', 'env'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

before(() => {
  try {
    execFileSync(STACK, ['status'], { stdio: 'ignore' });
  } catch {
    execFileSync(STACK, ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
    startedHere = true;
  }
  env = readEnv();
});
after(() => {
  if (startedHere) execFileSync(STACK, ['stop'], { stdio: 'inherit' });
});

const b64url = (buf) => Buffer.from(buf).toString('base64url');
function pkce() {
  const verifier = b64url(crypto.randomBytes(32));
  return { verifier, challenge: b64url(crypto.createHash('sha256').update(verifier).digest()) };
}
const decode = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function putClient(id, body) {
  const r = await fetch(`${env.E2E_AS_ADMIN}/clients/${id}`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}

function authUrl({ clientId, redirectUri, challenge, resource, scope = 'openid offline_access mcp:tools', state = 'st-1' }) {
  const u = new URL(`${env.E2E_AS_URL}/auth`);
  u.search = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope, state,
    code_challenge: challenge, code_challenge_method: 'S256', ...(resource ? { resource } : {}),
  }).toString();
  return u.href;
}

// Follow redirects by hand (optionally keeping cookies) until the redirect URI.
async function follow(start, redirectUri, { cookies = true } = {}) {
  const jar = new Map();
  let url = start;
  const hops = [];
  for (let i = 0; i < 12; i += 1) {
    const r = await fetch(url, { redirect: 'manual', headers: cookies && jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {} });
    if (cookies) {
      for (const sc of r.headers.getSetCookie()) {
        const [pair] = sc.split(';');
        const k = pair.slice(0, pair.indexOf('='));
        const v = pair.slice(pair.indexOf('=') + 1);
        if (v && !/expires=Thu, 01 Jan 1970/i.test(sc)) jar.set(k, v); else jar.delete(k);
      }
    }
    const loc = r.headers.get('location');
    if (!loc) return { status: r.status, text: await r.text(), hops };
    await r.arrayBuffer();
    const next = new URL(loc, url);
    hops.push(next.pathname);
    if (next.href.startsWith(redirectUri)) return { callback: next, hops };
    url = next.href;
  }
  throw new Error('too many redirects');
}

async function token(clientId, secret, code, verifier, redirectUri, resource) {
  const r = await fetch(`${env.E2E_AS_URL}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, resource }),
  });
  return { status: r.status, body: await r.json() };
}

async function loginFor(resource, { cookies = true } = {}) {
  const redirectUri = 'http://127.0.0.1:8765/callback';
  await putClient('smoke-approve', { client_secret: 'smoke-secret', redirect_uris: [redirectUri], interaction: 'approve' });
  const { verifier, challenge } = pkce();
  const res = await follow(authUrl({ clientId: 'smoke-approve', redirectUri, challenge, resource }), redirectUri, { cookies });
  const code = res.callback.searchParams.get('code');
  assert.ok(code, `no code: ${JSON.stringify(res)}`);
  const t = await token('smoke-approve', 'smoke-secret', code, verifier, redirectUri, resource);
  assert.equal(t.status, 200, JSON.stringify(t.body));
  return t.body.access_token;
}

async function mcpPost(url, tokenValue, body, sid) {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(tokenValue ? { authorization: `Bearer ${tokenValue}` } : {}),
      ...(sid ? { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-11-25' } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  let json;
  const data = /^data: (.*)$/m.exec(text);
  try { json = JSON.parse(data ? data[1] : text); } catch { json = undefined; }
  return { status: r.status, headers: r.headers, json, text };
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'smoke', version: '0' } } };

async function initAndList(account) {
  const url = `${env.E2E_MCP_BASE}/mcp/${account}`;
  const at = await loginFor(url);
  const init = await mcpPost(url, at, INIT);
  assert.equal(init.status, 200, init.text);
  const sid = init.headers.get('mcp-session-id');
  assert.ok(sid);
  assert.equal((await mcpPost(url, at, { jsonrpc: '2.0', method: 'notifications/initialized' }, sid)).status, 202);
  return { at, sid, url, list: await mcpPost(url, at, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, sid) };
}

describe('authorization server', () => {
  test('RFC 8414 and OIDC metadata', async () => {
    for (const p of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const m = await (await fetch(env.E2E_AS_URL + p)).json();
      assert.equal(m.issuer, env.E2E_AS_URL);
      assert.deepEqual(m.code_challenge_methods_supported, ['S256']);
      assert.equal(m.authorization_response_iss_parameter_supported, true);
      assert.deepEqual(m.scopes_supported, ['openid', 'offline_access', 'mcp:tools']);
      assert.ok(m.registration_endpoint);
    }
  });

  test('admin API: create, read, replace, delete, validation', async () => {
    let r = await putClient('smoke-admin', { redirect_uris: ['http://localhost:8000/callback'] });
    assert.equal(r.status, 201);
    assert.equal(r.body.token_endpoint_auth_method, 'client_secret_basic');
    assert.ok(r.body.client_secret);
    r = await putClient('smoke-admin', { redirect_uris: ['http://localhost:8000/callback'], token_endpoint_auth_method: 'none', interaction: 'deny' });
    assert.equal(r.status, 200);
    assert.equal(r.body.client_secret, undefined);
    const got = await (await fetch(`${env.E2E_AS_ADMIN}/clients/smoke-admin`)).json();
    assert.equal(got.interaction, 'deny');
    assert.equal((await putClient('smoke-bad', { redirect_uris: ['nope'] })).status, 400);
    assert.equal((await putClient('smoke-bad', { redirect_uris: ['http://x/cb'], interaction: 'maybe' })).status, 400);
    assert.equal((await fetch(`${env.E2E_AS_ADMIN}/clients/smoke-admin`, { method: 'DELETE' })).status, 204);
    assert.equal((await fetch(`${env.E2E_AS_ADMIN}/clients/smoke-admin`)).status, 404);
  });

  for (const cookies of [true, false]) {
    test(`approve mode, ${cookies ? 'with' : 'without'} cookies: code, iss, token aud and claims`, async () => {
      const resource = `${env.E2E_MCP_BASE}/mcp/ac_good`;
      const at = await loginFor(resource, { cookies });
      const claims = decode(at);
      assert.equal(claims.aud, resource);
      assert.equal(claims.iss, env.E2E_AS_URL);
      assert.equal(claims['http://app.carto.com/account_id'], 'ac_good');
      assert.equal(claims.scope, 'mcp:tools');
    });
  }

  test('wrongaud resource gets aud carto-cloud-native-api', async () => {
    const at = await loginFor(`${env.E2E_MCP_BASE}/mcp/ac_wrongaud`);
    assert.equal(decode(at).aud, 'carto-cloud-native-api');
  });

  test('deny mode answers access_denied', async () => {
    const redirectUri = 'http://127.0.0.1:8765/cb-deny';
    await putClient('smoke-deny', { client_secret: 'x', redirect_uris: [redirectUri], interaction: 'deny' });
    const res = await follow(authUrl({ clientId: 'smoke-deny', redirectUri, challenge: pkce().challenge }), redirectUri, { cookies: false });
    assert.equal(res.callback.searchParams.get('error'), 'access_denied');
    assert.equal(res.callback.searchParams.get('iss'), env.E2E_AS_URL);
  });

  test('callback mismatch: HTTP 400 with the Auth0 wording', async () => {
    await putClient('smoke-mm', { client_secret: 'x', redirect_uris: ['http://127.0.0.1:8765/callback'] });
    const wrong = 'http://localhost:8765/callback';
    const r = await fetch(authUrl({ clientId: 'smoke-mm', redirectUri: wrong, challenge: pkce().challenge }), { redirect: 'manual' });
    assert.equal(r.status, 400);
    assert.match(await r.text(), new RegExp(`Callback URL mismatch\\. ${wrong.replace(/[.:/]/g, '\\$&')} is not in the list of allowed callback URLs\\.`));
  });

  test('PKCE is required', async () => {
    await putClient('smoke-pkce', { client_secret: 'x', redirect_uris: ['http://127.0.0.1:8765/callback'] });
    const u = new URL(authUrl({ clientId: 'smoke-pkce', redirectUri: 'http://127.0.0.1:8765/callback', challenge: 'x' }));
    u.searchParams.delete('code_challenge');
    u.searchParams.delete('code_challenge_method');
    const r = await fetch(u, { redirect: 'manual' });
    assert.match(r.headers.get('location'), /error=invalid_request/);
  });

  test('dynamic client registration', async () => {
    const r = await fetch(`${env.E2E_AS_URL}/reg`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:8765/callback'], token_endpoint_auth_method: 'none' }),
    });
    assert.equal(r.status, 201);
    const reg = await r.json();
    const admin = await (await fetch(`${env.E2E_AS_ADMIN}/clients/${reg.client_id}`)).json();
    assert.equal(admin.registered_via, 'dynamic_registration');
    assert.equal(admin.interaction, 'browser');
  });
});

describe('MCP server', () => {
  test('401 challenge and RFC 9728 metadata on every path', async () => {
    for (const a of ['ac_good', 'ac_empty', 'ac_forbidden', 'ac_mismatch', 'ac_nos256', 'ac_wrongaud']) {
      const url = `${env.E2E_MCP_BASE}/mcp/${a}`;
      const r = await mcpPost(url, undefined, INIT);
      assert.equal(r.status, 401);
      const prm = `${env.E2E_MCP_BASE}/.well-known/oauth-protected-resource/mcp/${a}`;
      assert.equal(r.headers.get('www-authenticate'), `Bearer resource_metadata="${prm}", scope="mcp:tools"`);
      const meta = await (await fetch(prm)).json();
      assert.equal(meta.resource, a === 'ac_mismatch' ? 'https://evil.example.com/mcp' : url);
      assert.deepEqual(meta.authorization_servers, [a === 'ac_nos256' ? `${env.E2E_MCP_BASE}/nos256` : env.E2E_AS_URL]);
    }
    const bad = await mcpPost(`${env.E2E_MCP_BASE}/mcp/ac_good`, 'not-a-jwt', INIT);
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
  });

  test('nos256 AS metadata has no code_challenge_methods_supported', async () => {
    const m = await (await fetch(`${env.E2E_MCP_BASE}/.well-known/oauth-authorization-server/nos256`)).json();
    assert.equal(m.issuer, `${env.E2E_MCP_BASE}/nos256`);
    assert.equal(m.code_challenge_methods_supported, undefined);
    assert.equal(m.authorization_endpoint, `${env.E2E_AS_URL}/auth`);
  });

  test('ac_good: initialize + tools/list + tools/call', async () => {
    const { at, sid, url, list } = await initAndList('ac_good');
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.result.tools.map((t) => t.name), ['list_tables', 'run_workflow', 'add_numbers']);
    const call = await mcpPost(url, at, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'run_workflow', arguments: { delay_ms: 300 } } }, sid);
    assert.match(call.json.result.content[0].text, /^workflow finished after \d+ ms$/);
    const add = await mcpPost(url, at, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'add_numbers', arguments: { a: 2, b: 40 } } }, sid);
    assert.equal(add.json.result.content[0].text, '42');
  });

  test('ac_empty: zero tools', async () => {
    const { list } = await initAndList('ac_empty');
    assert.deepEqual(list.json.result.tools, []);
  });

  test('ac_forbidden: tools/list answers 403', async () => {
    const { list } = await initAndList('ac_forbidden');
    assert.equal(list.status, 403);
    assert.equal(list.headers.get('www-authenticate'), 'Bearer error="forbidden"');
    assert.equal(list.json.error.code, -32003);
    assert.equal(list.json.id, 2);
  });

  test('ac_wrongaud: token refused with 401 invalid_token', async () => {
    const url = `${env.E2E_MCP_BASE}/mcp/ac_wrongaud`;
    const at = await loginFor(url);
    const r = await mcpPost(url, at, INIT);
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate'), /error="invalid_token".*carto-cloud-native-api/);
  });
});

describe('reference clients', () => {
  test('SDK client completes the flow on ac_good', async () => {
    const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    await putClient('smoke-sdk', { client_secret: 'sdk-secret', redirect_uris: [redirectUri], interaction: 'approve' });
    const out = execFileSync('node', [path.join(DIR, 'sdk-client.mjs'), '--mcp-url', `${env.E2E_MCP_BASE}/mcp/ac_good`,
      '--client-id', 'smoke-sdk', '--client-secret-stdin', '--redirect-uri', redirectUri], { input: 'sdk-secret', encoding: 'utf8' });
    const res = JSON.parse(out);
    assert.equal(res.ok, true);
    assert.deepEqual(res.tools, ['list_tables', 'run_workflow', 'add_numbers']);
  });

  let chromium = '';
  try { chromium = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim(); } catch { /* none */ }
  test('browser.sh logs in and reaches the loopback listener', { skip: !chromium && 'chromium is not installed' }, async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    await putClient('smoke-browser', { client_secret: 'b', redirect_uris: [redirectUri] });
    const outFile = path.join(DIR, '.state', `cb-${port}.json`);
    const listener = spawn('node', [path.join(DIR, 'callback-listener.mjs'), String(port), '/callback', outFile], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
    try {
      execFileSync(env.E2E_BROWSER, [authUrl({ clientId: 'smoke-browser', redirectUri, challenge: pkce().challenge, resource: `${env.E2E_MCP_BASE}/mcp/ac_good` })],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, E2E_BROWSER_USER: 'smoke-user' }, timeout: 70_000 });
      await new Promise((resolve) => { if (listener.exitCode !== null) resolve(); else listener.on('exit', resolve); });
      const q = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      assert.ok(q.code);
      assert.equal(q.state, 'st-1');
    } finally {
      listener.kill();
      fs.rmSync(outFile, { force: true });
    }
  });
});
