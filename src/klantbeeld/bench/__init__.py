"""The benchmark: a large register, the production server, and figures per scenario.

``klantbeeld bench`` (management/commands/bench.py) fills the database to the asked size
(demo.dataset, written in bulk), starts ``klantbeeld serve`` as in production, and drives
it over real HTTP with concurrent clients (driver.py) through the scenarios
(scenarios.py), each of which checks that every answer is right.
"""
