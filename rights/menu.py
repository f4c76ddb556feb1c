from kit import menu

menu.register(
    "rights",
    "维权服务",
    icon="ti-shield-heart",
    order=60,
    items=[
        menu.MenuItem("概览", "rights:overview"),
        menu.MenuItem("互助保障计划", "rights:aidplan_list", perm="rights.view_aidplan"),
        menu.MenuItem("团体参保", "rights:unitenrolment_list", perm="rights.view_unitenrolment"),
        menu.MenuItem("参保职工", "rights:enrolledmember_list", perm="rights.view_enrolledmember"),
        menu.MenuItem("互助金申领", "rights:claim_list", perm="rights.view_claim"),
        menu.MenuItem("救助标准", "rights:reliefpolicy_list", perm="rights.view_reliefpolicy"),
        menu.MenuItem("困难职工档案", "rights:hardshipfile_list", perm="rights.view_hardshipfile"),
        menu.MenuItem("帮扶记录", "rights:aidrecord_list", perm="rights.view_aidrecord"),
        menu.MenuItem("志愿服务队", "rights:volunteerteam_list", perm="rights.view_volunteerteam"),
        menu.MenuItem("志愿者", "rights:volunteer_list", perm="rights.view_volunteer"),
        menu.MenuItem("志愿服务活动", "rights:volunteeractivity_list", perm="rights.view_volunteeractivity"),
        menu.MenuItem("服务时长", "rights:servicehours_list", perm="rights.view_servicehours"),
        menu.MenuItem("志愿服务证明", "rights:hourscertificate_list", perm="rights.view_hourscertificate"),
        menu.MenuItem("新就业形态服务行动", "rights:servicecampaign_list", perm="rights.view_servicecampaign"),
        menu.MenuItem("赠送记录", "rights:giftdelivery_list", perm="rights.view_giftdelivery"),
        menu.MenuItem("教育基地", "rights:educationbase_list", perm="rights.view_educationbase"),
    ],
)
