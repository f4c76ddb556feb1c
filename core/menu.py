from kit import menu

menu.register(
    "home", "首页", icon="ti-home", order=0, items=[menu.MenuItem("工作台", "home", icon="ti-home", always=True)]
)
menu.register(
    "system",
    "系统管理",
    icon="ti-settings",
    order=100,
    items=[
        menu.MenuItem("工会组织", "core:org_list", perm="core.view_org", icon="ti-sitemap"),
        menu.MenuItem("行政区划", "core:region_list", perm="core.view_region", icon="ti-map"),
        menu.MenuItem("企业", "core:enterprise_list", perm="core.view_enterprise", icon="ti-building-factory"),
        menu.MenuItem("职工", "core:person_list", perm="core.view_person", icon="ti-users"),
        menu.MenuItem("职工荣誉", "core:personhonour_list", perm="core.view_personhonour", icon="ti-award"),
        menu.MenuItem("联席会议成员单位", "core:memberunit_list", perm="core.view_memberunit", icon="ti-building-bank"),
        menu.MenuItem("字典类型", "core:dicttype_list", perm="core.view_dicttype", icon="ti-list-details"),
        menu.MenuItem("字典项", "core:dictitem_list", perm="core.view_dictitem", icon="ti-list"),
        menu.MenuItem("节假日调整", "core:holiday_list", perm="core.view_holiday", icon="ti-calendar"),
        menu.MenuItem("用户", "core:user_list", perm="core.view_user", icon="ti-user-cog"),
        menu.MenuItem("角色", "core:role_list", perm="core.view_role", icon="ti-lock-access"),
        menu.MenuItem("操作日志", "core:auditentry_list", perm="kit.view_auditentry", icon="ti-history"),
        menu.MenuItem("安全管理", "core:security", perm="core.secure_user", icon="ti-shield-lock"),
        menu.MenuItem("回收站", "kit:recycle_bin", perm="core.change_person", icon="ti-trash"),
    ],
)
