"""The steps a language's list (its ``STEPS``) may name, in the order they run.

Each step reads the shared :class:`~kenes.extraction.pipeline.Document` (the text, its sentences, the
language's rules and what earlier steps found) and sets its records on the result, as spaCy's
components read and annotate one ``Doc``. A language lists the shared steps it uses and adds its own
(the Turkic rules list theirs in :mod:`kenes.extraction.turkic`): adding a language is adding its
module or lexicon folder with a step list, not a branch here.
"""

from __future__ import annotations


def organizations(doc, result) -> None:
    """Bodies: the language's own finder, then the gazetteer and acronyms (shared)."""
    from kenes.extraction.pipeline import find_organizations

    doc.orgs = result.organizations = find_organizations(doc)


def people(doc, result) -> None:
    """People with their titles, after the bodies (a title names its body)."""
    from kenes.extraction.pipeline import find_people

    doc.people = result.people = find_people(doc)


def indicators(doc, result) -> None:
    """Targets, figures and projects, from quantities and dates, read with the language's ``INDICATORS``."""
    from kenes.extraction import indicators as module

    for kind, records in module.find(doc.text, doc.rules.INDICATORS, doc.sentences, doc.published, doc.orgs).items():
        setattr(result, kind, records)


def measures(doc, result) -> None:
    """Measures from the cue table of the language (lexicons: triggers.tsv), split by its ``MEASURES``."""
    from kenes.extraction import measures as module

    result.measures = module.find(doc.text, doc.rules.MEASURES, doc.sentences, doc.people)


def occasions(doc, result) -> None:
    """Meetings, events and agreements, by the language's occasion grammar (its ``OCCASIONS``)."""
    from kenes.extraction import occasions as module

    for kind, records in module.find(doc.text, doc.rules.OCCASIONS, doc.sentences, doc.published, doc.orgs,
                                     doc.people).items():
        setattr(result, kind, records)


def agreed_subjects(doc, result) -> None:
    """After the agreements: a signed one about an action ("on holding joint exercises") adds that action
    as an agreed measure."""
    from kenes.extraction import measures as module

    result.measures += module.agreed_subjects(doc.text, doc.rules.MEASURES, result.agreements, result.measures)
