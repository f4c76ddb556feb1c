from kit import menu

menu.register(
    "legal",
    "法律援助",
    icon="ti-scale",
    order=70,
    items=[
        menu.MenuItem("概览", "legal:overview"),
        menu.MenuItem("案件", "legal:case_list", perm="legal.view_case"),
        menu.MenuItem("调解与开庭", "legal:casesession_list", perm="legal.view_casesession"),
        menu.MenuItem("案件材料", "legal:casedocument_list", perm="legal.view_casedocument"),
        menu.MenuItem("律师和调解员", "legal:lawyer_list", perm="legal.view_lawyer"),
        menu.MenuItem("异地协作工会", "legal:partner_list", perm="legal.view_partner"),
        menu.MenuItem("异地协作转介", "legal:referral_list", perm="legal.view_referral"),
        menu.MenuItem("法律体检", "legal:checkup_list", perm="legal.view_checkup"),
        menu.MenuItem("普法活动", "legal:educationsession_list", perm="legal.view_educationsession"),
        menu.MenuItem("中心建设标准", "legal:centrecriterion_list", perm="legal.view_centrecriterion"),
        menu.MenuItem("最低工资标准", "legal:minimumwage_list", perm="legal.view_minimumwage"),
    ],
)
