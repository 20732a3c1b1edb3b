"""The interface's catalogues: the template holds what the code marks, every language's catalogue
compiles, keeps each message's placeholders and markup, has its plural forms, and translates
(nearly) everything."""

import gettext
import io
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import ROOT

from game import i18n

LOCALE = ROOT / "game" / "locale"
POT = LOCALE / f"{i18n.DOMAIN}.pot"
LANGUAGES = [code for code in i18n.AVAILABLE if code != i18n.DEFAULT]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MARKUP = re.compile(r"</?[a-z]+[^<>]*>")
PLURALS = {"tr": 2, "ru": 3, "zh_CN": 1}
# The share of the template's messages each language translates (the rest shows in English).
LEAST_TRANSLATED = 0.95


def catalogue(code):
    with (LOCALE / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as f:
        return read_po(f, locale=code)


def messages(cat):
    return [m for m in cat if m.id]


@pytest.mark.slow
def test_the_template_holds_every_string_the_interface_marks():
    marked = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map=[
            ("game/ui/**.py", "python"),
            ("game/classroom/**.py", "python"),
            ("game/server/**.py", "python"),
            ("game/core/**.py", "python"),
            ("game/ai/**.py", "python"),
            ("game/speech/**.py", "python"),
            ("game/session/**.py", "python"),
        ],
        keywords={"_": None, "n_": (1, 2), "N_": None, "p_": ((1, "c"), 2)},
    ):
        marked.add(message if isinstance(message, str) else tuple(message))
        # (a message with a context, p_(), is its text here and in the template)
    with POT.open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert marked == template, (
        "game/locale/pragmatic_partners.pot is out of date: extract it again (CONTRIBUTING.md, "
        f"Translations). New: {sorted(map(str, marked - template))[:5]}; "
        f"gone: {sorted(map(str, template - marked))[:5]}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_each_catalogue_follows_the_template(code):
    with POT.open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert {m.id for m in messages(catalogue(code))} == template


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_each_catalogue_compiles_and_gettext_reads_it(code):
    cat = catalogue(code)
    buffer = io.BytesIO()
    write_mo(buffer, cat)
    buffer.seek(0)
    translation = gettext.GNUTranslations(buffer)
    assert translation.gettext("Settings") != "Settings"
    assert cat.num_plurals == PLURALS[code]


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_translation_keeps_the_placeholders_and_markup_of_its_message(code):
    wrong = []
    for m in messages(catalogue(code)):
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        want = set(PLACEHOLDER.findall(ids[-1]))
        tags = sorted(MARKUP.findall(ids[0]))
        for s in strings:
            if not s:
                continue
            if set(PLACEHOLDER.findall(s)) != want or sorted(MARKUP.findall(s)) != tags:
                wrong.append((ids[0], s))
        if not isinstance(m.id, str):
            assert len(strings) == PLURALS[code], m.id
    assert wrong == []


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_translates_nearly_every_message(code):
    all_ = messages(catalogue(code))
    done = [m for m in all_ if all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in all_ if m.fuzzy]
    assert not fuzzy
    assert len(done) / len(all_) >= LEAST_TRANSLATED, f"{code}: {len(done)} of {len(all_)}"


@pytest.mark.slow
def test_russian_counts_take_their_three_forms():
    i18n.set_language("ru")
    assert [i18n.n_("{n} turn", "{n} turns", n).format(n=n) for n in (1, 3, 5, 21)] == [
        "1 ход",
        "3 хода",
        "5 ходов",
        "21 ход",
    ]
    i18n.set_language("zh_CN")
    assert i18n.n_("{n} turn", "{n} turns", 5).format(n=5) == "5 回合"


def test_chinese_names_a_buttons_key_in_full_width_brackets():
    # "跳过峰会（K）" beside "交易 (D)" on the same kind of button read as two hands at work; a key
    # at the end of a label is set the Chinese way throughout.
    key_at_end = re.compile(r" \((Enter|Esc|[A-Z0-9]|F\d+)\)$")
    half_width = []
    for m in messages(catalogue("zh_CN")):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if any(key_at_end.search(i) for i in ids):
            half_width += [s for s in strings if s and not re.search(r"（(Enter|Esc|[A-Z0-9]|F\d+)）$", s)]
    assert not half_width


# Russian declines a name where English puts it after "'s" or as an object; the translations wrote
# «сторона Москва» («Москва просит сторону Пекин», «Довод стороны Москва») to dodge the case, which
# reads as a form, not a sentence; "needs X to have happened" became «X — уже произошло», which says
# the opposite; "on turn 5" became «на ходу 5», which reads as "on the go".
RUSSIAN_SLIPS = {
    "a name left undeclined after «сторона»": re.compile(r"сторон\w* \{(side|partner|other|next|who)\}"),
    "«на ходу N»": re.compile(r"на ходу \{"),
    "a condition told as done": re.compile(r"\{what\} — уже произошло"),
}


def test_the_russian_translation_declines_names_and_says_conditions_as_conditions():
    found = []
    for message in catalogue("ru"):
        if not message.id:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        for slip, pattern in RUSSIAN_SLIPS.items():
            found += [(slip, form) for form in forms if pattern.search(form)]
    assert not found, found
