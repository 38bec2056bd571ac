#!/usr/bin/env node
// E2E authorization server for carto-mcp: oidc-provider configured like the
// parts of CARTO's Auth0 tenant that matter to an MCP client.
//
//   node as.mjs [--port N] [--ready-file PATH]
//
// Binds 127.0.0.1 only. Issuer = http://127.0.0.1:<port> (no path).
// See README.md in this directory for the admin API and the interaction modes.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';
import * as jose from 'jose';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.E2E_AS_PORT || '0' },
    'ready-file': { type: 'string' },
  },
});

const HOST = '127.0.0.1';
export const SCOPES_SUPPORTED = ['openid', 'offline_access', 'mcp:tools'];
export const MCP_SCOPE = 'mcp:tools';
export const WRONG_AUDIENCE = 'carto-cloud-native-api';
export const ACCOUNT_CLAIM = 'http://app.carto.com/account_id';
const INTERACTION_MODES = new Set(['browser', 'approve', 'deny']);
const AUTH_METHODS = new Set(['client_secret_basic', 'client_secret_post', 'none']);
const AUTO_USER = 'e2e-auto-user';

const log = (...a) => console.log(new Date().toISOString(), '[as]', ...a);

// ---------------------------------------------------------------------------
// In-memory adapter (one Map per model, lazy expiry). Unlike oidc-provider's
// bundled LRU adapter nothing is evicted, so admin-created clients stay put.
// Client lookups always go through the adapter (oidc-provider caches compiled
// clients by a hash of their metadata), so PUT/DELETE take effect at once.
// ---------------------------------------------------------------------------
const stores = new Map();
class MemoryAdapter {
  constructor(name) {
    this.name = name;
    if (!stores.has(name)) stores.set(name, new Map());
    this.store = stores.get(name);
  }

  static index = new Map(); // `${kind}:${value}` -> {model, id}

  async upsert(id, payload, expiresIn) {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    this.store.set(id, { payload: structuredClone(payload), expiresAt });
    if (payload.uid) MemoryAdapter.index.set(`uid:${payload.uid}`, { model: this.name, id });
    if (payload.userCode) MemoryAdapter.index.set(`userCode:${payload.userCode}`, { model: this.name, id });
    if (payload.grantId) {
      const key = `grant:${payload.grantId}`;
      const set = MemoryAdapter.index.get(key) ?? [];
      set.push({ model: this.name, id });
      MemoryAdapter.index.set(key, set);
    }
  }

  async find(id) {
    const entry = this.store.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt && entry.expiresAt < Date.now()) {
      this.store.delete(id);
      return undefined;
    }
    return structuredClone(entry.payload);
  }

  async findByUid(uid) {
    const ref = MemoryAdapter.index.get(`uid:${uid}`);
    return ref ? new MemoryAdapter(ref.model).find(ref.id) : undefined;
  }

  async findByUserCode(userCode) {
    const ref = MemoryAdapter.index.get(`userCode:${userCode}`);
    return ref ? new MemoryAdapter(ref.model).find(ref.id) : undefined;
  }

  async consume(id) {
    const entry = this.store.get(id);
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    this.store.delete(id);
  }

  async revokeByGrantId(grantId) {
    const key = `grant:${grantId}`;
    for (const { model, id } of MemoryAdapter.index.get(key) ?? []) stores.get(model)?.delete(id);
    MemoryAdapter.index.delete(key);
  }

  // used by the admin API
  list() {
    return [...this.store.keys()];
  }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
const html = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

function page(title, body, status = 200) {
  return {
    status,
    body: `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font-family:sans-serif;max-width:32em;margin:3em auto}button{margin:.3em}</style>
</head>
<body>
<h1>${html(title)}</h1>
${body}
</body>
</html>
`,
  };
}

function send(res, status, body, headers = {}) {
  const isJson = typeof body === 'object' && body !== null;
  const payload = isJson ? JSON.stringify(body, null, 2) : (body ?? '');
  res.writeHead(status, {
    'content-type': isJson ? 'application/json' : 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

async function readBody(req, limit = 1 << 20) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function accountFromResource(resource) {
  try {
    const segs = new URL(resource).pathname.split('/').filter(Boolean);
    return segs.reverse().find((s) => s.startsWith('ac_'));
  } catch {
    return undefined;
  }
}

function isLoopback(addr) {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1';
}

// ---------------------------------------------------------------------------
// Provider configuration
// ---------------------------------------------------------------------------
const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(Number(args.port), HOST, resolve);
});
const { port } = server.address();
const ISSUER = `http://${HOST}:${port}`;

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'e2e-rs256', use: 'sig', alg: 'RS256' };

const configuration = {
  adapter: MemoryAdapter,
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  clientAuthMethods: [...AUTH_METHODS],
  clientDefaults: {
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  },
  responseTypes: ['code'],
  scopes: ['openid', 'offline_access'],
  claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
  pkce: { required: () => true }, // S256 is the only method oidc-provider 9 supports
  extraClientMetadata: {
    properties: ['e2e_interaction'],
    validator(ctx, key, value) {
      if (key === 'e2e_interaction' && value !== undefined && !INTERACTION_MODES.has(value)) {
        throw new errors.InvalidClientMetadata(`e2e_interaction must be one of ${[...INTERACTION_MODES].join(', ')}`);
      }
    },
  },
  features: {
    devInteractions: { enabled: false },
    registration: { enabled: true }, // open dynamic client registration (no initial access token)
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx, client, oneOf) => oneOf, // no resource => opaque token (userinfo only)
      useGrantedResource: async () => false, // resource must be sent to /token as well
      getResourceServerInfo: async (ctx, resourceIndicator) => {
        let url;
        try {
          url = new URL(resourceIndicator);
        } catch {
          throw new errors.InvalidTarget('resource indicator must be an absolute URI');
        }
        if (!['http:', 'https:'].includes(url.protocol)) {
          throw new errors.InvalidTarget('resource indicator must be an http(s) URL');
        }
        // Imitate Auth0 ignoring `resource`: the token is minted for the default API.
        const audience = url.pathname.replace(/\/+$/, '').endsWith('/ac_wrongaud')
          ? WRONG_AUDIENCE
          : resourceIndicator;
        return {
          scope: MCP_SCOPE,
          audience,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  extraTokenClaims: async (ctx, token) => {
    if (token.kind !== 'AccessToken' || !token.resourceServer) return undefined;
    const account = accountFromResource(token.resourceServer.identifier());
    return account ? { [ACCOUNT_CLAIM]: account } : undefined;
  },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, name: sub, email: `${sub}@example.com` }),
  }),
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 120,
    IdToken: 3600,
    Interaction: 900,
    Session: 86400,
    Grant: 86400,
    RefreshToken: 86400,
  },
  interactions: { url: async (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError: async (ctx, out, error) => {
    const requested = ctx.oidc?.params?.redirect_uri
      ?? ctx.query?.redirect_uri ?? ctx.oidc?.body?.redirect_uri;
    let title = 'Something went wrong';
    let message = out.error_description || out.error;
    if (out.error === 'invalid_redirect_uri' || out.error === 'redirect_uri_mismatch') {
      title = 'Callback URL mismatch';
      message = `Callback URL mismatch. ${requested} is not in the list of allowed callback URLs.`;
    } else if (out.error === 'invalid_client') {
      message = `Unknown client or invalid client: ${ctx.oidc?.params?.client_id ?? ctx.query?.client_id ?? ''}. ${out.error_description ?? ''}`;
    }
    ctx.status = error?.statusCode && error.statusCode >= 400 ? error.statusCode : 400;
    ctx.type = 'html';
    const p = page(title, `<p id="error_message">${html(message)}</p>
<p>error: <code id="error">${html(out.error)}</code></p>
<p>error_description: <code id="error_description">${html(out.error_description)}</code></p>`);
    ctx.body = p.body;
  },
};

const provider = new Provider(ISSUER, configuration);
provider.on('server_error', (ctx, err) => log('server_error', ctx.path, err));
provider.on('authorization.error', (ctx, err) => log('authorization.error', err.error, err.error_description));
provider.on('grant.error', (ctx, err) => log('grant.error', err.error, err.error_description));

// Exact redirect_uri matching for every client, like Auth0 (oidc-provider would
// otherwise accept any port for loopback URIs of application_type=native clients).
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  return this.redirectUris.includes(value);
};

// Cookies set by /auth when it redirects to /interaction/<uid>, so that the
// automatic modes also work for user agents that do not keep cookies.
const capturedCookies = new Map(); // uid -> {cookies: string[], at: ms}
provider.use(async (ctx, next) => {
  // oidc-provider (per OIDC Core) drops offline_access unless prompt=consent is
  // sent; Auth0 does not. Add the prompt so offline_access yields a refresh token.
  if (ctx.path === '/auth' && ctx.method === 'GET' && ctx.query.prompt === undefined
      && String(ctx.query.scope ?? '').split(' ').includes('offline_access')) {
    ctx.querystring = `${ctx.querystring}&prompt=consent`;
  }
  await next();
  if (ctx.path === '/.well-known/openid-configuration' && ctx.body && typeof ctx.body === 'object') {
    ctx.body.scopes_supported = SCOPES_SUPPORTED;
  }
  const location = ctx.response.get('location');
  const m = /^(?:https?:\/\/[^/]+)?\/interaction\/([^/?#]+)/.exec(location || '');
  if (m && ctx.status >= 300 && ctx.status < 400) {
    const setCookie = ctx.response.get('set-cookie');
    capturedCookies.set(m[1], { cookies: [].concat(setCookie || []), at: Date.now() });
    for (const [uid, v] of capturedCookies) if (Date.now() - v.at > 15 * 60_000) capturedCookies.delete(uid);
  }
});

// ---------------------------------------------------------------------------
// Interactions (login + consent)
// ---------------------------------------------------------------------------
async function clientMode(clientId) {
  const client = await provider.Client.find(clientId);
  return client?.e2eInteraction ?? client?.metadata()?.e2e_interaction ?? 'browser';
}

async function completeConsent(details) {
  const { prompt: { details: missing }, params, session: { accountId } } = details;
  let { grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  if (missing.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  const saved = await grant.save();
  return grantId ? {} : { grantId: saved };
}

// Automatic result for modes approve/deny (uses the request's interaction cookie).
async function autoFinish(req, res, details, mode) {
  if (mode === 'deny') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'The user denied access (e2e interaction mode "deny")',
    }, { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === 'login') {
    return provider.interactionFinished(req, res, { login: { accountId: AUTO_USER } }, { mergeWithLastSubmission: false });
  }
  const consent = await completeConsent(details);
  return provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
}

function parseCookieHeader(header) {
  const jar = new Map();
  for (const part of (header || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return jar;
}

function applySetCookie(jar, setCookies) {
  for (const sc of setCookies) {
    const [pair, ...attrs] = sc.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v] = a.split('=');
      return k.trim().toLowerCase() === 'expires' && Date.parse(v) < Date.now();
    }) || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
    if (!value || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

// Drive the rest of the flow server-side, with the cookies captured when /auth
// created the interaction, and return the final Location (the client's
// redirect_uri with code or error).
async function driveWithCapturedCookies(uid) {
  const captured = capturedCookies.get(uid);
  if (!captured) return undefined;
  const jar = new Map();
  applySetCookie(jar, captured.cookies);
  let url = `${ISSUER}/interaction/${uid}`;
  for (let hop = 0; hop < 12; hop += 1) {
    const r = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    applySetCookie(jar, r.headers.getSetCookie());
    const loc = r.headers.get('location');
    if (!loc || r.status < 300 || r.status >= 400) {
      throw new Error(`automatic interaction stopped at ${new URL(url).pathname} with HTTP ${r.status}`);
    }
    const next = new URL(loc, url);
    if (next.origin !== ISSUER || !/^\/(auth|interaction)\//.test(next.pathname)) {
      capturedCookies.delete(uid);
      return next.href;
    }
    url = next.href;
  }
  throw new Error('too many redirects in automatic interaction');
}

async function handleInteraction(req, res, url) {
  const m = /^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
  if (!m) return send(res, 404, page('Not found', '<p>Unknown interaction URL.</p>').body);
  const [, uid, action] = m;

  let details;
  try {
    details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('uid mismatch');
  } catch (err) {
    // No (matching) interaction cookie: a cookie-less user agent. The automatic
    // modes still work thanks to the cookies captured at /auth.
    if (req.method === 'GET' && !action) {
      const interaction = await provider.Interaction.find(uid);
      const mode = interaction ? await clientMode(interaction.params.client_id) : undefined;
      if (mode === 'approve' || mode === 'deny') {
        try {
          const location = await driveWithCapturedCookies(uid);
          if (location) {
            log(`interaction ${uid}: cookie-less ${mode}, answered with final redirect`);
            return send(res, 303, '', { location });
          }
        } catch (e) {
          log(`interaction ${uid}: cookie-less ${mode} failed: ${e.message}`);
        }
      }
    }
    return send(res, 400, page('Session expired', `<p id="error_message">The login session was not found or has expired
(interaction ${html(uid)}). Cookies are required for the browser login. Start the login again.</p>
<p>error: <code id="error">invalid_request</code></p>`).body);
  }

  const { prompt, params } = details;
  const mode = await clientMode(params.client_id);

  if (req.method === 'GET' && !action) {
    if (mode === 'approve' || mode === 'deny') {
      log(`interaction ${uid}: ${prompt.name} auto-${mode} for ${params.client_id}`);
      return autoFinish(req, res, details, mode);
    }
    if (prompt.name === 'login') {
      return send(res, 200, page('Sign in to CARTO (e2e)', `<p>Client <code id="client_id">${html(params.client_id)}</code> wants you to sign in.</p>
<form id="login-form" method="post" action="/interaction/${html(uid)}/login" autocomplete="off">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autofocus required>
  <button id="login" type="submit">Log in</button>
</form>
<form id="cancel-form" method="post" action="/interaction/${html(uid)}/abort">
  <button id="cancel" type="submit">Cancel</button>
</form>`).body);
    }
    const scopes = [...new Set([
      ...(prompt.details.missingOIDCScope ?? []),
      ...Object.values(prompt.details.missingResourceScopes ?? {}).flat(),
    ])];
    return send(res, 200, page('Authorize access', `<p>Client <code id="client_id">${html(params.client_id)}</code>
requests access for <strong id="user">${html(details.session?.accountId)}</strong>.</p>
<p>Resource: <code id="resource">${html([].concat(params.resource ?? []).join(' '))}</code></p>
<p>Scopes: <code id="scopes">${html(scopes.join(' '))}</code></p>
<form id="allow-form" method="post" action="/interaction/${html(uid)}/confirm">
  <button id="allow" type="submit">Allow</button>
</form>
<form id="deny-form" method="post" action="/interaction/${html(uid)}/abort">
  <button id="deny" type="submit">Deny</button>
</form>`).body);
  }

  if (req.method !== 'POST') return send(res, 405, page('Method not allowed', '').body, { allow: 'GET, POST' });
  const form = new URLSearchParams(await readBody(req));

  if (action === 'login') {
    if (prompt.name !== 'login') return send(res, 400, page('Bad request', '<p>Not a login prompt.</p>').body);
    const username = (form.get('username') || '').trim();
    if (!username) return send(res, 400, page('Bad request', '<p id="error_message">Username is required.</p>').body);
    log(`interaction ${uid}: login as ${username}`);
    return provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    if (prompt.name !== 'consent') return send(res, 400, page('Bad request', '<p>Not a consent prompt.</p>').body);
    log(`interaction ${uid}: consent allowed`);
    const consent = await completeConsent(details);
    return provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
  }
  // abort: Cancel on the login page or Deny on the consent page
  log(`interaction ${uid}: ${prompt.name} denied by the user`);
  return provider.interactionFinished(req, res, {
    error: 'access_denied',
    error_description: prompt.name === 'login' ? 'The user cancelled the login' : 'The user denied access',
  }, { mergeWithLastSubmission: false });
}

// ---------------------------------------------------------------------------
// Admin API (loopback only)
// ---------------------------------------------------------------------------
const clientAdapter = () => new MemoryAdapter('Client');

function adminView(meta) {
  return {
    client_id: meta.client_id,
    client_secret: meta.client_secret,
    redirect_uris: meta.redirect_uris,
    token_endpoint_auth_method: meta.token_endpoint_auth_method ?? 'client_secret_basic',
    interaction: meta.e2e_interaction ?? 'browser',
    strict_auth_method: Boolean(meta.e2e_strict_auth_method),
    grant_types: meta.grant_types,
    registered_via: meta.e2e_admin ? 'admin' : 'dynamic_registration',
  };
}

async function handleAdmin(req, res, url) {
  if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, { error: 'forbidden' });
  if (url.pathname === '/admin/clients' && req.method === 'GET') {
    const adapter = clientAdapter();
    const out = [];
    for (const id of adapter.list()) {
      const meta = await adapter.find(id);
      if (meta) out.push(adminView(meta));
    }
    return send(res, 200, out);
  }
  const m = /^\/admin\/clients\/([^/]+)$/.exec(url.pathname);
  if (!m) return send(res, 404, { error: 'not_found' });
  const id = decodeURIComponent(m[1]);
  const adapter = clientAdapter();

  if (req.method === 'GET') {
    const meta = await adapter.find(id);
    return meta ? send(res, 200, adminView(meta)) : send(res, 404, { error: 'not_found', client_id: id });
  }
  if (req.method === 'DELETE') {
    const meta = await adapter.find(id);
    if (!meta) return send(res, 404, { error: 'not_found', client_id: id });
    await adapter.destroy(id);
    log(`admin: deleted client ${id}`);
    res.writeHead(204);
    return res.end();
  }
  if (req.method !== 'PUT') return send(res, 405, { error: 'method_not_allowed' }, { allow: 'GET, PUT, DELETE' });

  let body;
  try {
    body = JSON.parse(await readBody(req) || '{}');
  } catch {
    return send(res, 400, { error: 'invalid_json' });
  }
  const method = body.token_endpoint_auth_method ?? 'client_secret_basic';
  const interaction = body.interaction ?? 'browser';
  if (!AUTH_METHODS.has(method)) {
    return send(res, 400, { error: 'invalid_client_metadata', error_description: `token_endpoint_auth_method must be one of ${[...AUTH_METHODS].join(', ')}` });
  }
  if (!INTERACTION_MODES.has(interaction)) {
    return send(res, 400, { error: 'invalid_client_metadata', error_description: `interaction must be one of ${[...INTERACTION_MODES].join(', ')}` });
  }
  if (!Array.isArray(body.redirect_uris) || !body.redirect_uris.length || !body.redirect_uris.every((u) => typeof u === 'string')) {
    return send(res, 400, { error: 'invalid_redirect_uri', error_description: 'redirect_uris must be a non-empty array of strings' });
  }
  if (method === 'none' && body.client_secret) {
    return send(res, 400, { error: 'invalid_client_metadata', error_description: 'a client with token_endpoint_auth_method "none" has no secret' });
  }
  if (body.strict_auth_method !== undefined && typeof body.strict_auth_method !== 'boolean') {
    return send(res, 400, { error: 'invalid_client_metadata', error_description: 'strict_auth_method must be a boolean' });
  }
  if (body.client_secret !== undefined && (typeof body.client_secret !== 'string' || !body.client_secret)) {
    return send(res, 400, { error: 'invalid_client_metadata', error_description: 'client_secret must be a non-empty string' });
  }
  const meta = {
    client_id: id,
    redirect_uris: body.redirect_uris,
    token_endpoint_auth_method: method,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    e2e_interaction: interaction,
    e2e_admin: true,
    e2e_strict_auth_method: body.strict_auth_method === true,
  };
  if (method !== 'none') meta.client_secret = body.client_secret ?? crypto.randomBytes(24).toString('base64url');

  const { e2e_admin: _a, e2e_strict_auth_method: _s, ...forValidation } = meta;
  try {
    await provider.Client.validate(forValidation);
  } catch (err) {
    return send(res, 400, { error: err.error ?? 'invalid_client_metadata', error_description: err.error_description ?? err.message });
  }
  const existed = Boolean(await adapter.find(id));
  await adapter.upsert(id, meta);
  log(`admin: ${existed ? 'replaced' : 'created'} client ${id} (${method}, ${interaction}) redirect_uris=${meta.redirect_uris.join(',')}`);
  return send(res, existed ? 200 : 201, adminView(meta));
}

// Which client authentication a token request used, and whether the client
// (created with strict_auth_method) allows it. oidc-provider itself accepts
// client_secret_basic and client_secret_post interchangeably.
async function strictAuthMethodRefusal(req) {
  const form = new URLSearchParams(req.body);
  let clientId = form.get('client_id');
  let used = 'none';
  const authz = req.headers.authorization;
  if (authz && /^basic\s/i.test(authz)) {
    used = 'client_secret_basic';
    try {
      const decoded = Buffer.from(authz.split(/\s+/)[1], 'base64').toString('utf8');
      clientId = decodeURIComponent(decoded.slice(0, decoded.indexOf(':')).replace(/\+/g, '%20'));
    } catch { /* oidc-provider reports the malformed header */ }
  } else if (form.get('client_secret')) {
    used = 'client_secret_post';
  } else if (form.get('client_assertion')) {
    used = 'client_assertion';
  }
  if (!clientId) return undefined;
  const meta = await clientAdapter().find(clientId);
  if (!meta?.e2e_strict_auth_method) return undefined;
  const registered = meta.token_endpoint_auth_method ?? 'client_secret_basic';
  if (used === registered) return undefined;
  log(`token: client ${clientId} used ${used}, registered ${registered} (strict): refused`);
  return {
    error: 'invalid_client',
    error_description: `client authentication failed: the client is registered with token_endpoint_auth_method ${registered} but the request used ${used}`,
  };
}

// ---------------------------------------------------------------------------
// HTTP front
// ---------------------------------------------------------------------------
const providerCallback = provider.callback();

// Requests served to clients (not /healthz, /admin or /__requests): the
// benchmark reads the count before and after a run.
let requestCount = 0;

server.on('request', async (req, res) => {
  const started = Date.now();
  const url = new URL(req.url, ISSUER);
  res.on('finish', () => log(`${req.method} ${url.pathname} -> ${res.statusCode} (${Date.now() - started} ms)`));
  try {
    if (url.pathname === '/healthz') return send(res, 200, { ok: true, issuer: ISSUER });
    if (url.pathname === '/__requests') return send(res, 200, { count: requestCount });
    if (!url.pathname.startsWith('/admin')) requestCount += 1;
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) return await handleAdmin(req, res, url);
    if (url.pathname.startsWith('/interaction/')) return await handleInteraction(req, res, url);
    if (req.method === 'POST' && (url.pathname === '/token' || url.pathname === '/token/revocation')) {
      // Read the body here (oidc-provider then uses req.body) to enforce the
      // registered token_endpoint_auth_method for clients created with
      // strict_auth_method: true.
      req.body = await readBody(req, 56 * 1024);
      const refusal = await strictAuthMethodRefusal(req);
      if (refusal) return send(res, 401, refusal, { 'www-authenticate': 'Basic realm="token"' });
    }
    if (url.pathname === '/.well-known/oauth-authorization-server') {
      // RFC 8414 metadata: the same document as OIDC discovery (issuer has no path).
      req.url = `/.well-known/openid-configuration${url.search}`;
    }
    return providerCallback(req, res);
  } catch (err) {
    log('handler error', err);
    if (!res.headersSent) send(res, 500, { error: 'server_error', error_description: err.message });
    else res.destroy();
  }
});

// oidc-provider 9 does not serve RFC 8414; check that our alias works and that
// the advertised values are what the tests rely on.
{
  const r = await fetch(`${ISSUER}/.well-known/oauth-authorization-server`);
  const meta = await r.json();
  if (meta.issuer !== ISSUER || JSON.stringify(meta.code_challenge_methods_supported) !== '["S256"]'
      || meta.authorization_response_iss_parameter_supported !== true) {
    throw new Error(`unexpected AS metadata: ${JSON.stringify(meta)}`);
  }
}

log(`listening on ${ISSUER}`);
if (args['ready-file']) fs.writeFileSync(args['ready-file'], `${ISSUER}\n`);

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: shutting down`);
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  });
}
