#!/usr/bin/env node
// Reference client: the MCP TypeScript SDK doing the complete MCP OAuth flow
// headlessly with a pre-registered client, then initialize + tools/list.
// Used by bench/check-vs-sdk.sh as the baseline for `carto-mcp check`.
//
//   node sdk-client.mjs --mcp-url URL --client-id ID --redirect-uri URI
//                       (--client-secret-stdin | --client-secret S | --public)
//                       [--scope S] [--auth-method client_secret_basic|client_secret_post|none]
//
// Prints one JSON line to stdout: {ok, tools, steps_ms, total_ms, ...} or
// {ok:false, error}. Exit 0 on success, 1 on failure. Never prints tokens.
//
// Flow: unauthenticated POST -> 401 + WWW-Authenticate (resource_metadata,
// scope) -> SDK auth(): RFC 9728 PRM, RFC 8414/OIDC AS metadata, PKCE S256 +
// resource -> "browser": GET the authorization URL following redirects by hand
// with a cookie jar until Location reaches the redirect URI -> SDK auth() with
// the code (token request) -> StreamableHTTPClientTransport: initialize,
// tools/list, DELETE session.

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';

const { values: opt } = parseArgs({
  options: {
    'mcp-url': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'client-secret-stdin': { type: 'boolean', default: false },
    public: { type: 'boolean', default: false },
    'redirect-uri': { type: 'string' },
    scope: { type: 'string' },
    'auth-method': { type: 'string' },
  },
});

function out(obj, code) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
  process.exit(code);
}

if (!opt['mcp-url'] || !opt['client-id'] || !opt['redirect-uri']) {
  console.error('usage: node sdk-client.mjs --mcp-url URL --client-id ID --redirect-uri URI (--client-secret-stdin|--client-secret S|--public)');
  process.exit(2);
}

let clientSecret = opt['client-secret'];
if (opt['client-secret-stdin']) {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  clientSecret = Buffer.concat(chunks).toString('utf8').trim();
}
if (!clientSecret && !opt.public) {
  console.error('a client secret is required (or --public)');
  process.exit(2);
}

const MCP_URL = opt['mcp-url'];
const REDIRECT_URI = opt['redirect-uri'];
const authMethod = opt['auth-method'] ?? (opt.public ? 'none' : 'client_secret_basic');

// Cookie jar keyed by name (enough for one origin, paths ignored).
function applySetCookie(jar, setCookies) {
  for (const sc of setCookies) {
    const [pair, ...attrs] = sc.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v] = a.split('=');
      return k.trim().toLowerCase() === 'expires' && Date.parse(v) < Date.now();
    });
    if (!value || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

// Headless user agent: follow redirects by hand, keep cookies, stop at the redirect URI.
async function headlessAuthorize(authorizationUrl) {
  const jar = new Map();
  let url = authorizationUrl.href;
  for (let hop = 0; hop < 20; hop += 1) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    applySetCookie(jar, res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      const text = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
      throw new Error(`authorization stopped at ${new URL(url).origin}${new URL(url).pathname} with HTTP ${res.status} (an interactive login is needed, or an error): ${text}`);
    }
    await res.arrayBuffer();
    const next = new URL(location, url);
    if (next.href.startsWith(REDIRECT_URI)) return { callback: next, hops: hop + 1 };
    url = next.href;
  }
  throw new Error('too many redirects during authorization');
}

class BenchProvider {
  constructor() {
    this._tokens = undefined;
    this._verifier = undefined;
    this._state = undefined;
    this.callback = undefined;
    this.hops = 0;
  }

  get redirectUrl() { return REDIRECT_URI; }

  get clientMetadata() {
    return {
      client_name: 'sdk-client (carto-mcp e2e bench)',
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: authMethod,
      ...(opt.scope ? { scope: opt.scope } : {}),
    };
  }

  state() {
    this._state = crypto.randomUUID();
    return this._state;
  }

  clientInformation() {
    return {
      client_id: opt['client-id'],
      ...(clientSecret ? { client_secret: clientSecret } : {}),
      token_endpoint_auth_method: authMethod,
    };
  }

  saveClientInformation() { throw new Error('unexpected dynamic registration: the client is pre-registered'); }

  tokens() { return this._tokens; }

  saveTokens(tokens) { this._tokens = tokens; }

  async redirectToAuthorization(authorizationUrl) {
    this.authorizationUrl = authorizationUrl;
    const { callback, hops } = await headlessAuthorize(authorizationUrl);
    this.callback = callback;
    this.hops = hops;
  }

  saveCodeVerifier(v) { this._verifier = v; }

  codeVerifier() {
    if (!this._verifier) throw new Error('no code verifier saved');
    return this._verifier;
  }
}

const steps = {};
const t0 = performance.now();
let last = t0;
const mark = (name) => {
  const now = performance.now();
  steps[name] = Math.round((now - last) * 10) / 10;
  last = now;
};

try {
  // 1. unauthenticated request -> 401 + WWW-Authenticate
  const probe = await fetch(MCP_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0', id: 0, method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'sdk-client-probe', version: '0' } },
    }),
  });
  await probe.arrayBuffer();
  if (probe.status !== 401) throw new Error(`expected 401 from the unauthenticated request, got HTTP ${probe.status}`);
  const { resourceMetadataUrl, scope } = extractWWWAuthenticateParams(probe);
  mark('probe_401');

  // 2. discovery + authorization request (headless redirect following)
  const provider = new BenchProvider();
  const authOpts = { serverUrl: MCP_URL, resourceMetadataUrl, scope: opt.scope ?? scope };
  const r1 = await auth(provider, authOpts);
  if (r1 !== 'REDIRECT' || !provider.callback) throw new Error(`auth() returned ${r1} without reaching the redirect URI`);
  const cb = provider.callback.searchParams;
  if (cb.get('error')) throw new Error(`authorization error: ${cb.get('error')}: ${cb.get('error_description') ?? ''}`);
  if (provider._state && cb.get('state') !== provider._state) throw new Error('state mismatch in the authorization response');
  const code = cb.get('code');
  if (!code) throw new Error('no code in the authorization response');
  mark('discovery_and_authorize');

  // 3. token request
  const r2 = await auth(provider, { ...authOpts, authorizationCode: code });
  if (r2 !== 'AUTHORIZED') throw new Error(`auth() with the code returned ${r2}`);
  mark('token');

  // 4. MCP initialize + tools/list over Streamable HTTP
  const transport = new StreamableHTTPClientTransport(new URL(MCP_URL), { authProvider: provider });
  const client = new Client({ name: 'sdk-client', version: '1.0.0' });
  await client.connect(transport);
  mark('initialize');
  const { tools } = await client.listTools();
  mark('tools_list');
  await transport.terminateSession().catch(() => {});
  await client.close();

  let aud;
  try {
    aud = JSON.parse(Buffer.from(provider._tokens.access_token.split('.')[1], 'base64url')).aud;
  } catch { /* opaque token */ }
  out({
    ok: true,
    mcp_url: MCP_URL,
    server: client.getServerVersion()?.name,
    protocol_version: transport.protocolVersion,
    tools: tools.map((t) => t.name),
    token_aud: aud,
    token_scope: provider._tokens.scope,
    redirect_hops: provider.hops,
    steps_ms: steps,
    total_ms: Math.round(performance.now() - t0),
  }, 0);
} catch (err) {
  out({ ok: false, mcp_url: MCP_URL, error: String(err?.message ?? err), steps_ms: steps, total_ms: Math.round(performance.now() - t0) }, 1);
}
