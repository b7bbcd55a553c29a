// A real OpenID Connect provider on loopback for tests and the demo (npm oidc-provider).
// Configured by environment variables:
//   OP_PORT          port to listen on (0: a free one); the first line printed is the issuer
//   OP_CLIENT_ID, OP_CLIENT_SECRET, OP_REDIRECT_URIS (comma-separated), OP_POST_LOGOUT_URIS
//   OP_USERS         JSON {login: {name, email, roles: [...]}}; any other login signs in
//                    without roles (the dev login form takes any password)
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const env = process.env;
const users = JSON.parse(env.OP_USERS || '{}');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'klantbeeld-test', use: 'sig', alg: 'RS256' };
const split = (text) => (text || '').split(',').map((s) => s.trim()).filter(Boolean);

function configuration(issuer) {
  return {
    clients: [{
      client_id: env.OP_CLIENT_ID,
      client_secret: env.OP_CLIENT_SECRET,
      redirect_uris: split(env.OP_REDIRECT_URIS),
      post_logout_redirect_uris: split(env.OP_POST_LOGOUT_URIS),
      response_types: ['code'],
      grant_types: ['authorization_code'],
      // mozilla-django-oidc sends the secret in the body unless told otherwise.
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
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
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'roles']);
      await grant.save();
      return grant;
    },
    // Never undefined: the dev login takes any login, which must become an account.
    async findAccount(ctx, sub) {
      const user = users[sub] || { name: sub, email: `${sub}@example.nl`, roles: [] };
      return {
        accountId: sub,
        async claims() {
          return { sub, name: user.name, email: user.email, email_verified: true, roles: user.roles };
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
  server.on('request', provider.callback());
  console.log(issuer);
});
