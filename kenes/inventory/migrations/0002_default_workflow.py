"""The default workflow of measures: proposed → under consideration → adopted → in progress → implemented,
with stalled and dropped reachable from every open step. The secretariat may change it afterwards."""

from django.db import migrations

STATUSES = [
    # code, English, Russian, Kazakh, Uzbek, initial, done, closed
    ("proposed", "Proposed", "Предложено", "Ұсынылған", "Taklif qilingan", True, False, False),
    ("under_consideration", "Under consideration", "На рассмотрении", "Қаралуда", "Ko‘rib chiqilmoqda",
     False, False, False),
    ("adopted", "Adopted", "Принято", "Қабылданған", "Qabul qilingan", False, False, False),
    ("in_progress", "In progress", "Выполняется", "Орындалуда", "Bajarilmoqda", False, False, False),
    ("implemented", "Implemented", "Выполнено", "Орындалған", "Bajarilgan", False, True, True),
    ("stalled", "Stalled", "Приостановлено", "Тоқтап тұр", "To‘xtab qolgan", False, False, False),
    ("dropped", "Dropped", "Отклонено", "Қабылданбаған", "Bekor qilingan", False, False, True),
]
PATH = ["proposed", "under_consideration", "adopted", "in_progress", "implemented"]
OPEN = ["proposed", "under_consideration", "adopted", "in_progress"]


def create_workflow(apps, schema_editor):
    Status = apps.get_model("inventory", "MeasureStatus")
    Transition = apps.get_model("inventory", "StatusTransition")
    statuses = {}
    for position, (code, en, ru, kk, uz, initial, done, closed) in enumerate(STATUSES):
        statuses[code], _created = Status.objects.get_or_create(code=code, defaults={
            "name_en": en, "name_ru": ru, "name_kk": kk, "name_uz": uz, "position": position * 10,
            "is_initial": initial, "is_done": done, "is_closed": closed})
    pairs = set()
    for index, code in enumerate(PATH[:-1]):
        for later in PATH[index + 1:]:
            pairs.add((code, later))  # steps may be skipped: a summit adopts what it proposes
    for code in OPEN:
        pairs |= {(code, "stalled"), (code, "dropped")}
    pairs |= {("stalled", "in_progress"), ("stalled", "adopted"), ("stalled", "dropped"),
              ("dropped", "proposed")}  # a dropped idea can be put forward again
    for start, end in sorted(pairs):
        Transition.objects.get_or_create(from_status=statuses[start], to_status=statuses[end])


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_measures_agreements_workflow_assessments")]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
