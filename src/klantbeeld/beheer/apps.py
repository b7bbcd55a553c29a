from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class BeheerConfig(AppConfig):
    """The admin's templates and commands."""

    default = True
    name = "klantbeeld.beheer"
    label = "beheer"
    verbose_name = "Beheer"


class AdminSiteConfig(admin_apps.AdminConfig):
    """Django's admin with Klantbeeld's site (``beheer.site.BeheerSite``) as ``admin.site``."""

    default = False
    default_site = "klantbeeld.beheer.site.BeheerSite"
