"""Management insight (issue 17 part 4): day figures kept beside the register, the
dashboards of the workspace, their exports and the BI API (docs/inzicht.md)."""
