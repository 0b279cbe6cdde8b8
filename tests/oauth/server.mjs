// A real OAuth 2.0 authorization server for the core's sign-in tests:
// oauth2-mock-server's service on 127.0.0.1, on a free port.
//
//   node server.mjs [--deny]
//
// Prints one JSON line, {"url":"http://127.0.0.1:PORT","issuer":...,"deny":false},
// serves until SIGTERM or SIGINT, then exits 0.
//
// What the package checks by itself (8.2.x, read in its source): a
// code_verifier sent to /token must match the code_challenge stored at
// /authorize (S256 or plain), and must be 43-128 unreserved characters.
// What it does not check, and this launcher adds so the tests can fail:
// - a code is good for one exchange, and only a code /authorize issued;
// - a code issued with a code_challenge cannot be exchanged without a
//   code_verifier (the package skips PKCE when the verifier is absent);
// - refresh tokens rotate: each one is good for one refresh, and one that
//   was revoked at /revoke is refused with invalid_grant (the package
//   accepts any refresh token and ignores revocations);
// - every token is unique (a jti claim): the package's JWTs are otherwise
//   the same when issued within the same second.
// With --deny, /authorize answers as if the user chose Deny:
// error=access_denied instead of a code.

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

const deny = process.argv.includes('--deny');

const issuer = new OAuth2Issuer();
await issuer.keys.generate('RS256');
const service = new OAuth2Service(issuer);

const codes = new Map(); // code -> whether its authorization sent a challenge
const liveRefreshTokens = new Set();
const revoked = new Set();

const refuse = (response, error, description) => {
  response.statusCode = 400;
  response.body = { error, error_description: description };
};

service.on('beforeTokenSigning', (token) => {
  token.payload.jti = randomUUID();
});

service.on('beforeAuthorizeRedirect', ({ url }, req) => {
  const code = url.searchParams.get('code');
  if (deny) {
    url.searchParams.delete('code');
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('error_description', 'The resource owner denied the request.');
    return;
  }
  if (code) {
    const asked = new URL(req.url, 'http://127.0.0.1').searchParams;
    codes.set(code, Boolean(asked.get('code_challenge')));
  }
});

service.on('beforeResponse', (response, req) => {
  const body = req.body ?? {};
  if (body.grant_type === 'authorization_code') {
    if (!codes.has(body.code)) {
      refuse(response, 'invalid_grant', 'The authorization code is unknown or was already used.');
      return;
    }
    const challenged = codes.get(body.code);
    codes.delete(body.code);
    if (challenged && !body.code_verifier) {
      refuse(response, 'invalid_grant', 'The authorization used PKCE: code_verifier is required.');
      return;
    }
  } else if (body.grant_type === 'refresh_token') {
    if (!liveRefreshTokens.delete(body.refresh_token)) {
      const why = revoked.has(body.refresh_token) ? 'was revoked' : 'is unknown or was already used';
      refuse(response, 'invalid_grant', `The refresh token ${why}.`);
      return;
    }
  }
  if (response.statusCode === 200 && response.body.refresh_token) {
    liveRefreshTokens.add(response.body.refresh_token);
  }
});

service.on('beforeRevoke', (_response, req) => {
  const token = req.body?.token;
  if (token && liveRefreshTokens.delete(token)) revoked.add(token);
});

// The package reads form bodies only at /token; /revoke's form is read
// here so the hook above sees which token was revoked.
const readForm = (req) =>
  new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(text))));
    req.on('error', reject);
  });

const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url.split('?')[0] === '/revoke') {
    req.body = await readForm(req);
  }
  service.requestHandler(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  issuer.url = `http://localhost:${port}`;
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${port}`, issuer: issuer.url, deny })}\n`,
  );
});

const stop = () => {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; the tests are done.
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
