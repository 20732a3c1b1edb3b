"""The interface's modules mark what they show for translation: a string literal with words in it,
given to a place text is shown (a control's label, a font's render, the text helpers, a message,
a tooltip, a text box) or kept for one (a `label = "..."`, a `return "..."` of words), is wrapped
in `_()`, `n_()`, `p_()` or `N_()`. An AST scan, so it costs nothing to run.

It also keeps the modules from hiding the translation function: a function that calls `_()` and
also assigns `_` (as in `w, _ = app.size`) would call a tuple, and only in that function."""

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT

# The modules whose strings are marked (issue 22). A module joins when its strings are marked;
# tests/test_catalogues.py checks the catalogues made from them.
COVERED = [
    "game/classroom/compare.py",
    "game/classroom/deals.py",
    "game/classroom/exports.py",
    "game/classroom/handouts.py",
    "game/classroom/language.py",
    "game/classroom/printdoc.py",
    "game/classroom/report_chart.py",
    "game/classroom/report_markdown.py",
    "game/server/words.py",
    "game/ui/agenda.py",
    "game/ui/app.py",
    "game/ui/board/cards.py",
    "game/ui/board/meters.py",
    "game/ui/board/model.py",
    "game/ui/board/news.py",
    "game/ui/board/region_map.py",
    "game/ui/board/texts.py",
    "game/ui/board/tray.py",
    "game/ui/card_preview.py",
    "game/speech/facilitator_words.py",
    "game/ui/classroom_overlay.py",
    "game/ui/map_period.py",
    "game/ui/mapview.py",
    "game/ui/reason_field.py",
    "game/ui/rule_words.py",
    "game/ui/saved_game.py",
    "game/ui/scenes/base.py",
    "game/ui/scenes/board.py",
    "game/ui/scenes/classroom.py",
    "game/ui/scenes/credits.py",
    "game/ui/scenes/debrief.py",
    "game/ui/scenes/facilitator.py",
    "game/ui/scenes/facilitator_deals.py",
    "game/ui/scenes/handover.py",
    "game/ui/scenes/help.py",
    "game/ui/scenes/join.py",
    "game/ui/scenes/load.py",
    "game/ui/scenes/menu.py",
    "game/ui/scenes/newgame.py",
    "game/ui/scenes/problems.py",
    "game/ui/scenes/resolution.py",
    "game/ui/scenes/settings.py",
    "game/ui/scenes/summit.py",
    "game/ui/scenes/title.py",
    "game/speech/reasons.py",
    "game/speech/sides.py",
    "game/ui/summit/model.py",
    "game/speech/terms.py",
    "game/ui/summit/words.py",
    "game/ui/tutorial_note.py",
    "game/speech/words.py",
]

MARKERS = {"_", "n_", "N_", "p_"}
# Where text reaches the screen: the callable's name, and which positional argument (or keyword)
# holds the text.
SINKS = {
    "Control": (1, "label"),
    "render": (0, None),
    "text": (1, None),
    "wrap": (0, None),
    "fit": (0, None),
    "say": (0, None),
    "Tooltip": (0, "title"),
    "button_width": (0, None),
    "text_field": (1, None),
    "heading": (1, None),
    "problem_message": (0, None),
    "toast": (2, None),
    "text_box": (0, None),
    "UITextBox": (0, "html_text"),
    "UILabel": (1, "text"),
    "UIButton": (1, "text"),
    # The printed handouts' blocks (game.classroom.printdoc).
    "Heading": (0, "text"),
    "Para": (0, "text"),
    "Answer": (0, "question"),
}
TEXT_KEYWORDS = {"placeholder_text", "why_disabled", "note", "label", "title"}
# Names a module keeps text to show in.
TEXT_NAMES = {"label", "title", "note", "head", "sub", "words", "message", "hint", "more", "verdict"}
# Words that are not the game's to translate: keys named as the keyboard writes them.
NOT_WORDS = {"(Enter)", "PgUp/PgDn", "Pragmatic Partners"}  # (and the game's name)
WORD = re.compile(r"[A-Za-z]{2,}")


def has_words(text: str) -> bool:
    """Whether a literal holds words a player reads (not markup, a key's name or punctuation)."""
    for kept in NOT_WORDS:
        text = text.replace(kept, "")
    text = re.sub(r"<[^<>]*>|&[a-z]+;|\{[^{}]*\}", "", text)
    return bool(WORD.search(text))


def unmarked_in(expr: ast.AST) -> list[ast.AST]:
    """The literals with words in `expr` that are not inside a marker's call: the expression's own
    parts (a conditional's branches, a concatenation, an f-string's text), not other calls."""
    if isinstance(expr, ast.Constant):
        return [expr] if isinstance(expr.value, str) and has_words(expr.value) else []
    if isinstance(expr, ast.JoinedStr):
        found = [v for v in expr.values if isinstance(v, ast.Constant) and has_words(str(v.value))]
        return found[:1] and [expr]
    if isinstance(expr, ast.IfExp):
        return unmarked_in(expr.body) + unmarked_in(expr.orelse)
    if isinstance(expr, ast.BoolOp):
        return [n for v in expr.values for n in unmarked_in(v)]
    if isinstance(expr, ast.BinOp):
        return unmarked_in(expr.left) + unmarked_in(expr.right)
    if isinstance(expr, (ast.List, ast.Tuple)):
        return [n for e in expr.elts for n in unmarked_in(e)]
    return []  # a name, an attribute, a call (a marker's, or a sink checked on its own)


def callee(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def unmarked_strings(source: str, filename: str = "<source>") -> list[str]:
    """'file:line: text' for each literal with words shown without a marker."""
    tree = ast.parse(source, filename)
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = callee(node)
            if name in MARKERS:
                continue
            if name in SINKS:
                index, keyword = SINKS[name]
                if len(node.args) > index:
                    found += unmarked_in(node.args[index])
                found += [n for k in node.keywords if k.arg == keyword for n in unmarked_in(k.value)]
            found += [n for k in node.keywords if k.arg in TEXT_KEYWORDS for n in unmarked_in(k.value)]
        elif isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id in TEXT_NAMES for t in node.targets):
                found += unmarked_in(node.value)
        elif isinstance(node, ast.Return) and node.value is not None:
            # (A word alone returned is a key: "yours", "counter"; a sentence is shown.)
            found += [n for n in unmarked_in(node.value) if " " in (ast.get_source_segment(source, n) or "")]
    unique = {id(n): n for n in found}.values()
    return sorted(f"{filename}:{n.lineno}: {ast.get_source_segment(source, n) or ''}"[:160] for n in unique)


def hidden_translations(source: str, filename: str = "<source>") -> list[str]:
    """'file:line' of each function that calls `_()` and also binds the name `_`."""
    out = []
    for fn in ast.walk(ast.parse(source, filename)):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        own = list(_own_nodes(fn))
        binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in own)
        calls = any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in own
        )
        if binds and calls:
            out.append(f"{filename}:{fn.lineno}")
    return out


def _own_nodes(fn: ast.AST):
    """The nodes of a function's own scope (not of the functions and classes inside it)."""
    for child in ast.iter_child_nodes(fn):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        yield child
        yield from _own_nodes(child)


@pytest.mark.slow
@pytest.mark.parametrize("module", COVERED)
def test_the_interface_marks_every_string_it_shows(module):
    path = ROOT / module
    assert unmarked_strings(path.read_text(encoding="utf-8"), module) == []


@pytest.mark.slow
@pytest.mark.parametrize("module", COVERED)
def test_no_function_hides_the_translation_function(module):
    path = ROOT / module
    assert hidden_translations(path.read_text(encoding="utf-8"), module) == []


def test_the_covered_modules_exist_and_import_the_markers():
    for module in COVERED:
        source = (ROOT / module).read_text(encoding="utf-8")
        assert re.search(r"from game\.i18n import [^\n]*\b_\b", source) or "N_" in source, module


def test_the_scan_finds_an_unmarked_string():
    source = """
from game.i18n import _, N_

NOTE = N_("Marked at import")


def build(self, rect, n):
    self.add(Control(rect, "Start", self.start))
    self.add(Control(rect, _("Back"), self.back))
    self.say(f"Turn {n} begins")
    self.say(_("Turn {n} begins").format(n=n))
    label = "Quit" if n else _("Stay")
    surface.blit(font.render("Pragmatic", True, colour))
    surface.blit(font.render(f"{n}  ·  {n}", True, colour))
    return "A sentence"
"""
    found = unmarked_strings(source)
    assert {line.split(": ", 1)[1] for line in found} == {
        '"Start"',
        'f"Turn {n} begins"',
        '"Quit"',
        '"Pragmatic"',
        '"A sentence"',
    }


def test_the_scan_finds_a_hidden_translation_function():
    source = "def draw(app):\n    w, _ = app.size\n    return _('Title')\n"
    assert hidden_translations(source) == ["<source>:1"]
    assert hidden_translations("def draw(app):\n    w = app.size[0]\n    return _('Title')\n") == []


def test_every_module_with_markers_is_covered():
    # A module that marks strings is checked, so that its marking does not quietly decay.
    marking = {
        str(p.relative_to(ROOT))
        for folder in ("ui", "classroom")
        for p in (ROOT / "game" / folder).rglob("*.py")
        if re.search(r"from game\.i18n import [^\n]*\b(N_|_|n_)\b", p.read_text(encoding="utf-8"))
    }
    assert marking <= set(COVERED), sorted(marking - set(COVERED))
    assert Path(ROOT / "game" / "i18n.py").is_file()
