import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="record id")),
                ("kind", models.CharField(help_text="The registered kind's code, e.g. person; its label is translated when shown.", max_length=60, verbose_name="kind")),
                ("visibility", models.CharField(choices=[("public", "Public"), ("internal", "Internal (council members)"), ("restricted", "Restricted (secretariat)")], help_text="Copied from the record: search shows what the reader may see.", max_length=12, verbose_name="visibility")),
                ("title", models.TextField(help_text="The record's names in every language, one per line.", verbose_name="names")),
                ("body", models.TextField(blank=True, help_text="Descriptive text (biography, description, expertise, roles), one part per line.", verbose_name="text")),
                ("folded", models.TextField(blank=True, help_text="Names and text folded across scripts: what full-text search reads.", verbose_name="folded text")),
                ("url", models.CharField(blank=True, help_text="Where the record's page is.", max_length=500, verbose_name="address")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype", verbose_name="kind of record")),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "indexes": [models.Index(fields=["kind", "visibility"], name="search_entry_kind_visibility")],
                "constraints": [models.UniqueConstraint(fields=("content_type", "object_id"), name="one_search_entry_per_record")],
            },
        ),
    ]
