"""Live connections: WebSockets between Klantbeeld and the people working in it (an agent's
workspace, a visitor's chat window), served by ``klantbeeld serve-live`` (an ASGI server
beside the WSGI web server) and fed through a Redis channel layer, so that any process —
a web request, the worker, another live process — can reach any open window.

What is pushed is a signal, never the only copy: the state it announces is in the database
first (a chat message, a call in the call panel), and a window that was not connected
catches up when it connects again. A push that cannot be delivered is therefore logged and
dropped rather than failing the change that caused it. See docs/live.md.
"""
