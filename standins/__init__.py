"""The demo's stand-ins for the systems around Klantbeeld.

Each is a real server on loopback that behaves as the external system does, following that
system's published documents and checking every request and answer against them. ``bin/run``
starts them beside Klantbeeld for the demo, and the test suite starts them for the tests;
see README.md in this folder.
"""
