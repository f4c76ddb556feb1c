from kit import menu

menu.register(
    "indicators",
    "指标看板",
    icon="ti-chart-bar",
    order=80,
    items=[
        menu.MenuItem("看板", "indicators:overview", icon="ti-chart-bar", always=True),
        menu.MenuItem("指标目录", "indicators:catalogue", icon="ti-list-numbers", always=True),
    ],
)
