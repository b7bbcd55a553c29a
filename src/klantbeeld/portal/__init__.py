"""MijnGemeente: the residents' and companies' own portal under ``/mijn/`` (docs/portaal.md).

Signed in with DigiD or eHerkenning through the municipality's OpenID Connect broker, a
resident sees only what is theirs (R12), through the domain's services; the portal has its
own session, separate from the workspace's."""
