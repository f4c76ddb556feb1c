from kit import menu

menu.register(
    "portal",
    "职工服务",
    icon="ti-device-mobile",
    order=15,
    items=[menu.MenuItem("概览", "portal:overview", icon="ti-device-mobile")],
)
