from kit import menu

menu.register(
    "bulletins",
    "专报",
    icon="ti-file-text",
    order=90,
    items=[menu.MenuItem("概览", "bulletins:overview", icon="ti-file-text")],
)
