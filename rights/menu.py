from kit import menu

menu.register(
    "rights",
    "维权服务",
    icon="ti-shield-heart",
    order=60,
    items=[menu.MenuItem("概览", "rights:overview", icon="ti-shield-heart")],
)
