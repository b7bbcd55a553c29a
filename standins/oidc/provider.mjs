// A real OpenID Connect provider on loopback for tests and the demo (npm oidc-provider).
// Configured by environment variables:
//   OP_PORT          port to listen on (0: a free one); the first line printed is the issuer
//   OP_CLIENT_ID, OP_CLIENT_SECRET, OP_REDIRECT_URIS (comma-separated), OP_POST_LOGOUT_URIS
//   OP_CLIENTS       optional JSON [{client_id, client_secret, redirect_uris,
//                    post_logout_redirect_uris}]: more clients beside OP_CLIENT_ID (the
//                    portal's DigiD and eHerkenning clients of a broker)
//   OP_USERS         JSON {login: {name, email, roles: [...], claims: {...}}}; `claims` are
//                    released as they are, in the ID token and from userinfo, as a DigiD or
//                    eHerkenning broker does (bsn, urn:etoegang:core:LegalSubjectID, ...); any
//                    other login signs in without roles (the dev login form takes any password)
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const env = process.env;
const users = JSON.parse(env.OP_USERS || '{}');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'klantbeeld-test', use: 'sig', alg: 'RS256' };
const split = (text) => (text || '').split(',').map((s) => s.trim()).filter(Boolean);

// Every claim any user has beyond the standard ones, released under the openid scope.
const extraClaims = [...new Set(Object.values(users).flatMap((u) => Object.keys(u.claims || {})))];
const client = (c) => ({
  client_id: c.client_id,
  client_secret: c.client_secret,
  redirect_uris: c.redirect_uris,
  post_logout_redirect_uris: c.post_logout_redirect_uris || [],
  response_types: ['code'],
  grant_types: ['authorization_code'],
  // mozilla-django-oidc sends the secret in the body unless told otherwise; the portal's
  // clients (Authlib) use HTTP Basic, the standard's default.
  token_endpoint_auth_method: c.token_endpoint_auth_method || 'client_secret_post',
});
const clients = [
  ...(env.OP_CLIENT_ID ? [{
    client_id: env.OP_CLIENT_ID,
    client_secret: env.OP_CLIENT_SECRET,
    redirect_uris: split(env.OP_REDIRECT_URIS),
    post_logout_redirect_uris: split(env.OP_POST_LOGOUT_URIS),
  }] : []),
  ...JSON.parse(env.OP_CLIENTS || '[]'),
].map(client);

function configuration(issuer) {
  return {
    clients,
    // Claims in the ID token too, as the DigiD/eHerkenning brokers send them.
    conformIdTokenClaims: false,
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub', ...extraClaims], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
    features: {
      devInteractions: { enabled: true },
      // Signs out without asking, as a provider does when the RP sends id_token_hint.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Signing out</title></head><body>${form}
            <button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
            <script>document.querySelector('button[name=logout]').click()</script></body></html>`;
        },
      },
    },
    // Staff of the organisation: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile roles');
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'roles', ...extraClaims]);
      await grant.save();
      return grant;
    },
    // Never undefined: the dev login takes any login, which must become an account.
    async findAccount(ctx, sub) {
      const user = users[sub] || { name: sub, email: `${sub}@example.nl`, roles: [] };
      return {
        accountId: sub,
        async claims() {
          return {
            sub, name: user.name, email: user.email, email_verified: true, roles: user.roles,
            ...(user.claims || {}),
          };
        },
      };
    },
  };
}

const port = Number(env.OP_PORT || 0);
const server = (await import('node:http')).createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration(issuer));
  // The library's pages import a web font from Google: nothing here may leave loopback.
  // Outermost, so it sees the page the library's own interaction middleware wrote.
  provider.app.middleware.unshift(async (ctx, next) => {
    await next();
    if (typeof ctx.body === 'string' && ctx.body.includes('fonts.googleapis.com')) {
      ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
    }
  });
  server.on('request', provider.callback());
  console.log(issuer);
});
