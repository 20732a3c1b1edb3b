"""The interface's languages: which one is in force, its words (gettext) and its numbers (Babel).

The UI marks every string a player reads: `_("Settings")` where it is shown, `n_("{n} turn",
"{n} turns", n)` for a count, and `N_("...")` for a constant made at import, which is translated
where it is drawn, because the language can change after import (the Settings screen). Strings
with values in them use named placeholders, `_("Turn {turn} of {turns}").format(turn=t,
turns=n)`, so a translation may put them in another order.

The catalogues are `game/locale/<lang>/LC_MESSAGES/pragmatic_partners.po`. An installed wheel
carries them compiled (`.mo`, made by the build hook, hatch_build.py); a source checkout or an
editable install compiles a `.po` when first needed into the cache folder of the game's data
folder (never into the package), under a name taken from the `.po`'s content, so a changed catalogue is never read stale.
No pygame here.
"""

from __future__ import annotations

import gettext
import hashlib
import locale
import os
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

DOMAIN = "pragmatic_partners"
LOCALE_DIR = Path(__file__).parent / "locale"

# The languages a player may choose, each in its own name.
AVAILABLE = ("en", "tr", "ru", "zh_CN")
NAMES = {"en": "English", "tr": "Türkçe", "ru": "Русский", "zh_CN": "中文（简体）"}
# Accented, lengthened English made from the template (scripts/pseudo_locale.py): for developers
# and the layout tests (`--lang en_XA`), never offered to players.
PSEUDO = "en_XA"
DEFAULT = "en"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT


def _(message: str) -> str:
    """`message` in the language in force (itself in English or when it has no translation)."""
    return _translation.gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count `n` in the language in force (Russian has three)."""
    return _translation.ngettext(singular, plural, n)


def p_(context: str, message: str) -> str:
    """`message` in the language in force, as said in `context`, where one English word needs two
    translations ("Continue" a saved game on the title screen; "Continue" to the next screen)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a constant for the catalogue without translating it: translate it with `_` where it
    is shown."""
    return message


def current_language() -> str:
    """The code of the language in force ("en", "tr", "ru", "zh_CN" or the pseudo-locale)."""
    return _language


def language_name(code: str) -> str:
    """A language's name in itself ("Русский"); the code for one not offered to players."""
    return NAMES.get(code, code)


def is_language(code: str) -> bool:
    """Whether `code` is a language the game can show: one offered to players or the pseudo-locale."""
    return code in AVAILABLE or code == PSEUDO


def set_language(code: str) -> str:
    """Put the language `code` in force (a system locale such as "ru_RU.UTF-8" is taken to the
    nearest available one; an unknown one is English) and return the code now in force."""
    global _translation, _language
    chosen = code if is_language(code) else nearest(code) or DEFAULT
    if chosen not in _loaded:
        _loaded[chosen] = gettext.NullTranslations() if chosen == DEFAULT else _load(chosen)
    _translation = _loaded[chosen]
    _language = chosen
    return chosen


_loaded: dict[str, gettext.NullTranslations] = {}


def nearest(code: str | None) -> str | None:
    """The available language nearest to a locale name ("ru_RU.UTF-8" → "ru", "zh_SG" or "zh" →
    "zh_CN", "pt_BR" → None); None when there is none."""
    if not code:
        return None
    name = code.split(".")[0].split("@")[0].replace("-", "_")
    if name in AVAILABLE or name == PSEUDO:
        return name
    lang = name.split("_")[0].lower()
    if lang in ("c", "posix"):
        return None
    return next((a for a in AVAILABLE if a.split("_")[0].lower() == lang), None)


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The available language nearest to the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, then
    the locale Python reads), English when none is near."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(var, "").split(":"):  # (LANGUAGE may list several: "ru:en")
            found = nearest(part)
            if found:
                return found
        if env.get(var):
            # The first variable that is set decides, as gettext's lookup does: LANG=C is English.
            break
    if environ is None:
        try:
            found = nearest(locale.getlocale()[0])
        except ValueError:
            found = None
        if found:
            return found
    return DEFAULT


def choose_language(asked: str | None, setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language to start in: the one asked for on the command line, else the settings', else
    the system's."""
    return asked or setting or system_language(environ)


# -- numbers -----------------------------------------------------------------------------------------
def format_number(x: float, decimals: int = 0, sign: bool = False) -> str:
    """`x` with `decimals` decimals, with the decimal mark and thousands separator of the language
    in force ("1,234.5"; "1 234,5" in Russian). The rounding is Python's own, as in f"{x:.1f}", so
    a figure shown beside a threshold rounds as game.ui.numbers decided. `sign`: a change, with a
    + before a gain and the minus sign (−, not the hyphen) before a loss, as every list of changes
    shows it: the facilitator's panel read "-4" beside the board's "−4"."""
    text = f"{x:{'+' if sign else ''},.{decimals}f}"
    if sign:
        text = text.replace("-", "−")
    decimal, group = _number_symbols(_language)
    if (decimal, group) == (".", ","):
        return text
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


def format_moment(moment: datetime, now: datetime | None = None) -> str:
    """When something happened, in the player's time zone and the language's way: the time alone
    today ("13:35"), the day and the time earlier this year ("6 дек. 13:35"), the whole date
    before that. `moment` and `now` carry their time zones (now: this moment)."""
    from babel.dates import format_date, format_skeleton, format_time

    code = _language if _language in AVAILABLE else DEFAULT
    here = moment.astimezone()
    today = (now or datetime.now(timezone.utc)).astimezone()
    clock = format_time(here, "short", locale=code)
    if here.date() == today.date():
        said = clock
    elif here.year == today.year:
        said = f"{format_skeleton('MMMd', here, locale=code)} {clock}"
    else:
        said = f"{format_date(here, 'medium', locale=code)} {clock}"
    # (CLDR's narrow no-break space, as in "1:35 PM", is a letter not every font of ours draws)
    return said.replace("\u202f", " ")


_SYMBOLS: dict[str, tuple[str, str]] = {}


def _number_symbols(code: str) -> tuple[str, str]:
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    symbols = (".", ",")
    if code in AVAILABLE and code != DEFAULT:
        from babel.numbers import get_decimal_symbol, get_group_symbol

        symbols = (get_decimal_symbol(code), get_group_symbol(code))
    _SYMBOLS[code] = symbols
    return symbols


# -- catalogues --------------------------------------------------------------------------------------
def _load(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code`: the package's own (.mo, in a wheel), or one compiled
    from the checkout's .po into the cache folder."""
    po = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == PSEUDO and not po.exists():
        po = _pseudo_po()
    localedir = LOCALE_DIR
    if po.exists():
        localedir = compiled(po, code)
    return gettext.translation(DOMAIN, localedir, languages=[code], fallback=True)


def compiled(po: Path, code: str, cache: Path | None = None) -> Path:
    """A locale folder holding `po` compiled for `code`, made in the cache folder unless it is there
    already: the folder is named by the catalogue's content, so an edited .po gets a new one."""
    data = po.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    root = (cache or _cache_dir()) / digest
    mo = root / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.exists():
        compile_po(po, mo)
    return root


def compile_po(po: Path, mo: Path) -> None:
    """Compile the catalogue `po` into `mo` with Babel (written whole, then moved into place)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    mo.parent.mkdir(parents=True, exist_ok=True)
    part = mo.with_name(f"{mo.name}.{os.getpid()}.part")
    with part.open("wb") as f:
        write_mo(f, catalog)
    os.replace(part, mo)


def _cache_dir() -> Path:
    # In the game's own data folder, as the title's backdrop is: a portable copy and the tests
    # (PRAGMATIC_PARTNERS_HOME) write nowhere else.
    from game.paths import user_data_dir

    return user_data_dir() / "cache" / "locale"


def _pseudo_po() -> Path:
    """The pseudo-locale's catalogue, made from the template in the cache folder."""
    from game.pseudo_locale import write_pseudo_po

    pot = LOCALE_DIR / f"{DOMAIN}.pot"
    digest = hashlib.sha256(pot.read_bytes()).hexdigest()[:16]
    po = _cache_dir() / f"pseudo-{digest}.po"
    if not po.exists():
        write_pseudo_po(pot, po)
    return po
