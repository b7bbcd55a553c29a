"""The register itself: models and the business actions on them (services).

Every adapter (API, workspace, portal, channels, admin) changes data only through
``klantbeeld.domain.services``; the rules live there and in the models' ``clean()``.
"""
