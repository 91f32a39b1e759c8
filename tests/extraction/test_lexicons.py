"""Users extend the lexicons with their own files (KENES_LEXICONS), without touching code."""

import json
import os
import subprocess
import sys

import pytest

KENES = [sys.executable, "-m", "kenes", "extract"]
TEXT = "The meeting was opened by Chief Hydrologist Aibek Nurlanov, who presented the spring forecast.\n"


def _extract(tmp_path, lexicons=None):
    document = tmp_path / "note.txt"
    document.write_text(TEXT, encoding="utf-8")
    env = dict(os.environ)
    env.pop("KENES_LEXICONS", None)
    if lexicons:
        env["KENES_LEXICONS"] = str(lexicons)
    return subprocess.run([*KENES, str(document)], capture_output=True, text=True, env=env, timeout=60)


def test_it_learns_a_title_from_the_users_lexicon_folder(tmp_path):
    mine = tmp_path / "lexicons"
    mine.mkdir()
    (mine / "titles.tsv").write_text("# our own titles\nen\tchief hydrologist\n", encoding="utf-8")
    people = json.loads(_extract(tmp_path, mine).stdout)["people"]
    assert [(p["name"], p["roles"][0]["title"]) for p in people] == [("Aibek Nurlanov", "Chief Hydrologist")]


def test_it_names_the_file_and_line_of_a_broken_user_lexicon(tmp_path):
    mine = tmp_path / "lexicons"
    mine.mkdir()
    (mine / "organizations.jsonl").write_text('{"name": "Good"}\n{broken\n', encoding="utf-8")
    result = _extract(tmp_path, mine)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"kenes extract: lexicon {mine / 'organizations.jsonl'} line 2: not JSON "
        "(Expecting property name enclosed in double quotes)"
    ]


def test_it_learns_a_unit_from_the_users_lexicon_folder(tmp_path):
    mine = tmp_path / "lexicons"
    mine.mkdir()
    document = tmp_path / "wheat.txt"
    document.write_text("Wheat exports reached 1.2 million bushels in 2024.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KENES_LEXICONS"}
    before = json.loads(subprocess.run([*KENES, str(document)], capture_output=True, text=True, env=env).stdout)
    assert not any(f["unit"] == "bushels" for f in before["figures"])
    (mine / "units.tsv").write_text("unit\tbushel*\tbushels\n", encoding="utf-8")
    env["KENES_LEXICONS"] = str(mine)
    after = json.loads(subprocess.run([*KENES, str(document)], capture_output=True, text=True, env=env).stdout)
    assert [(f["value"], f["unit"], f["period"]) for f in after["figures"]] == [("1200000", "bushels", "2024")]


@pytest.mark.parametrize("lang, row, sentence, expected", [
    ("kk", "бас гидрологі", "Жиынды бас гидрологі Айбек Нұрланов ашты.", ("Айбек Нұрланов", "бас гидрологі")),
    # an Uzbek row written in Latin only also finds the Cyrillic spelling
    ("uz", "bosh gidrologi", "Йиғилишни бош гидрологи Азиз Раҳимов очди.", ("Азиз Раҳимов", "бош гидрологи")),
])
def test_it_learns_a_title_from_the_users_language_folder(tmp_path, lang, row, sentence, expected):
    mine = tmp_path / "lexicons"
    (mine / lang).mkdir(parents=True)
    (mine / lang / "titles.tsv").write_text(f"# our own titles\n{row}\n", encoding="utf-8")
    document = tmp_path / "note.txt"
    document.write_text(sentence + "\n", encoding="utf-8")
    env = dict(os.environ, KENES_LEXICONS=str(mine))
    result = subprocess.run([*KENES, "--lang", lang, str(document)], capture_output=True, text=True, env=env,
                            timeout=60)
    people = json.loads(result.stdout)["people"]
    assert [(p["name"], p["roles"][0]["title"]) for p in people] == [expected]


def test_a_broken_status_cue_row_is_a_clear_error(tmp_path, monkeypatch):
    from kenes.extraction import lexicons

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "status_cues.tsv").write_text("agreement\tsigned\n", encoding="utf-8")
    monkeypatch.setenv("KENES_LEXICONS", str(tmp_path))
    lexicons.status_cue.cache_clear()
    try:
        with pytest.raises(lexicons.LexiconError, match="status_cues.tsv: expected record, cue and pattern"):
            lexicons.status_cue("en", "agreement", "signed")
        (tmp_path / "en" / "status_cues.tsv").write_text("agreement\tsigned\t(unclosed\n", encoding="utf-8")
        lexicons.status_cue.cache_clear()
        with pytest.raises(lexicons.LexiconError, match="agreement signed cue is not a regular expression"):
            lexicons.status_cue("en", "agreement", "signed")
    finally:
        monkeypatch.delenv("KENES_LEXICONS")
        lexicons.status_cue.cache_clear()



@pytest.mark.parametrize("latin, cyrillic", [
    ("o'rinbosari", "ўринбосари"),
    ("avtoyo'li", "автойўли"),          # y before o' is a consonant, not ё
    ("favqulodda va muxtor elchisi", "фавқулодда ва мухтор элчиси"),  # e is э where a word begins
    ("investitsiyalar", "инвестициялар"),
    ("ta'kidlandi", "таъкидланди"),
    ("yetti", "етти"),
    ("Xususan", "Хусусан"),
    (r"qo'llab-quvvatla(?:di|shdi)\w*", r"қўллаб-қувватла(?:ди|шди)\w*"),  # the regex syntax is kept
    (r"(?<=ga\s)tayyor(?=\s*[.!?])", r"(?<=га\s)тайёр(?=\s*[.!?])"),
])
def test_uzbek_latin_rows_are_spelled_in_cyrillic(latin, cyrillic):
    from kenes.extraction.translit import uzbek_cyrillic

    assert uzbek_cyrillic(latin) == cyrillic
