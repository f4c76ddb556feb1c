from kit import menu

menu.register(
    "guidance",
    "思想引领",
    icon="ti-flag",
    order=30,
    items=[menu.MenuItem("概览", "guidance:overview", icon="ti-flag")],
)
