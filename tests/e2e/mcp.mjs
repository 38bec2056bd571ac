#!/usr/bin/env node
// E2E MCP server for carto-mcp: @modelcontextprotocol/sdk, Streamable HTTP,
// stateful sessions (Mcp-Session-Id), bearer-protected with JWTs from as.mjs.
//
//   node mcp.mjs --as-url http://127.0.0.1:<as-port> [--port N] [--ready-file PATH]
//
// Binds 127.0.0.1 only. Every path /mcp/<account> is a scenario; see README.md.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import * as jose from 'jose';
import * as z from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.E2E_MCP_PORT || '0' },
    'as-url': { type: 'string', default: process.env.E2E_AS_URL },
    'ready-file': { type: 'string' },
  },
});
if (!args['as-url']) {
  console.error('usage: node mcp.mjs --as-url http://127.0.0.1:<port> [--port N] [--ready-file PATH]');
  process.exit(2);
}

const HOST = '127.0.0.1';
const AS_URL = args['as-url'].replace(/\/+$/, '');
const SCOPE = 'mcp:tools';
const ACCOUNT_CLAIM = 'http://app.carto.com/account_id';

const log = (...a) => console.log(new Date().toISOString(), '[mcp]', ...a);

// Scenario table. tools: which tool set; prmResource / prmAuthServer: overrides
// of the protected resource metadata; forbidList: tools/list answers 403;
// json: POST responses as application/json instead of an SSE stream.
const ACCOUNTS = {
  ac_good: { tools: 'full' },
  ac_empty: { tools: 'none' },
  ac_forbidden: { tools: 'full', forbidList: true },
  ac_mismatch: { tools: 'full', prmResource: 'https://evil.example.com/mcp' },
  ac_nos256: { tools: 'full', prmAuthServer: 'nos256' },
  ac_wrongaud: { tools: 'full' },
  ac_json: { tools: 'full', json: true },
};

const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(Number(args.port), HOST, resolve);
});
const BASE = `http://${HOST}:${server.address().port}`;
const NOS256_ISSUER = `${BASE}/nos256`;
const mcpUrl = (account) => `${BASE}/mcp/${account}`;
const prmUrl = (account) => `${BASE}/.well-known/oauth-protected-resource/mcp/${account}`;

// AS metadata (retry: the AS may still be starting).
async function fetchAsMetadata() {
  const r = await fetch(`${AS_URL}/.well-known/oauth-authorization-server`);
  if (!r.ok) throw new Error(`AS metadata: HTTP ${r.status}`);
  return r.json();
}
let asMeta;
for (let i = 0; ; i += 1) {
  try {
    asMeta = await fetchAsMetadata();
    break;
  } catch (err) {
    if (i >= 60) throw err;
    await sleep(500);
  }
}
const JWKS = jose.createRemoteJWKSet(new URL(asMeta.jwks_uri));

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------
function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body, null, 2));
}

async function readJson(req, limit = 4 << 20) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > limit) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('Parse error: body is not JSON'), { status: 400, code: -32700 });
  }
}

const q = (s) => String(s).replace(/["\\]/g, '');

function challenge(account, error, description) {
  const parts = [];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${q(description)}"`);
  parts.push(`resource_metadata="${prmUrl(account)}"`, `scope="${SCOPE}"`);
  return `Bearer ${parts.join(', ')}`;
}

async function authenticate(req, account) {
  const header = req.headers.authorization;
  if (!header) return { fail: { status: 401, www: challenge(account), error: 'invalid_request', description: 'Authorization header missing' } };
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!m) {
    return { fail: { status: 401, www: challenge(account, 'invalid_token', 'Authorization header is not a Bearer token'), error: 'invalid_token', description: 'Authorization header is not a Bearer token' } };
  }
  try {
    const { payload } = await jose.jwtVerify(m[1], JWKS, {
      issuer: asMeta.issuer,
      audience: mcpUrl(account),
      typ: 'at+jwt',
      algorithms: ['RS256'],
    });
    return { payload };
  } catch (err) {
    let description = `invalid access token (${err.code ?? 'ERR'}: ${err.message})`;
    if (err.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && err.claim === 'aud') {
      let aud;
      try { aud = jose.decodeJwt(m[1]).aud; } catch { /* ignore */ }
      description = `token audience ${JSON.stringify(aud)} does not include ${mcpUrl(account)}`;
    }
    return { fail: { status: 401, www: challenge(account, 'invalid_token', description), error: 'invalid_token', description } };
  }
}

// ---------------------------------------------------------------------------
// MCP servers
// ---------------------------------------------------------------------------
const TABLES = [
  'carto-demo-data.demo_tables.airports',
  'carto-demo-data.demo_tables.populated_places',
  'carto-demo-data.demo_tables.usa_states_boundaries',
];

function buildServer(account) {
  const cfg = ACCOUNTS[account];
  const mcp = new McpServer(
    { name: `carto-e2e-${account}`, version: '1.0.0' },
    { instructions: `E2E MCP server for CARTO account ${account}` },
  );
  if (cfg.tools === 'full') {
    mcp.registerTool('list_tables', {
      title: 'List tables',
      description: 'Lists the tables of the CARTO account (instant).',
      inputSchema: {},
    }, async () => ({
      content: [{ type: 'text', text: JSON.stringify(TABLES) }],
    }));
    mcp.registerTool('run_workflow', {
      title: 'Run workflow',
      description: 'Runs a CARTO workflow in Sync mode; it takes delay_ms milliseconds.',
      inputSchema: { delay_ms: z.number().int().min(0).max(600_000).describe('How long the workflow runs, in ms') },
    }, async ({ delay_ms }, extra) => {
      const t0 = Date.now();
      await sleep(delay_ms, undefined, { signal: extra.signal }).catch(() => {});
      return { content: [{ type: 'text', text: `workflow finished after ${Date.now() - t0} ms` }] };
    });
    mcp.registerTool('add_numbers', {
      title: 'Add numbers',
      description: 'Adds two numbers.',
      inputSchema: { a: z.number(), b: z.number() },
    }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  } else {
    // Zero tools, but tools/list must still answer {"tools": []}.
    mcp.server.registerCapabilities({ tools: { listChanged: true } });
    mcp.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [] }));
  }
  return mcp;
}

const sessions = new Map(); // sid -> {transport, mcp, account, sub}

async function handleMcp(req, res, account) {
  const cfg = ACCOUNTS[account];
  const auth = await authenticate(req, account);
  if (auth.fail) {
    log(`${req.method} /mcp/${account}: 401 ${auth.fail.error} ${auth.fail.description}`);
    return sendJson(res, auth.fail.status, { error: auth.fail.error, error_description: auth.fail.description },
      { 'www-authenticate': auth.fail.www });
  }
  const sub = auth.payload.sub;
  const sid = req.headers['mcp-session-id'];

  let body;
  if (req.method === 'POST') {
    try {
      body = await readJson(req);
    } catch (err) {
      return sendJson(res, err.status ?? 400, { jsonrpc: '2.0', id: null, error: { code: err.code ?? -32600, message: err.message } });
    }
    const msgs = Array.isArray(body) ? body : [body];
    log(`POST /mcp/${account} sub=${sub} account_claim=${auth.payload[ACCOUNT_CLAIM]} ${msgs.map((x) => x?.method ?? 'response').join(',')}${sid ? ` session=${sid.slice(0, 8)}` : ''}`);
    const list = msgs.find((x) => x?.method === 'tools/list');
    if (cfg.forbidList && list) {
      return sendJson(res, 403, {
        jsonrpc: '2.0',
        id: list.id ?? null,
        error: {
          code: -32003,
          message: `Forbidden: user ${sub} has no permission to list the MCP tools of account ${account}`,
        },
      }, { 'www-authenticate': 'Bearer error="forbidden"' });
    }
  } else {
    log(`${req.method} /mcp/${account} sub=${sub}${sid ? ` session=${sid.slice(0, 8)}` : ''}`);
  }

  if (sid) {
    const s = sessions.get(sid);
    if (!s || s.account !== account) {
      return sendJson(res, 404, { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } });
    }
    return s.transport.handleRequest(req, res, body);
  }
  if (req.method === 'POST' && !Array.isArray(body) && isInitializeRequest(body)) {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      enableJsonResponse: Boolean(cfg.json),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, mcp, account, sub });
        log(`session ${id.slice(0, 8)} opened on /mcp/${account} for ${sub}`);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
        log(`session ${id.slice(0, 8)} closed (DELETE)`);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const mcp = buildServer(account);
    await mcp.connect(transport);
    return transport.handleRequest(req, res, body);
  }
  return sendJson(res, 400, {
    jsonrpc: '2.0',
    id: null,
    error: { code: -32000, message: 'Bad Request: no valid Mcp-Session-Id header and not an initialize request' },
  });
}

async function nos256Metadata(res) {
  const meta = { ...(await fetchAsMetadata()), issuer: NOS256_ISSUER };
  delete meta.code_challenge_methods_supported;
  return sendJson(res, 200, meta);
}

// Requests served to clients (not /healthz or /__requests): the benchmark
// reads the count before and after a run.
let requestCount = 0;

server.on('request', async (req, res) => {
  const url = new URL(req.url, BASE);
  const p = url.pathname;
  try {
    if (p === '/healthz') return sendJson(res, 200, { ok: true, base: BASE, as: AS_URL });
    if (p === '/__requests') return sendJson(res, 200, { count: requestCount });
    requestCount += 1;

    const prm = /^\/\.well-known\/oauth-protected-resource\/mcp\/([^/]+)$/.exec(p);
    if (prm) {
      const cfg = ACCOUNTS[prm[1]];
      if (!cfg) return sendJson(res, 404, { error: 'not_found' });
      log(`GET ${p}`);
      return sendJson(res, 200, {
        resource: cfg.prmResource ?? mcpUrl(prm[1]),
        authorization_servers: [cfg.prmAuthServer === 'nos256' ? NOS256_ISSUER : asMeta.issuer],
        scopes_supported: [SCOPE],
        bearer_methods_supported: ['header'],
        resource_name: `CARTO MCP Server (e2e, ${prm[1]})`,
      });
    }
    if (p.startsWith('/.well-known/oauth-protected-resource')) {
      log(`GET ${p} -> 404`);
      return sendJson(res, 404, { error: 'not_found' });
    }

    // Authorization server metadata without code_challenge_methods_supported,
    // at every location a client may try for issuer http://host/nos256.
    if ([
      '/.well-known/oauth-authorization-server/nos256',
      '/.well-known/openid-configuration/nos256',
      '/nos256/.well-known/openid-configuration',
      '/nos256/.well-known/oauth-authorization-server',
    ].includes(p)) {
      log(`GET ${p} (nos256 AS metadata)`);
      return nos256Metadata(res);
    }

    const m = /^\/mcp\/([^/]+)$/.exec(p);
    if (m && ACCOUNTS[m[1]]) return await handleMcp(req, res, m[1]);

    log(`${req.method} ${p} -> 404`);
    return sendJson(res, 404, { error: 'not_found' });
  } catch (err) {
    log('handler error', err);
    if (!res.headersSent) sendJson(res, 500, { jsonrpc: '2.0', id: null, error: { code: -32603, message: err.message } });
    else res.destroy();
  }
});

log(`listening on ${BASE} (AS ${asMeta.issuer}); paths: ${Object.keys(ACCOUNTS).map((a) => `/mcp/${a}`).join(' ')}`);
if (args['ready-file']) fs.writeFileSync(args['ready-file'], `${BASE}\n`);

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    log(`${sig}: shutting down`);
    for (const { transport } of sessions.values()) await transport.close().catch(() => {});
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  });
}
