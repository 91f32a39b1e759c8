"""Descriptive texts per working language: the existing text becomes the English version.

Renamed, not dropped and re-added, so no biography, description or title is lost.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0002_person_photo_checks"),
    ]

    operations = [
        migrations.RenameField("organization", "description", "description_en"),
        migrations.RenameField("historicalorganization", "description", "description_en"),
        migrations.RenameField("person", "biography", "biography_en"),
        migrations.RenameField("historicalperson", "biography", "biography_en"),
        migrations.RenameField("membership", "title", "title_en"),
        migrations.RenameField("historicalmembership", "title", "title_en"),
    ]
