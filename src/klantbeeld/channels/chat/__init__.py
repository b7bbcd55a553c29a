"""The visitor's side of chat: the widget an organisation puts on its websites (and the
portal carries), its HTTP endpoints (open a chat, send and fetch a file) and its live
connection (``live/chat/<uuid>/``). The conversation itself is the domain's
(domain/services/gesprekken.py); the agent answers it in the workspace. See docs/chat.md."""
