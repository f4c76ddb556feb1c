from kit import menu

menu.register(
    "indicators",
    "指标看板",
    icon="ti-chart-bar",
    order=80,
    items=[menu.MenuItem("概览", "indicators:overview", icon="ti-chart-bar")],
)
