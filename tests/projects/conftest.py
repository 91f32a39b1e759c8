from __future__ import annotations

from decimal import Decimal

import pytest

from kenes.core.models import Topic
from kenes.directory import services as directory_services
from kenes.projects import services


@pytest.fixture
def portfolio(alice, parties, inventory):
    """A public project with a public and a restricted partner, an internal project, a restricted one, statements."""
    industry = Topic.objects.get(code="industry")
    builder = directory_services.create_organization(alice, name_en="Steppe Steel Works", kind="company",
                                                     visibility="public")
    secret_partner = directory_services.create_organization(alice, name_en="Hidden Holding Ltd", kind="company",
                                                            visibility="restricted")
    icic = services.create_project(
        alice, name_en='International Center for Industrial Cooperation "Central Asia"',
        name_ru="Международный центр промышленной кооперации «Центральная Азия»",
        description_en="A joint industrial zone on the border.", sector=industry,
        parties=list(parties.values()), organizations=[builder, secret_partner],
        roles={builder: "lead"}, location="Kazakhstan–Uzbekistan border", value=Decimal("156000000"),
        currency="USD", status="in_progress", start_date="2023-12", end_date="2026",
        measures=[inventory["trade"], inventory["internal"]], agreements=[inventory["programme"]],
        visibility="public")
    plant = services.create_project(alice, name_en="Aerated concrete plant", status="implemented",
                                    parties=[parties["UZ"]], value=Decimal("12000000"), currency="USD",
                                    visibility="internal")
    secret = services.create_project(alice, name_en="Secret smelter", description_en="Restricted deal",
                                     status="pipeline", visibility="restricted")
    implemented = services.create_statement(
        alice, stated_on="2024-08-07", status="implemented", project_count=11, total_value=Decimal("144000000"),
        currency="USD", scope_en="joint industrial projects", visibility="public")
    pipeline = services.create_statement(
        alice, stated_on="2024-08-07", status="pipeline", project_count=46, total_value=Decimal("2300000000"),
        currency="USD", visibility="public")
    later = services.create_statement(
        alice, stated_on="2025-11-15", status="pipeline", total_value=Decimal("8000000000"), currency="USD",
        qualifier="more_than", visibility="public")
    hidden = services.create_statement(
        alice, stated_on="2025-01", status="implemented", project_count=987, visibility="restricted")
    return {"icic": icic, "plant": plant, "secret": secret, "builder": builder, "secret_partner": secret_partner,
            "implemented": implemented, "pipeline": pipeline, "later": later, "hidden": hidden,
            "industry": industry, **inventory}
