"""The social-media accounts for the functional administrator: what to watch, with which
token (named by environment variable), for which team; when each was last read and its
last error."""

from __future__ import annotations

from django.contrib import admin

from klantbeeld.channels.sociaal.models import Sociaalaccount


@admin.register(Sociaalaccount)
class SociaalaccountAdmin(admin.ModelAdmin):
    list_display = ["naam", "account", "platform", "team", "actief", "gelezen_op", "fout"]
    list_filter = ["actief", "platform"]
    search_fields = ["naam", "account", "server"]
    readonly_fields = ["cursor", "gelezen_op", "fout", "fout_op"]
    fieldsets = [
        (None, {"fields": ["naam", "platform", "server", "account", "token_env", "actief"]}),
        ("Lezen", {"fields": ["interval", "cursor", "gelezen_op", "fout", "fout_op"]}),
        ("Registreren en antwoorden", {"fields": ["team", "gevraagde_handeling", "max_tekens"]}),
    ]
