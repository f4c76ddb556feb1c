"""The standard roles (editable afterwards in 系统管理 → 角色)."""

from __future__ import annotations

CORE_MODELS = [
    "org",
    "region",
    "enterprise",
    "person",
    "personhonour",
    "memberunit",
    "dicttype",
    "dictitem",
    "holiday",
    "policydocument",
]
ALL_ACTIONS = ["view", "add", "change", "delete", "import", "export"]


def perms(models: list[str], actions: list[str], app: str = "core") -> list[str]:
    return [f"{app}.{a}_{m}" for m in models for a in actions]


ROLES = {
    # 三员分立: the system administrator keeps the system (org tree, dictionaries, holidays, users and
    # roles) — no workers' records and no audit log; the security and audit administrators below
    "sysadmin": (
        "系统管理员",
        "all",
        [
            *perms(["org", "region", "dicttype", "dictitem", "holiday", "memberunit"], ALL_ACTIONS),
            *perms(["user", "role"], ["view", "add", "change", "delete"]),
            "core.view_pii_user",
        ],
    ),
    "secadmin": ("安全管理员", "all", [*perms(["user"], ["view", "secure"])]),
    "district_staff": (
        "区总工会工作人员",
        "subtree",
        [
            *perms(["org", "enterprise", "person", "personhonour", "memberunit", "policydocument"], ALL_ACTIONS),
            *perms(["region", "dicttype", "dictitem"], ["view"]),
            "core.view_pii_person",
        ],
    ),
    "subdistrict_staff": (
        "街道/园区工会工作人员",
        "subtree",
        [
            *perms(["enterprise", "person", "personhonour"], ALL_ACTIONS),
            *perms(["org"], ["view", "add", "change"]),
            *perms(["region", "dicttype", "dictitem", "memberunit"], ["view"]),
        ],
    ),
    "enterprise_chair": (
        "企业工会主席",
        "org",
        [
            *perms(["person", "personhonour"], ALL_ACTIONS),
            *perms(["enterprise", "org"], ["view", "change"]),
            *perms(["region", "dicttype", "dictitem", "memberunit"], ["view"]),
            "core.view_pii_person",
        ],
    ),
    "member_unit": (
        "联席会议成员单位联络员",
        "unit",
        [
            *perms(["region", "dicttype", "dictitem", "memberunit"], ["view"]),
        ],
    ),
    "auditor": ("审计管理员", "all", ["kit.view_auditentry", "kit.export_auditentry"]),
    "worker": ("职工", "self", []),
    # 法律援助: the centre's supervisors see every case of their org and below; a lawyer or mediator
    # ("self") only the cases assigned to him — `legal.demo` grants their permissions
    "legal_supervisor": ("法律援助中心负责人", "subtree", [*perms(["dictitem"], ["view"])]),
    "lawyer": ("援助律师/调解员", "self", [*perms(["dictitem"], ["view"])]),
}


# the 三员 duty of each standard role (Role.duty): no account may hold two of them
DUTIES = {"sysadmin": "system", "secadmin": "security", "auditor": "audit"}
# the roles whose accounts give a second factor (TOTP) at log-in: the 三员 and the legal-aid centre
OTP_ROLES = {"sysadmin", "secadmin", "auditor", "legal_supervisor", "lawyer"}


def grant(role_code: str, names: list[str]) -> None:
    """A module's demo adds its permissions to a standard role (never removes any)."""
    from django.contrib.auth.models import Permission

    from core.models import Role

    role = Role.objects.filter(code=role_code).first()
    if role is None:
        return
    for name in names:
        app, codename = name.split(".", 1)
        perm = Permission.objects.get(content_type__app_label=app, codename=codename)
        role.permissions.add(perm)
