"""The 驿站 amenity checklist as a built-in dictionary (字典 station_amenity): the items the star
review answers one by one. Administrators may add or retire items; the type itself stays. (A
frozen copy of rights.models.STATION_AMENITIES, as a migration must not import the models.)"""

from django.db import migrations

AMENITIES = [
    ("indoor", "室内场所"),
    ("seats", "桌凳"),
    ("microwave", "微波炉"),
    ("water", "冷热饮水机"),
    ("aircon", "空调"),
    ("toilet", "洗手间"),
    ("firstaid", "应急药箱"),
    ("charging", "充电"),
    ("fridge", "冰箱"),
    ("reading", "阅览"),
]


def seed(apps, schema_editor):
    DictType = apps.get_model("core", "DictType")
    DictItem = apps.get_model("core", "DictItem")
    dtype, _ = DictType.objects.get_or_create(
        code="station_amenity", defaults={"name": "驿站服务设施", "is_system": True}
    )
    for sort, (value, label) in enumerate(AMENITIES):
        DictItem.objects.get_or_create(dict_type=dtype, value=value, defaults={"label": label, "sort": sort})


class Migration(migrations.Migration):
    dependencies = [("rights", "0002_bargaining_and_stations")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
