from kit import menu

menu.register(
    "merit",
    "建功立业",
    icon="ti-trophy",
    order=50,
    items=[menu.MenuItem("概览", "merit:overview", icon="ti-trophy")],
)
