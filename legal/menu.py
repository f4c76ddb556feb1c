from kit import menu

menu.register(
    "legal",
    "法律援助",
    icon="ti-scale",
    order=70,
    items=[menu.MenuItem("概览", "legal:overview", icon="ti-scale")],
)
