from kit import menu

menu.register(
    "reform",
    "一体化推进",
    icon="ti-arrows-join",
    order=20,
    items=[menu.MenuItem("概览", "reform:overview", icon="ti-arrows-join")],
)
