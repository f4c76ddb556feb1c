"""The demo district: Qixia, Nanjing (栖霞区, 320113).

Real: the region codes, the sub-districts, the names the source bulletin uses
(南京银茂铅锌矿业有限公司, 南京信息职业技术学院, 江阴市总工会 …) and the joint-meeting member units.
Sub-district codes are the 9-digit statistical division codes (统计用区划代码 3201130xx000, as
published by the National Bureau of Statistics; 006 is not in use).
Invented, and marked so: every person, every phone number, every ID number and every credit code
(valid check characters, fictitious numbers), and the enterprises other than those the bulletin names.
"""

from __future__ import annotations

DISTRICT = ("320113", "栖霞区")
PROVINCE = ("32", "江苏省")
CITY = ("3201", "南京市")
SUBDISTRICTS = [
    ("320113001", "尧化街道"),
    ("320113002", "马群街道"),
    ("320113003", "迈皋桥街道"),
    ("320113004", "燕子矶街道"),
    ("320113005", "仙林街道"),
    ("320113007", "龙潭街道"),
    ("320113008", "栖霞街道"),
    ("320113009", "八卦洲街道"),
    ("320113010", "西岗街道"),
]

DICTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "industry": (
        "行业",
        [
            ("mining", "采矿业"),
            ("manufacturing", "制造业"),
            ("energy", "电力、热力、燃气及水生产和供应业"),
            ("construction", "建筑业"),
            ("logistics", "交通运输、仓储和邮政业"),
            ("express", "快递业"),
            ("it", "信息传输、软件和信息技术服务业"),
            ("retail", "批发和零售业"),
            ("catering", "住宿和餐饮业"),
            ("education", "教育"),
            ("preschool", "学前教育（幼教）"),
            ("public", "公共管理和社会组织"),
        ],
    ),
    "skill_level": (
        "职业技能等级",
        [
            ("5", "五级/初级工"),
            ("4", "四级/中级工"),
            ("3", "三级/高级工"),
            ("2", "二级/技师"),
            ("1", "一级/高级技师"),
        ],
    ),
    "new_form": (
        "新就业形态类别",
        [
            ("courier", "快递员"),
            ("rider", "外卖骑手"),
            ("ride_hailing", "网约车司机"),
            ("truck", "货车司机"),
            ("delivery", "网约配送员"),
            ("live_seller", "互联网营销师"),
        ],
    ),
    "honour": (
        "荣誉类别",
        [
            ("model_worker", "劳动模范"),
            ("advanced_worker", "先进工作者"),
            ("may_day_medal", "五一劳动奖章"),
            ("craftsman", "工匠"),
            ("technical_expert", "技术能手"),
        ],
    ),
}

MEMBER_UNITS = [
    ("区委组织部", "组织部", "两新组织党务工作者专业化建设"),
    ("区委宣传部", "宣传部", "思想引领与宣传报道"),
    ("区人力资源和社会保障局", "区人社局", "技能培训、技能鉴定、集体协商、劳动仲裁"),
    ("区科学技术局", "区科技局", "职工科技创新成果评选"),
    ("区教育局", "区教育局", "校企合作、劳模工匠进校园"),
    ("区财政局", "区财政局", "产改经费保障"),
    ("区司法局", "区司法局", "法律援助"),
    ("区总工会", "区总工会", "联席会议办公室"),
]

# (name, uscc body of 17 chars — check character added by the loader, ownership, industry, subdistrict,
#  has its own union, key-contact, employees). All but 南京银茂铅锌矿业有限公司 are invented.
ENTERPRISES = [
    ("南京银茂铅锌矿业有限公司", "91320113134890021", "state", "mining", "320113008", True, False, 1100),
    ("南京栖霞精工机械有限公司（示例）", "91320113MA1N00012", "private", "manufacturing", "320113001", True, True, 320),
    ("南京仙林数智科技有限公司（示例）", "91320113MA1N00021", "private", "it", "320113005", True, True, 180),
    ("南京燕矶快递服务有限公司（示例）", "91320113MA1N00039", "private", "express", "320113004", True, True, 260),
    ("南京龙潭港物流有限公司（示例）", "91320113MA1N00047", "joint", "logistics", "320113007", True, False, 540),
    ("南京马群餐饮管理有限公司（示例）", "91320113MA1N00055", "private", "catering", "320113002", False, False, 45),
    ("南京迈皋桥幼教集团（示例）", "52320113MJ5N00063", "social", "preschool", "320113003", True, False, 150),
    ("南京八卦洲葡萄专业合作社（示例）", "93320113MA1N00071", "collective", "retail", "320113009", False, False, 30),
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力志国海东燕凤鹏飞宇浩然子涵欣怡晨阳佳琪思远梓萱俊杰"
)
JOBS = [
    "钳工",
    "电工",
    "焊工",
    "数控车工",
    "质检员",
    "班组长",
    "技术员",
    "快递员",
    "幼儿教师",
    "厨师",
    "叉车司机",
    "仓库管理员",
]

DEMO_PASSWORD = "Changai@2023"

# username, name, role code, org key ("district" / subdistrict code / enterprise name), member unit
USERS = [
    ("admin", "系统管理员", "sysadmin", "district", None),
    ("qzgh", "区总工会干事（示例）", "district_staff", "district", None),
    ("xianlin", "仙林街道工会干事（示例）", "subdistrict_staff", "320113005", None),
    ("qixia", "栖霞街道工会干事（示例）", "subdistrict_staff", "320113008", None),
    ("yinmao", "银茂工会主席（示例）", "enterprise_chair", "南京银茂铅锌矿业有限公司", None),
    ("jinggong", "精工工会主席（示例）", "enterprise_chair", "南京栖霞精工机械有限公司（示例）", None),
    ("rsj", "区人社局联络员（示例）", "member_unit", "district", "区人力资源和社会保障局"),
    ("auditor", "审计员（示例）", "auditor", "district", None),
    ("anquan", "安全管理员（示例）", "secadmin", "district", None),
    ("flzx", "法律援助中心主任（示例）", "legal_supervisor", "district", None),
    ("lvshi", "援助律师（示例）", "lawyer", "district", None),
]
