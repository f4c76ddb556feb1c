from kit import menu

menu.register(
    "portal",
    "职工服务",
    icon="ti-device-mobile",
    order=15,
    items=[
        menu.MenuItem("概览", "portal:overview", icon="ti-device-mobile"),
        menu.MenuItem("网上入会", "portal:membershipapplication_list", perm="portal.review_membershipapplication"),
        menu.MenuItem("职工自助登记", "portal:selfregistration_list", perm="portal.review_selfregistration"),
        menu.MenuItem("短信发送记录", "portal:outbox", perm="portal.view_textmessage"),
    ],
)
