"""The built-in dictionaries of 法律援助: dispute types (调解仲裁法 Art 2) and the legal check-up's items,
each with its statutory anchor in the item's remark. Frozen copies of legal.models.DISPUTE_TYPES and
CHECKUP_ITEMS (a migration must not import the models); administrators may add or retire items."""

from django.db import migrations

DISPUTE_TYPES = [
    ("wages", "劳动报酬"),
    ("contract", "劳动合同"),
    ("relation", "确认劳动关系"),
    ("dismissal", "除名、辞退、辞职、离职"),
    ("hours", "工作时间、休息休假"),
    ("insurance", "社会保险"),
    ("injury", "工伤医疗费"),
    ("compensation", "经济补偿或赔偿金"),
    ("other", "其他"),
]
CHECKUP_ITEMS = [
    ("roster", "建立职工名册", "劳动合同法第七条"),
    ("written_contract", "用工之日起一个月内订立书面劳动合同", "劳动合同法第十条、第八十二条"),
    ("probation", "试用期不超过法定期限且只约定一次", "劳动合同法第十九条"),
    ("rules", "涉及职工切身利益的规章制度经职代会或全体职工讨论并与工会协商", "劳动合同法第四条"),
    ("union_notice", "单方解除劳动合同事先通知工会", "劳动合同法第四十三条"),
    ("collective_contract", "集体合同在有效期内并已报送审查", "劳动合同法第五十一条至第五十四条"),
    ("insurance", "自用工之月起缴纳社会保险", "社会保险法第五十八条"),
    ("wages", "工资、加班费足额支付并有记录", "劳动合同法第三十条、第三十一条"),
]


def seed(apps, schema_editor):
    DictType = apps.get_model("core", "DictType")
    DictItem = apps.get_model("core", "DictItem")
    disputes, _ = DictType.objects.get_or_create(code="dispute_type", defaults={"name": "劳动争议类型", "is_system": True})
    for sort, (value, label) in enumerate(DISPUTE_TYPES):
        DictItem.objects.get_or_create(dict_type=disputes, value=value, defaults={"label": label, "sort": sort})
    checkup, _ = DictType.objects.get_or_create(code="checkup_item", defaults={"name": "法律体检项目", "is_system": True})
    for sort, (value, label, anchor) in enumerate(CHECKUP_ITEMS):
        DictItem.objects.get_or_create(
            dict_type=checkup, value=value, defaults={"label": label, "sort": sort, "remark": anchor}
        )


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial"), ("core", "0005_holiday")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
