"""The newsroom's roles, kept as Django groups.

Groups and their permissions are (re)created after every `migrate`, so a new
database has them and a change here reaches existing ones.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Biên tập viên"
EDITORS_IN_CHIEF = "Tổng biên tập"
MODERATORS = "Kiểm duyệt viên"
REPORTERS = "Phóng viên"

ROLE_PERMISSIONS = {
    EDITORS: {
        "comments": {
            # Editors read the comments and empty the trash; they do not moderate.
            "comment": ("view", "delete"),
            "moderationrecord": ("view",),
            # They answer readers, and keep the offices and the blocked words.
            "reply": ("add", "change", "view"),
            "office": ("add", "change", "delete", "view"),
            "blockedphrase": ("add", "change", "delete", "view"),
        },
        "news": {
            # Review, publish and unpublish (news/workflow.py); and send for
            # approval, so that a second editor reads a change before readers do.
            "article": ("add", "change", "delete", "view", "submit", "review", "publish"),
            "articlephoto": ("add", "change", "delete", "view"),
            "author": ("add", "change", "delete", "view"),
            "category": ("add", "change", "delete", "view"),
            "tag": ("add", "change", "delete", "view"),
            "articleslug": ("view",),
            "articleevent": ("view",),
        },
    },
    REPORTERS: {
        "news": {
            # Their own drafts only, until sent for review (news/workflow.py);
            # no delete. A photo of their draft can be taken out of it.
            "article": ("add", "change", "view", "submit"),
            "articlephoto": ("add", "change", "delete", "view"),
            "author": ("view",),
            "category": ("view",),
            "tag": ("view",),
            "articleslug": ("view",),
        },
    },
    MODERATORS: {
        "comments": {
            # No delete: moderators move comments to the trash (a status).
            "comment": ("change", "view"),
            "moderationrecord": ("view",),
            # They answer readers in the portal's name, signing for an office
            # from the editors' list, and see which words are blocked.
            "reply": ("add", "change", "view"),
            "office": ("view",),
            "blockedphrase": ("view",),
        },
    },
}

# The editor-in-chief has every power of an editor, and keeps the portal's
# identity: its name, logo, source code and legal footer.
ROLE_PERMISSIONS[EDITORS_IN_CHIEF] = {
    "comments": ROLE_PERMISSIONS[EDITORS]["comments"],
    "news": {**ROLE_PERMISSIONS[EDITORS]["news"], "portalidentity": ("view", "change")},
}


def ensure_roles():
    """Create the role groups and give each exactly its permissions."""
    for group_name, apps in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for app_label, models in apps.items():
            for model, actions in models.items():
                codenames = [f"{action}_{model}" for action in actions]
                wanted += Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
        group.permissions.set(wanted)


def ensure_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate is sent once per app; permissions of every app exist by the
    # time the last of ours has been migrated.
    if sender.name == "comments":
        ensure_roles()
