"""The ZGW API conventions, written once for every endpoint of both APIs.

problems: problem-details errors; pagination: ``{count, next, previous, results}``;
context: absolute URLs and ``{uuid, url}`` references; expand: the ``expand`` parameter;
naming: camelCase API names for domain field names; resources: list/retrieve/write helpers.
"""
