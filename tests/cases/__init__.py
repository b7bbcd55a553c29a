"""Scenario tests for the cases of cases.md §4, each named after its case code."""
