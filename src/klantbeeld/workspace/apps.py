from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "klantbeeld.workspace"
    label = "workspace"
    verbose_name = "Werkplek"

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from klantbeeld.workspace import aanmeldingen, noodtoegang, roles

        post_migrate.connect(roles.create_groups, sender=self)
        aanmeldingen.connect()
        checks.register(roles.check_rol_mapping)
        checks.register(noodtoegang.check_instelling)
