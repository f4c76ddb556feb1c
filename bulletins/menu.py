from kit import menu

menu.register(
    "bulletins",
    "专报",
    icon="ti-file-text",
    order=90,
    items=[
        menu.MenuItem("概览", "bulletins:overview", icon="ti-file-text"),
        menu.MenuItem("专报", "bulletins:issue_list", perm="bulletins.view_issue"),
        menu.MenuItem("模板", "bulletins:template_list", perm="bulletins.view_template"),
        menu.MenuItem("专报系列", "bulletins:series_list", perm="bulletins.view_series"),
    ],
)
