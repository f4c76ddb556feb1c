from kit import menu

menu.register(
    "skills",
    "技能提升",
    icon="ti-tools",
    order=40,
    items=[menu.MenuItem("概览", "skills:overview", icon="ti-tools")],
)
