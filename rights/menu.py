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
menu.register(
    "rights_bargaining",
    "协商与驿站",
    icon="ti-building-community",
    order=61,
    items=[
        menu.MenuItem("集体协商指导员", "rights:instructor_list", perm="rights.view_instructor"),
        menu.MenuItem("要约行动", "rights:offercampaign_list", perm="rights.view_offercampaign"),
        menu.MenuItem("集体协商", "rights:negotiation_list", perm="rights.view_negotiation"),
        menu.MenuItem("集体合同", "rights:collectivecontract_list", perm="rights.view_collectivecontract"),
        menu.MenuItem("质效评估", "rights:starrating_list", perm="rights.view_starrating"),
        menu.MenuItem("评估轮次", "rights:evaluation", perm="rights.view_starrating"),
        menu.MenuItem("爱心驿站", "rights:station_list", perm="rights.view_station"),
        menu.MenuItem("驿站地图", "rights:station_map", perm="rights.view_station"),
        menu.MenuItem("驿站星级评定", "rights:station_review", perm="rights.view_stationreview"),
    ],
)
