"""The three roles of the newsroom as permission groups, created on migrate and by `ensure_roles`.

Rights are model permissions, so every check in the code asks for a permission (``publish_article``,
``work_on_all_teams``…), never for a role's name; a site may grant them differently.
"""

EDITOR = "Communications editor"
AUTHOR = "Communications author"
RESEARCHER = "Researcher"

ALL = ("add", "change", "delete", "view")

# (app label, model) -> actions, plus custom permissions as (app label, codename).
ROLES = {
    EDITOR: {
        "models": {
            ("newsroom", "article"): ALL,
            ("newsroom", "articleperson"): ALL,
            ("newsroom", "articlepartner"): ALL,
            ("newsroom", "image"): ALL,
            ("newsroom", "previewlink"): ALL,
            ("newsroom", "editorialevent"): ("view",),
            ("newsroom", "event"): ALL,
            ("newsroom", "eventspeaker"): ALL,
            ("newsroom", "page"): ALL,
            ("newsroom", "menuitem"): ALL,
            ("newsroom", "auditentry"): ("view",),
            ("newsroom", "sitesettings"): ("view", "change"),
            ("research", "organisation"): ALL,
            ("research", "grant"): ALL,
            ("research", "team"): ALL,
            ("research", "membership"): ALL,
            ("research", "person"): ALL,
            ("research", "publication"): ALL,
            ("research", "publicationauthor"): ALL,
            ("taggit", "tag"): ALL,
            ("auth", "user"): ("view",),
            ("press", "journalist"): ALL,
            ("press", "mediakit"): ALL,
            ("press", "mediapicture"): ALL,
            ("press", "presscontact"): ALL,
            ("press", "releaseaccess"): ("view",),
            ("press", "pressemail"): ("view",),
        },
        "custom": [
            ("newsroom", "publish_article"),
            ("newsroom", "restore_article"),
            ("newsroom", "purge_article"),
            ("newsroom", "publish_event"),
            ("newsroom", "restore_event"),
            ("newsroom", "purge_event"),
            ("newsroom", "publish_page"),
            ("newsroom", "restore_page"),
            ("newsroom", "purge_page"),
            ("research", "work_on_all_teams"),
        ],
    },
    AUTHOR: {
        "models": {
            ("newsroom", "article"): ("add", "change", "view"),
            ("newsroom", "articleperson"): ALL,
            ("newsroom", "articlepartner"): ALL,
            ("newsroom", "image"): ("add", "change", "view"),
            ("newsroom", "previewlink"): ("add", "change", "view"),
            ("newsroom", "event"): ("add", "change", "view"),
            ("newsroom", "eventspeaker"): ALL,
            ("press", "mediakit"): ALL,
            ("press", "mediapicture"): ALL,
            ("press", "presscontact"): ALL,
            ("research", "organisation"): ("view",),
            ("research", "grant"): ("view",),
            ("research", "team"): ("view",),
            ("research", "person"): ("view",),
            ("research", "publication"): ("view",),
            ("auth", "user"): ("view",),
        },
        "custom": [("research", "work_on_all_teams")],
    },
    RESEARCHER: {
        "models": {
            ("newsroom", "article"): ("add", "change", "view"),
            ("newsroom", "articleperson"): ALL,
            ("newsroom", "articlepartner"): ALL,
            ("newsroom", "image"): ("add", "view"),
            ("research", "team"): ("change", "view"),
            ("research", "membership"): ALL,
            ("research", "person"): ("change", "view"),
            ("research", "publication"): ALL,
            ("research", "publicationauthor"): ALL,
            ("research", "organisation"): ("view",),
            ("research", "grant"): ("view",),
        },
        "custom": [],
    },
}


def codenames(role):
    spec = ROLES[role]
    for (app_label, model), actions in spec["models"].items():
        for action in actions:
            yield app_label, f"{action}_{model}"
    yield from spec["custom"]


def ensure_roles(group_model, permission_model):
    """Create the groups and give each exactly its permissions. Safe to run again. A permission of a model that a
    migration has not made yet is left out: the migration that adds the model runs this again."""
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = list(codenames(role))
        permissions = [
            permission
            for app_label, codename in wanted
            for permission in permission_model.objects.filter(content_type__app_label=app_label, codename=codename)
        ]
        group.permissions.set(permissions)
