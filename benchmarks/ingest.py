"""Ingestion through real workers: documents per minute, upload-to-review time and worker memory.

    .venv/bin/python benchmarks/ingest.py                  # 1,000 documents, the three set-ups
    .venv/bin/python benchmarks/ingest.py --only sqlite --documents 200 --rate 0

For each set-up — SQLite + the database queue, PostgreSQL + the database queue, PostgreSQL + RQ
on Redis — it migrates a fresh database (a temporary data folder; PostgreSQL: a dedicated
``kenes_bench_ingest`` database, created and dropped; Redis: database 12, emptied) and runs two
phases, each on a fresh database:

  * **load**: starts ``kenes worker --processes 2``, uploads the documents through
    ``documents.services.ingest`` at ``--rate`` documents a minute (0: as fast as one uploader goes)
    and waits for every one to be awaiting review: upload-to-review median and p95 under that load,
    each worker's memory;
  * **capacity**: uploads every document first, with no worker running, then starts the two workers
    and times them until the last is awaiting review: how many documents a minute two workers
    extract. Paced at 1,000 a minute, the load phase cannot show more than 1,000 a minute (its
    figure is N over the upload minute plus the tail), so it tells whether the workers keep up, and
    this phase how far beyond it they could go. The workers' start (Django, the backend) is counted.

The documents are composed here from sentence templates in English, Russian, Kazakh and Uzbek with
varying names, numbers and dates (300–3,000 words); no real text is used.

Targets (issue 7): ≥ 1,000 documents a minute, p95 upload-to-review ≤ 10 s under that load,
each worker's peak memory ≤ 300 MB and flat over the run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# A database of its own: the inventory benchmark keeps its data in kenes_bench (--keep), which this one
# creates and drops.
POSTGRES = os.environ.get("KENES_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/kenes_bench_ingest")
REDIS = os.environ.get("KENES_BENCH_REDIS", "redis://127.0.0.1:6379/12")
TARGET_RATE, TARGET_P95, TARGET_MB = 1000, 10.0, 300

# Documents.

FIRST_LATIN = ["Aigerim", "Bakhtiyor", "Dilnoza", "Erlan", "Farrukh", "Gulnara", "Jasur", "Kamila", "Marat",
               "Nodira", "Olzhas", "Rustam", "Saule", "Timur", "Umida", "Yerlan", "Zarina", "Askar", "Botir",
               "Madina", "Nurlan", "Sherzod", "Dana", "Akmal", "Laylo", "Daniyar", "Shakhnoza", "Azamat"]
LAST_LATIN = ["Abdullayev", "Bekova", "Dzhaksybekov", "Ergasheva", "Faizullayev", "Iskakova", "Karimov",
              "Mamytova", "Nurmatov", "Omarova", "Rakhimov", "Sultanova", "Tursunov", "Usmanova", "Yusupov",
              "Zhumabayev", "Alimova", "Baimukhanov", "Kholmatov", "Seitkali", "Tokhtarov", "Yuldasheva"]
FIRST_CYR = ["Айгерим", "Бахтиёр", "Дильноза", "Ерлан", "Фаррух", "Гульнара", "Жасур", "Камила", "Марат",
             "Нодира", "Олжас", "Рустам", "Сауле", "Тимур", "Умида", "Ерлан", "Зарина", "Аскар", "Ботир",
             "Мадина", "Нурлан", "Шерзод", "Дана", "Акмал", "Лайло", "Данияр", "Шахноза", "Азамат"]
LAST_CYR = ["Абдуллаев", "Бекова", "Джаксыбеков", "Эргашева", "Файзуллаев", "Искакова", "Каримов",
            "Мамытова", "Нурматов", "Омарова", "Рахимов", "Султанова", "Турсунов", "Усманова", "Юсупов",
            "Жумабаев", "Алимова", "Баймуханов", "Холматов", "Сейткали", "Тохтаров", "Юлдашева"]

VOCABULARY = {
    "en": {
        "narrative": [
            "{Adj} cooperation in {topic} remains a priority for both countries, the {adj} talks in {city} showed.",
            "The delegations {verb} the progress of {topic} and the next steps on {topic}.",
            "{person} thanked {org} for its {adj} work on {topic} over the past months.",
            "Experts from {org} {verb} proposals on {topic}, {topic} and the {adj} agenda of the council.",
            "In {city} the sides also {verb} {adj} questions of {topic} and of {topic}.",
            "{person} stressed that {topic} and {topic} open {adj} opportunities for the region.",
            "Representatives of {org} {verb} a {adj} roadmap on {topic} with {org}.",
        ],
        "adj": ["practical", "long-term", "mutually beneficial", "strategic", "regional", "comprehensive",
                "constructive", "joint", "sustainable", "substantive", "open", "detailed"],
        "verb": ["reviewed", "discussed", "welcomed", "examined", "noted", "supported", "presented", "outlined"],
        "title": ["Minister of Foreign Affairs", "Deputy Prime Minister", "Minister of Trade", "Ambassador",
                  "Chairman", "Director", "Deputy Minister of Energy", "Head of the Secretariat", "Akim"],
        "org": ["the Kazakhstan Institute for Strategic Studies", "the Institute for Strategic and Interregional "
                "Studies", "the Ministry of Trade and Integration", "the Ministry of Investment", "KazakhExport",
                "the Chamber of Commerce", "the Eurasian Development Bank", "the Ministry of Energy",
                "the Committee on Water Resources", "the Joint Investment Fund", "the Customs Committee"],
        "city": ["Astana", "Tashkent", "Almaty", "Samarkand", "Shymkent", "Bukhara", "Turkestan", "Namangan"],
        "topic": ["water management", "transport corridors", "energy", "agriculture", "customs procedures",
                  "tourism", "digital trade", "education", "healthcare", "logistics", "industrial cooperation",
                  "the Aral Sea", "border crossings", "railway transit", "cotton processing", "science"],
        "product": ["wheat", "cotton yarn", "fruit and vegetables", "cement", "fertilisers", "copper wire",
                    "textiles", "flour", "natural gas", "electric power"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "sentences": [
            "On {date}, {title} {person} met {title} {person} in {city}.",
            "The talks in {city} focused on {topic}, {topic} and {topic}.",
            "{person}, {title} of {org}, said that mutual trade reached ${amount} billion in {year}, up {percent} percent.",
            "The parties agreed to raise bilateral trade to ${big} billion by {future}.",
            "{org} and {org} signed a memorandum on {topic} worth ${amount} million.",
            "A joint working group on {topic} will meet in {city} in {month} {future}.",
            "According to {org}, {number} joint projects worth ${amount} billion are under way in {city} region.",
            "{person} noted that meeting number {number} of the Expert Council would be held in {city} on {date}.",
            "Exports of {product} grew by {percent} percent to {number} thousand tonnes in {year}.",
            "The sides discussed a plant in {city} with a capacity of {number} megawatts and {topic}.",
            "Participants included {org}, {org}, {org} and {org}.",
            "Among the speakers were {person}, {person} and {person} of {org}.",
            "By {future} the share of {topic} in mutual investment should rise to {percent} percent, {person} said.",
        ],
    },
    "ru": {
        "narrative": [
            "{Adj} сотрудничество в сфере {topic} остаётся приоритетом, показали {adj} переговоры в {city}.",
            "Делегации {verb} ход работы в области {topic} и дальнейшие шаги в сфере {topic}.",
            "{person} поблагодарил организацию {org} за {adj} работу в сфере {topic}.",
            "Эксперты {verb} предложения по вопросам {topic}, {topic} и {adj} повестке совета.",
            "В {city} стороны также {verb} {adj} вопросы {topic} и {topic}.",
            "{person} подчеркнул, что развитие {topic} открывает {adj} возможности для региона.",
        ],
        "adj": ["практическое", "долгосрочное", "взаимовыгодное", "стратегическое", "региональное",
                "всестороннее", "конструктивное", "совместное", "устойчивое", "предметное", "открытое"],
        "verb": ["обсудили", "рассмотрели", "одобрили", "изучили", "отметили", "поддержали", "представили"],
        "title": ["министр иностранных дел", "заместитель премьер-министра", "министр торговли", "посол",
                  "председатель", "директор", "заместитель министра энергетики", "аким"],
        "org": ["Казахстанский институт стратегических исследований", "Институт стратегических и "
                "межрегиональных исследований", "Министерство торговли и интеграции", "Министерство инвестиций",
                "Торгово-промышленная палата", "Евразийский банк развития", "Министерство энергетики",
                "Комитет по водным ресурсам", "Совместный инвестиционный фонд", "Таможенный комитет"],
        "city": ["Астане", "Ташкенте", "Алматы", "Самарканде", "Шымкенте", "Бухаре", "Туркестане"],
        "topic": ["водного хозяйства", "транспортных коридоров", "энергетики", "сельского хозяйства",
                  "таможенного администрирования", "туризма", "цифровой торговли", "образования",
                  "здравоохранения", "логистики", "промышленной кооперации", "железнодорожного транзита"],
        "product": ["пшеницы", "хлопковой пряжи", "плодоовощной продукции", "цемента", "удобрений",
                    "медной проволоки", "текстиля", "муки", "природного газа", "электроэнергии"],
        "months": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря"],
        "sentences": [
            "{date} в {city} {title} {person} провёл переговоры с делегацией во главе с {person_plain}.",
            "В ходе встречи в {city} обсуждались вопросы {topic}, {topic} и {topic}.",
            "{title_cap} {person} отметил, что товарооборот в {year} году составил {amount} млрд долларов, увеличившись на {percent} процента.",
            "Стороны договорились довести объём взаимной торговли до {big} млрд долларов к {future} году.",
            "{org} и {org} подписали меморандум в сфере {topic} на сумму {amount} млн долларов.",
            "Совместная рабочая группа по вопросам {topic} соберётся в {city} в {future} году.",
            "По данным организации {org}, реализуется {number} совместных проектов на {amount} млрд долларов.",
            "{person} сообщил, что заседание Экспертного совета номер {number} пройдёт в {city} {date}.",
            "Экспорт {product} вырос на {percent} процента и достиг {number} тыс. тонн в {year} году.",
            "В {city} обсуждено строительство станции мощностью {number} мегаватт и развитие {topic}.",
            "В мероприятии приняли участие {org}, {org} и {org}.",
            "С докладами выступили {person}, {person} и {person}.",
            "К {future} году доля {topic} во взаимных инвестициях должна достичь {percent} процентов, заявил {person}.",
        ],
    },
    "kk": {
        "narrative": [
            "{topic} саласындағы {adj} ынтымақтастық басымдық болып қала береді, деді {person}.",
            "Делегациялар {topic} және {topic} бойынша жұмыстың барысын {verb}.",
            "{person} {org} ұйымына {topic} саласындағы {adj} жұмысы үшін алғыс айтты.",
            "Сарапшылар {topic}, {topic} мәселелері бойынша {adj} ұсыныстарды {verb}.",
            "{city} қаласында тараптар {topic} және {topic} мәселелерін де {verb}.",
            "{person} {topic} өңір үшін {adj} мүмкіндіктер ашатынын атап өтті.",
        ],
        "adj": ["практикалық", "ұзақ мерзімді", "өзара тиімді", "стратегиялық", "өңірлік", "жан-жақты",
                "сындарлы", "бірлескен", "тұрақты", "нақты", "ашық"],
        "verb": ["талқылады", "қарады", "қолдады", "зерделеді", "атап өтті", "ұсынды", "бекітті"],
        "title": ["Сыртқы істер министрі", "Премьер-министрдің орынбасары", "Сауда министрі", "Елші",
                  "Төраға", "Директор", "Энергетика вице-министрі", "Әкім"],
        "org": ["Қазақстанның стратегиялық зерттеулер институты", "Стратегиялық және өңіраралық зерттеулер "
                "институты", "Сауда және интеграция министрлігі", "Инвестициялар министрлігі",
                "Сауда-өнеркәсіп палатасы", "Еуразиялық даму банкі", "Энергетика министрлігі",
                "Су ресурстары комитеті", "Бірлескен инвестициялық қор"],
        "city": ["Астана", "Ташкент", "Алматы", "Самарқан", "Шымкент", "Бұхара", "Түркістан"],
        "topic": ["су шаруашылығы", "көлік дәліздері", "энергетика", "ауыл шаруашылығы", "кеден рәсімдері",
                  "туризм", "цифрлық сауда", "білім беру", "денсаулық сақтау", "логистика", "өнеркәсіп"],
        "product": ["бидай", "мақта иірімжібі", "жеміс-көкөніс", "цемент", "тыңайтқыш", "мыс сым", "тоқыма", "ұн"],
        "months": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
                   "қазан", "қараша", "желтоқсан"],
        "sentences": [
            "{date} {city} қаласында {title} {person} {title} {person} кездесті.",
            "Кездесуде {topic}, {topic} және {topic} мәселелері талқыланды.",
            "{title} {person} екі ел арасындағы тауар айналымы {year} жылы {amount} млрд долларды құрап, {percent} пайызға өскенін атап өтті.",
            "Тараптар өзара сауда көлемін {future} жылға қарай {big} млрд долларға жеткізуге келісті.",
            "{org} мен {org} {topic} саласындағы {amount} млн долларлық меморандумға қол қойды.",
            "{topic} жөніндегі бірлескен жұмыс тобы {future} жылы {city} қаласында жиналады.",
            "{org} мәліметінше, жалпы құны {amount} млрд доллар болатын {number} бірлескен жоба жүзеге асырылуда.",
            "{person} Сарапшылар кеңесінің {number}-отырысы {date} {city} қаласында өтетінін хабарлады.",
            "{year} жылы {product} экспорты {percent} пайызға өсіп, {number} мың тоннаға жетті.",
            "Іс-шараға {org}, {org} және {org} өкілдері қатысты.",
            "Баяндама жасағандар: {person}, {person} және {person}.",
        ],
    },
    "uz": {
        "narrative": [
            "{topic} sohasidagi {adj} hamkorlik ustuvor bo‘lib qolmoqda, dedi {person}.",
            "Delegatsiyalar {topic} va {topic} bo‘yicha ishlarning borishini {verb}.",
            "{person} {org}ga {topic} sohasidagi {adj} ishi uchun minnatdorlik bildirdi.",
            "Ekspertlar {topic}, {topic} masalalari bo‘yicha {adj} takliflarni {verb}.",
            "{city} shahrida tomonlar {topic} va {topic} masalalarini ham {verb}.",
            "{person} {topic} mintaqa uchun {adj} imkoniyatlar ochishini ta’kidladi.",
        ],
        "adj": ["amaliy", "uzoq muddatli", "o‘zaro manfaatli", "strategik", "mintaqaviy", "har tomonlama",
                "konstruktiv", "qo‘shma", "barqaror", "aniq", "ochiq"],
        "verb": ["muhokama qildi", "ko‘rib chiqdi", "qo‘llab-quvvatladi", "o‘rgandi", "qayd etdi", "taqdim etdi"],
        "title": ["Tashqi ishlar vaziri", "Bosh vazir o‘rinbosari", "Savdo vaziri", "Elchi", "Rais",
                  "Direktor", "Energetika vazirining o‘rinbosari", "Hokim"],
        "org": ["Strategik va mintaqalararo tadqiqotlar instituti", "Qozog‘iston strategik tadqiqotlar instituti",
                "Investitsiyalar, sanoat va savdo vazirligi", "Savdo-sanoat palatasi", "Yevrosiyo taraqqiyot banki",
                "Energetika vazirligi", "Suv xo‘jaligi vazirligi", "Qo‘shma investitsiya jamg‘armasi",
                "Bojxona qo‘mitasi"],
        "city": ["Toshkent", "Astana", "Samarqand", "Olmaota", "Buxoro", "Namangan", "Chimkent", "Turkiston"],
        "topic": ["suv xo‘jaligi", "transport yo‘laklari", "energetika", "qishloq xo‘jaligi", "bojxona tartiblari",
                  "turizm", "raqamli savdo", "ta’lim", "sog‘liqni saqlash", "logistika", "sanoat kooperatsiyasi"],
        "product": ["bug‘doy", "paxta kalavasi", "meva-sabzavot", "sement", "o‘g‘it", "mis sim", "to‘qimachilik"],
        "months": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr",
                   "noyabr", "dekabr"],
        "sentences": [
            "{date} {city} shahrida {title} {person} va {title} {person} uchrashdi.",
            "Uchrashuvda {topic}, {topic} va {topic} masalalari muhokama qilindi.",
            "{title} {person} ikki mamlakat o‘rtasidagi tovar ayirboshlash {year} yilda {amount} mlrd dollarni tashkil etib, {percent} foizga o‘sganini ta’kidladi.",
            "Tomonlar o‘zaro savdo hajmini {future} yilga qadar {big} mlrd dollarga yetkazishga kelishib oldi.",
            "{org} va {org} {topic} sohasida {amount} mln dollarlik memorandumni imzoladi.",
            "{topic} bo‘yicha qo‘shma ishchi guruh {future} yilda {city} shahrida yig‘iladi.",
            "{org} ma’lumotiga ko‘ra, umumiy qiymati {amount} mlrd dollar bo‘lgan {number} ta qo‘shma loyiha amalga oshirilmoqda.",
            "{person} Ekspertlar kengashining {number}-yig‘ilishi {date} {city} shahrida bo‘lishini ma’lum qildi.",
            "{year} yilda {product} eksporti {percent} foizga o‘sib, {number} ming tonnaga yetdi.",
            "Tadbirda {org}, {org} va {org} vakillari ishtirok etdi.",
            "Ma’ruza qilganlar: {person}, {person} va {person}.",
        ],
    },
}


def _person(rng: random.Random, lang: str) -> str:
    if lang in {"ru", "kk"}:
        return f"{rng.choice(FIRST_CYR)} {rng.choice(LAST_CYR)}"
    return f"{rng.choice(FIRST_LATIN)} {rng.choice(LAST_LATIN)}"


def _cast(rng: random.Random, lang: str) -> dict[str, list[str]]:
    """Who and what one document is about: a press release names a handful of people and bodies, again and again."""
    words = VOCABULARY[lang]
    return {
        "person": [_person(rng, lang) for _ in range(rng.randint(3, 8))],
        "org": rng.sample(words["org"], rng.randint(3, min(6, len(words["org"])))),
        "city": rng.sample(words["city"], rng.randint(2, 3)),
        "topic": rng.sample(words["topic"], rng.randint(4, min(8, len(words["topic"])))),
        "product": rng.sample(words["product"], 2),
    }


def _fill(template: str, rng: random.Random, lang: str, cast: dict[str, list[str]]) -> str:
    words = VOCABULARY[lang]
    day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2019, 2025)
    date = (f"{day} {words['months'][month]} {year}" if lang in {"en", "ru"}
            else f"{year} yil {day} {words['months'][month]}" if lang == "uz"
            else f"{year} жылғы {day} {words['months'][month]}")
    values = {
        "date": date, "year": str(rng.randint(2015, 2025)), "future": str(rng.randint(2026, 2034)),
        "month": words["months"][month], "amount": f"{rng.randint(1, 99)}.{rng.randint(1, 9)}",
        "big": str(rng.choice([5, 10, 15, 20])), "percent": str(rng.randint(2, 60)),
        "number": str(rng.randint(3, 950)),
    }
    out = template
    for slot in ("title_cap", "title", "person_plain", "person", "org", "city", "topic", "product", "Adj", "adj",
                 "verb"):
        while "{" + slot + "}" in out:
            if slot == "title_cap":
                value = rng.choice(words["title"]).capitalize()
            elif slot == "Adj":
                value = rng.choice(words["adj"]).capitalize()
            elif slot in {"title", "adj", "verb"}:
                value = rng.choice(words[slot])
            else:
                value = rng.choice(cast["person" if slot == "person_plain" else slot])
            out = out.replace("{" + slot + "}", value, 1)
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out[0].upper() + out[1:]


def compose(rng: random.Random, lang: str, words: int) -> str:
    """One press release of about ``words`` words, paragraphs of 3–6 sentences."""
    sentences, narrative = VOCABULARY[lang]["sentences"], VOCABULARY[lang]["narrative"]
    cast = _cast(rng, lang)
    title = _fill(rng.choice(sentences[:3]), rng, lang, cast).rstrip(".")
    paragraphs, count = [], 0
    while count < words:
        # Two sentences in three tell what happened; one in three carries figures, dates or names.
        paragraph = " ".join(_fill(rng.choice(narrative if rng.random() < 0.67 else sentences), rng, lang, cast)
                             for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def corpus(count: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [(lang, compose(rng, lang, rng.randint(300, 3000))) for lang in
            (("en", "ru", "kk", "uz")[i % 4] for i in range(count))]


# One set-up, in its own process (Django is configured once per process).

def run_uploads(count: int, rate: float, out: Path, timeout: float, backlog: bool = False) -> None:
    """Upload, then wait until every document is read. ``backlog``: tell the parent the uploads are done
    (it starts the workers then) by writing ``out`` + ``.uploaded``."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")
    django.setup()
    from kenes.accounts.models import User
    from kenes.documents import services
    from kenes.documents.models import Document

    user = User.objects.create(username="bench", role=User.Role.SECRETARIAT)
    uploaded, statuses = {}, {}
    documents = corpus(count)
    interval = 60.0 / rate if rate else 0.0
    start = time.time()
    for index, (lang, text) in enumerate(documents):
        if interval:
            time.sleep(max(0.0, start + index * interval - time.time()))
        began = time.time()
        outcome = services.ingest(user, text.encode(), name=f"bench-{index}-{lang}.txt")
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        if outcome.status == "new":
            uploaded[outcome.document.pk] = began
    uploads_done = time.time()
    if backlog:
        out.with_suffix(".uploaded").write_text(str(uploads_done))
    deadline = time.time() + timeout
    pending = Document.objects.filter(pk__in=list(uploaded), state__in=["queued", "extracting"])
    while pending.exists() and time.time() < deadline:
        time.sleep(0.5)
    rows = Document.objects.filter(pk__in=list(uploaded)).values_list("pk", "state", "extracted_at")
    latencies, states, last = [], {}, start
    for pk, state, extracted in rows:
        states[state] = states.get(state, 0) + 1
        if state == "awaiting_review" and extracted is not None:
            latencies.append(extracted.timestamp() - uploaded[pk])
            last = max(last, extracted.timestamp())
    latencies.sort()
    out.write_text(json.dumps({
        "statuses": statuses, "states": states, "uploaded": len(uploaded),
        "upload_seconds": uploads_done - start, "seconds": last - start,
        "per_minute": len(latencies) / max(1e-9, last - start) * 60,
        "median": statistics.median(latencies) if latencies else None,
        "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else None,
        "words": sum(len(text.split()) for _lang, text in documents), "last": last,
    }))


def _descendants(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [n for child in map(int, children) for n in (child, *_descendants(child))]


def _memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, amount, _unit = line.split()
                values[key] = int(amount) // 1024
    except OSError:
        return 0, 0
    return values.get("VmRSS:", 0), values.get("VmHWM:", 0)


def run_setup(name: str, options, *, backlog: bool = False) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"kenes-bench-{name}-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env.update(KENES_DATA_DIR=str(folder / "data"), DJANGO_SETTINGS_MODULE="kenes.settings",
               KENES_SECRET_KEY="benchmark-secret-key-that-is-long-enough-for-django")
    if name == "sqlite":
        env["KENES_DATABASE_URL"] = f"sqlite:///{folder / 'kenes.sqlite3'}"
    else:
        env["KENES_DATABASE_URL"] = POSTGRES
        _postgres(f'DROP DATABASE IF EXISTS "{_pg_name()}" WITH (FORCE)')
        _postgres(f'CREATE DATABASE "{_pg_name()}"')
    if name == "postgres+rq":
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        env["KENES_REDIS_URL"] = REDIS
    kenes = [sys.executable, "-m", "kenes"]
    out = folder / "result.json"
    supervisor = uploader = None
    try:
        subprocess.run([*kenes, "manage", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        log = (folder / "worker.log").open("w")

        def start_workers():
            return subprocess.Popen([*kenes, "worker", "--processes", str(options.workers), "-v0"],
                                    env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)

        if not backlog:
            supervisor = start_workers()
            time.sleep(3)  # the workers' own start (Django, the backend), not part of any upload's time
        uploader = subprocess.Popen([sys.executable, __file__, "--uploads", str(out), "--documents",
                                     str(options.documents), "--rate", str(0 if backlog else options.rate),
                                     "--timeout", str(options.timeout), *(["--backlog"] if backlog else [])],
                                    env=env, cwd=ROOT)
        started = None
        samples: dict[int, list[int]] = {}
        peaks: dict[int, int] = {}
        while uploader.poll() is None:
            if supervisor is None and out.with_suffix(".uploaded").exists():
                started, supervisor = time.time(), start_workers()
            for pid in _descendants(supervisor.pid) if supervisor else ():
                rss, hwm = _memory(pid)
                if rss:
                    samples.setdefault(pid, []).append(rss)
                    peaks[pid] = max(peaks.get(pid, 0), hwm)
            time.sleep(0.2 if supervisor is None else 1)
        if uploader.returncode:
            raise SystemExit(f"{name}: the uploading process failed (exit {uploader.returncode})")
        if supervisor is None:
            raise SystemExit(f"{name}: the uploads ended before they were all queued; no worker was started")
        result = json.loads(out.read_text())
        result["workers"] = {pid: {"peak": peaks[pid], "rss": _quartiles(samples[pid])} for pid in samples}
        if backlog:
            done = result["states"].get("awaiting_review", 0)
            result["drain_seconds"] = result["last"] - started
            result["per_minute"] = done / max(1e-9, result["drain_seconds"]) * 60
        return result
    finally:
        # Every process stopped and everything removed, whatever failed above (Ctrl-C included).
        from benchmarks.load import stop_server

        for process in (uploader, supervisor):
            if process is not None and process.poll() is None:
                stop_server(process, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
        if name != "sqlite" and not options.keep:
            try:
                _postgres(f'DROP DATABASE IF EXISTS "{_pg_name()}" WITH (FORCE)')
            except Exception as exc:  # the report goes on; the operator is told what is left behind
                print(f"   (could not drop {_pg_name()}: {exc})")


def _quartiles(values: list[int]) -> list[int]:
    """RSS at 25 %, 50 %, 75 % and 100 % of the run: flat memory shows as four close numbers."""
    return [values[min(len(values) - 1, int(len(values) * q))] for q in (0.25, 0.5, 0.75, 0.999)]


def _pg_name() -> str:
    return urlsplit(POSTGRES).path.strip("/")


def _postgres(sql: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(POSTGRES)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _complete(result: dict) -> bool:
    """Every uploaded document reached review: a rate or a p95 over fewer documents measures nothing."""
    return result["states"].get("awaiting_review", 0) == result["uploaded"] > 0


def report(name: str, result: dict) -> None:
    p95, median = result["p95"] or 0, result["median"] or 0
    if not _complete(result):
        print(f"\n== {name}, load: INCOMPLETE, {result['states']} of {result['uploaded']} uploaded: MISSED")
    print(f"\n== {name}, load: {result['uploaded']} documents ({result['words']:,} words), "
          f"states {result['states']}, ingest {result['statuses']}")
    print(f"   upload → review median   {median:8.2f} s")
    print(f"   upload → review p95      {p95:8.2f} s   target ≤ {TARGET_P95:.0f} s   "
          f"{_mark(p95 <= TARGET_P95 and _complete(result))}")
    print(f"   uploads took             {result['upload_seconds']:8.1f} s, all reviewed after {result['seconds']:.1f} s"
          f" ({result['per_minute']:.0f} a minute, upload minute and tail)")
    for pid, worker in sorted(result["workers"].items()):
        print(f"   worker {pid:>7} peak {worker['peak']:4d} MB (VmHWM)   RSS over the run {worker['rss']} MB"
              f"   target ≤ {TARGET_MB} MB   {_mark(worker['peak'] <= TARGET_MB)}")


def report_capacity(name: str, result: dict) -> None:
    per_minute = result["per_minute"]
    print(f"== {name}, capacity: {result['uploaded']} documents queued in {result['upload_seconds']:.1f} s, "
          f"states {result['states']}")
    print(f"   documents per minute     {per_minute:8.0f}   target ≥ {TARGET_RATE}   "
          f"{_mark(per_minute >= TARGET_RATE and _complete(result))}"
          f"   (two workers: {result['drain_seconds']:.1f} s from their start to the last in review)")
    for pid, worker in sorted(result["workers"].items()):
        print(f"   worker {pid:>7} peak {worker['peak']:4d} MB (VmHWM)   target ≤ {TARGET_MB} MB   "
              f"{_mark(worker['peak'] <= TARGET_MB)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--rate", type=float, default=TARGET_RATE,
                        help=f"uploads a minute (default {TARGET_RATE}, the target load); 0: as fast as possible")
    parser.add_argument("--only", action="append", choices=["sqlite", "postgres", "postgres+rq"])
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for the workers")
    parser.add_argument("--keep", action="store_true", help="keep the kenes_bench_ingest database")
    parser.add_argument("--phase", action="append", choices=["load", "capacity"], help="default: both")
    parser.add_argument("--uploads", type=Path, help=argparse.SUPPRESS)  # the uploading child process
    parser.add_argument("--backlog", action="store_true", help=argparse.SUPPRESS)  # … for the capacity phase
    options = parser.parse_args(argv)
    if options.uploads:
        run_uploads(options.documents, options.rate, options.uploads, options.timeout, options.backlog)
        return 0
    sys.path.insert(0, str(ROOT))
    phases = options.phase or ["load", "capacity"]
    for name in options.only or ["sqlite", "postgres", "postgres+rq"]:
        if "load" in phases:
            report(name, run_setup(name, options))
        if "capacity" in phases:
            report_capacity(name, run_setup(name, options, backlog=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
