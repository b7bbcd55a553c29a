"""The workspace adapter: the web UI of the contact centre and the back office (issue 6),
on the same domain services as the APIs. Staff sign in with OpenID Connect; an emergency
login with a second factor is there for when the provider is down (docs/workspace.md)."""
