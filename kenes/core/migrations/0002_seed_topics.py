"""The twenty fields of cooperation of the extraction contract, as reference data."""

from django.db import migrations

TOPICS = [
    ("trade", "Trade", "Торговля", "Сауда", "Savdo"),
    ("industry", "Industry", "Промышленность", "Өнеркәсіп", "Sanoat"),
    ("investment", "Investment", "Инвестиции", "Инвестициялар", "Investitsiyalar"),
    ("transport", "Transport and logistics", "Транспорт и логистика", "Көлік және логистика", "Transport va logistika"),
    ("energy", "Energy", "Энергетика", "Энергетика", "Energetika"),
    ("water", "Water", "Водные ресурсы", "Су ресурстары", "Suv resurslari"),
    ("climate", "Climate and environment", "Климат и экология", "Климат және экология", "Iqlim va ekologiya"),
    ("security", "Security", "Безопасность", "Қауіпсіздік", "Xavfsizlik"),
    ("afghanistan", "Afghanistan", "Афганистан", "Ауғанстан", "Afgʻoniston"),
    ("border", "Border", "Граница", "Шекара", "Chegara"),
    ("interparliamentary", "Interparliamentary cooperation", "Межпарламентское сотрудничество", "Парламентаралық ынтымақтастық", "Parlamentlararo hamkorlik"),
    ("culture", "Culture", "Культура", "Мәдениет", "Madaniyat"),
    ("education", "Education", "Образование", "Білім", "Taʼlim"),
    ("science", "Science", "Наука", "Ғылым", "Fan"),
    ("tourism", "Tourism", "Туризм", "Туризм", "Turizm"),
    ("health", "Health", "Здравоохранение", "Денсаулық сақтау", "Sogʻliqni saqlash"),
    ("digital", "Digital", "Цифровизация", "Цифрландыру", "Raqamlashtirish"),
    ("agriculture", "Agriculture", "Сельское хозяйство", "Ауыл шаруашылығы", "Qishloq xoʻjaligi"),
    ("regional", "Regional cooperation", "Региональное сотрудничество", "Өңірлік ынтымақтастық", "Mintaqaviy hamkorlik"),
    ("governance", "Governance of the partnership", "Управление партнёрством", "Серіктестікті басқару", "Hamkorlikni boshqarish"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("core", "Topic")
    for code, en, ru, kk, uz in TOPICS:
        Topic.objects.update_or_create(code=code, defaults={"name_en": en, "name_ru": ru, "name_kk": kk, "name_uz": uz})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_topics")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
