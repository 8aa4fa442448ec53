"""Figures: pose geometry, the dowel's contacts, the load over mid-foot, the SVG,
and the deck-file rules for [[figure]] tables and a card's figure keys."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

from quizhinge import figures
from quizhinge.cards import Figure, Pose
from quizhinge.catalog import load_catalog
from quizhinge.deckfile import load_deck
from quizhinge.figures import body, check, dowel_contacts, svg
from quizhinge.problems import DeckError

DECKS = Path(__file__).parent.parent / "decks"


def close(a: tuple[float, float], b: tuple[float, float], tol: float = 1e-9) -> bool:
    return math.dist(a, b) <= tol


# --- geometry ------------------------------------------------------------------


def test_standing_tall_puts_the_joints_at_winters_heights():
    """Winter (2009), Fig. 4.1: ankle 0.039 H, knee 0.285, hip 0.530,
    shoulder 0.818, wrist 0.485 (arm hanging), head from chin 0.870 to 1.0."""
    p = body(Pose()).points
    assert p["ankle"][1] == pytest.approx(0.039)
    assert p["knee"][1] == pytest.approx(0.285)
    assert p["hip"][1] == pytest.approx(0.530)
    assert p["shoulder"][1] == pytest.approx(0.818)
    assert p["wrist"][1] == pytest.approx(0.818 - 0.186 - 0.146)
    assert p["head"][1] - figures.HEAD_RADIUS == pytest.approx(0.870)
    assert p["head"][1] + figures.HEAD_RADIUS == pytest.approx(1.0)
    # Everything stacks over the ankle; the foot is on the floor.
    assert {round(p[k][0], 9) for k in ("ankle", "knee", "hip", "shoulder")} == {0}
    assert p["heel"][1] == p["toe"][1] == 0


def test_each_angle_moves_the_segment_it_names():
    shin = body(Pose(shin=30)).points
    assert shin["knee"] == pytest.approx(
        (0.246 * math.sin(math.radians(30)), 0.039 + 0.246 * math.cos(math.radians(30)))
    )
    # Knee flexion with a vertical shin sends the hip straight back.
    knee = body(Pose(knee=90)).points
    assert knee["hip"] == pytest.approx((-0.245, 0.285))
    # Hip flexion of 90 with straight legs lays the trunk forward, level.
    hip = body(Pose(hip=90))
    assert hip.points["shoulder"] == pytest.approx((0.288, 0.530))
    assert hip.angles["upper_trunk"] == 90
    # Rounding bends the back's line: the shoulder drops below a straight back.
    rounded = body(Pose(hip=60, lumbar=30))
    assert rounded.angles["upper_trunk"] == 90
    assert rounded.points["shoulder"][0] < hip.points["shoulder"][0]


def test_segment_lengths_do_not_change_with_the_pose():
    for pose in (Pose(), Pose(shin=20, knee=100, hip=110, lumbar=40, thoracic=30)):
        p = body(pose).points
        assert math.dist(p["ankle"], p["knee"]) == pytest.approx(figures.SHANK)
        assert math.dist(p["knee"], p["hip"]) == pytest.approx(figures.THIGH)
        assert math.dist(p["shoulder"], p["elbow"]) == pytest.approx(0.186)
        assert math.dist(p["elbow"], p["wrist"]) == pytest.approx(0.146)
        assert math.dist(p["shoulder"], p["head"]) == pytest.approx(figures.NECK)
        spine = body(pose).spine
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(spine))
        # A bent back's chords are a shade shorter than its arc.
        assert length == pytest.approx(figures.TRUNK, rel=0.01)


def test_an_arm_left_to_hang_hangs_plumb_whatever_the_trunk():
    for hip in (0, 45, 90):
        p = body(Pose(hip=hip)).points
        assert p["wrist"][0] == pytest.approx(p["shoulder"][0])
        assert p["wrist"][1] < p["shoulder"][1]


def test_turnout_shortens_the_legs_seen_from_the_side_but_not_their_height():
    straight = body(Pose(shin=20, knee=60)).points
    turned = body(Pose(shin=20, knee=60, turnout=40)).points
    assert turned["knee"][1] == pytest.approx(straight["knee"][1])
    assert turned["knee"][0] == pytest.approx(
        straight["knee"][0] * math.cos(math.radians(40))
    )


def test_a_back_leg_reaches_back_in_line_with_a_level_trunk():
    b = body(Pose(hip=90, back_hip=0))
    hip, knee, ankle, _ = b.back_leg
    assert knee[1] == pytest.approx(hip[1]) and knee[0] < hip[0]
    assert math.dist(hip, knee) == pytest.approx(figures.THIGH)
    assert ankle[0] < knee[0]


# --- the dowel (blueprint D1-D2 as corrected) ---------------------------------------

HINGE = {"shin": 5, "knee": 20, "hip": 75}


@pytest.mark.parametrize(
    ("change", "touching"),
    [
        ({}, ("sacrum", "upper-back", "head")),  # neutral: all three
        ({"hip": 55, "lumbar": 30}, ("upper-back", "head")),  # rounding: sacrum off
        ({"thoracic": 35}, ("sacrum", "upper-back")),  # round upper back: head off
        ({"neck": 30, "head": -30}, ("sacrum", "upper-back")),  # chin poke: head off
        ({"neck": 15, "head": 30}, ("sacrum", "upper-back")),  # chin to chest
        ({"lumbar": -20, "thoracic": -8}, ("sacrum", "head")),  # arching: upper off
    ],
)
def test_the_dowel_reads_the_back_as_the_corrected_blueprint_says(change, touching):
    dowel = dowel_contacts(Pose(**{**HINGE, **change}))
    assert dowel.touching == touching
    # No point of the back ever pokes through the stick.
    assert min(dowel.gaps.values()) > -1e-9


def test_a_neutral_dowel_lies_along_the_back_at_any_hip_angle():
    for hip in (0, 40, 90):
        assert len(dowel_contacts(Pose(hip=hip)).touching) == 3


# --- loads and claims --------------------------------------------------------------


def test_the_bar_hangs_from_straight_arms_over_mid_foot_when_the_pose_says_so():
    start = Pose(shin=15, knee=80, hip=128, shoulder=54)
    figure = Figure("f", "c", start, implement="barbell", bar_over_midfoot=True)
    b = body(start)
    bar = figures.load_position(figure, b)
    assert bar is not None
    assert abs(bar[0] - b.points["midfoot"][0]) <= figures.MIDFOOT_TOLERANCE
    assert bar[1] == pytest.approx(figures.PLATE_RADIUS, abs=0.005)  # on the floor
    assert math.dist(b.points["shoulder"], bar) == pytest.approx(0.186 + 0.146 + 0.054)
    assert b.points["shoulder"][0] > bar[0]  # shoulders slightly in front
    assert check(figure) == []


def test_a_wrong_claim_about_the_bar_or_the_dowel_is_refused():
    low = Pose(shin=28, knee=110, hip=121, shoulder=42)
    said = Figure("f", "c", low, implement="barbell", bar_over_midfoot=True)
    ((key, message),) = check(said)
    assert key == "bar_over_midfoot"
    assert "in front of mid-foot" in message
    rounded = Pose(shin=5, knee=20, hip=55, lumbar=30)
    wrong = Figure("f", "c", rounded, implement="dowel", contacts=("sacrum",))
    ((key, message),) = check(wrong)
    assert key == "contacts"
    assert message == ("the dowel touches upper-back, head in this pose, not sacrum")


def test_loads_may_not_sink_into_the_floor():
    deep = Pose(shin=30, knee=120, hip=125, shoulder=40)
    assert ("pose", "the plates would go through the floor") in check(
        Figure("f", "c", deep, implement="barbell")
    )


def test_pose_problems_name_unknown_joints_and_ranges():
    found = dict(figures.pose_problems({"kne": 10, "hip": 170, "neck": "up"}))
    assert found["kne"] == "unknown joint 'kne'; did you mean 'knee'?"
    assert found["hip"].startswith("hip 170 is out of range (-30 to 135")
    assert found["neck"] == "joint 'neck' must be a number of degrees"
    both = figures.pose_problems({"lumbar": 55, "thoracic": 40})
    assert both == [
        (
            "lumbar",
            "lumbar + thoracic = 95 is out of range for the whole back (-35 to 85)",
        )
    ]


# --- SVG ------------------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_svg_colours_read_on_a_light_card_and_in_night_mode():
    """An <img> SVG cannot see Anki's night-mode class, so every colour must
    stand out (3:1, WCAG's level for graphics) on white and on #1e1e1e."""
    for role, colour in figures.SVG_COLOURS.items():
        assert contrast(colour, "#ffffff") >= 3, role
        assert contrast(colour, "#1e1e1e") >= 3, role


def test_svg_is_a_standalone_document_with_the_caption_as_its_title():
    figure = Figure("f", 'Hips <back> & "down"', Pose(hip=80), implement="dowel")
    text = svg(figure)
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<title>Hips &lt;back&gt; &amp; &quot;down&quot;</title>" in text
    assert "<script" not in text and "<foreignObject" not in text
    colours = set(re.findall(r"#[0-9a-f]{6}", text))
    assert colours <= set(figures.SVG_COLOURS.values())


def test_panels_are_drawn_side_by_side_and_lettered():
    a = Figure("a", "first", Pose())
    b = Figure("b", "second", Pose(hip=80))
    both = Figure("ab", "two", panels=(a, b))
    d = figures.drawing(both)
    assert [label.text for label in d.labels] == ["A", "B"]
    assert d.labels[0].at[0] < d.labels[1].at[0]
    assert both.text() == "two\nA: first\nB: second"
    assert ">A</text>" in svg(both) and ">B</text>" in svg(both)


# --- the deck format ----------------------------------------------------------------

FIGURE = """\
[[figure]]
id = "fig-a"
caption = "A hinge."
pose = {{ {pose} }}
{extra}
"""


def figure_table(pose: str = "hip = 80", extra: str = "", figure_id: str = "fig-a"):
    return FIGURE.format(pose=pose, extra=extra).replace("fig-a", figure_id)


def card_with(keys: str, card_id: str = "c1", kind: str = "basic") -> str:
    body = 'front = "What is this?"\nback = "A hinge."'
    if kind == "definition":
        body = 'term = "Hinge"\nmeaning = "Fold at the hips."'
    return (
        f'[[card]]\nid = "{card_id}"\nkind = "{kind}"\nlevel = "beginner"\n'
        f'topic = "cues"\nexplain = "Why."\n{body}\n{keys}\n'
    )


def messages(path: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_catalog([path])
    return [str(p) for p in caught.value.problems]


def line_of(path: Path, start: str, nth: int = 0) -> int:
    lines = path.read_text().splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith(start)][nth]


def test_cards_carry_their_figures(write_deck):
    path = write_deck(
        figure_table()
        + figure_table("hip = 10", figure_id="fig-b")
        + '[[figure]]\nid = "fig-ab"\ncaption = "Both."\npanels = ["fig-a", "fig-b"]\n'
        + card_with('figure = "fig-ab"\nanswer_figure = "fig-a"')
    )
    deck = load_deck(path)
    (card,) = deck.cards
    assert card.figure is not None and card.answer_figure is not None
    assert [panel.id for panel in card.figure.panels] == ["fig-a", "fig-b"]
    assert card.answer_figure.pose == Pose(hip=80)
    assert [f.id for f in deck.figures] == ["fig-a", "fig-b", "fig-ab"]


def test_a_card_without_figures_keeps_its_content_hash(write_deck):
    plain = load_deck(write_deck(card_with(""))).cards[0]
    # The digest of this card before figures existed: history must not churn.
    assert plain.content_hash() == "31b8ee83cbcb2d5e"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        (
            card_with('figure = "fig-x"'),
            "figure",
            "card c1: unknown figure 'fig-x' (figures in this file: fig-a)",
        ),
        (
            card_with('answer_figure = "nope"'),
            "answer_figure",
            "card c1: unknown figure 'nope' (figures in this file: fig-a)",
        ),
        (
            card_with('figure = "fig-a"', kind="definition"),
            "figure",
            "card c1: a definition card cannot show a figure with its question; "
            "use answer_figure, or a basic card",
        ),
    ],
)
def test_a_card_names_a_figure_of_its_file(write_deck, text, key, expected):
    path = write_deck(figure_table() + text)
    assert messages(path) == [f"{path}:{line_of(path, key)}: {expected}"]


@pytest.mark.parametrize(
    ("pose", "extra", "key", "expected"),
    [
        ("kne = 20", "", "pose", "unknown joint 'kne'; did you mean 'knee'?"),
        (
            "knee = 200",
            "",
            "pose",
            "knee 200 is out of range (-10 to 150: knee flexion)",
        ),
        ("hip = 80", 'implement = "stick"', "implement", "unknown implement 'stick'"),
        ("hip = 80", 'markers = ["arrow"]', "markers", "unknown marker 'arrow'"),
        (
            "hip = 80",
            'implement = "dowel"\ncontacts = ["sacrum"]',
            "contacts",
            "the dowel touches sacrum, upper-back, head in this pose, not sacrum",
        ),
        (
            "hip = 80",
            "bar_over_midfoot = true",
            "bar_over_midfoot",
            "'bar_over_midfoot' needs a barbell or a kettlebell",
        ),
        ("hip = 80", 'colour = "red"', "colour", "unknown key 'colour'"),
    ],
)
def test_figure_mistakes_are_reported_on_their_line(
    write_deck, pose, extra, key, expected
):
    path = write_deck(figure_table(pose, extra) + card_with('figure = "fig-a"'))
    found = messages(path)
    assert found[0].startswith(f"{path}:{line_of(path, key)}: figure fig-a: {expected}")
    # A card naming a broken figure is reported too, rather than silently drawn.
    assert found[-1].endswith("unknown figure 'fig-a' (figures in this file: none)")


def test_figure_tables_need_a_pose_or_panels_and_unique_ids(write_deck):
    path = write_deck(
        figure_table()
        + figure_table(figure_id="fig-a")
        + '[[figure]]\nid = "fig-p"\ncaption = "P."\npanels = ["fig-a", "fig-q"]\n'
        + '[[figure]]\nid = "fig-none"\ncaption = "Nothing."\n'
        + card_with("")
    )
    found = messages(path)
    second = line_of(path, "[[figure]]", 1)
    assert (
        f"{path}:{second + 1}: figure fig-a: duplicate figure id (first used on line 6)"
        in found
    )
    assert any("figure fig-p: unknown figure 'fig-q' in panels" in m for m in found)
    assert any(
        "figure fig-none: give either a pose (joint angles) or panels" in m
        for m in found
    )


def test_the_bundled_figures_are_all_used_and_all_checked():
    deck = load_deck(DECKS / "figures.toml")
    assert len([f for f in deck.figures if f.pose is not None]) >= 25
    shown = {
        f.id
        for card in deck.cards
        for f in (card.figure, card.answer_figure)
        if f is not None
    }
    in_panels = {p.id for f in deck.figures for p in f.panels}
    assert {f.id for f in deck.figures} - shown - in_panels == set()
    users = [c for c in load_catalog([DECKS]) if c.figure or c.answer_figure]
    assert len(users) >= 40


def test_the_kept_copy_of_the_decks_brings_figures_back_whole(write_deck):
    from quizhinge.deckcache import catalog_from_json, catalog_to_json

    path = write_deck(
        figure_table(
            "shin = 15, knee = 80, hip = 128, shoulder = 54", 'implement = "barbell"'
        )
        + figure_table("hip = 10", figure_id="fig-b")
        + '[[figure]]\nid = "fig-ab"\ncaption = "Both."\npanels = ["fig-a", "fig-b"]\n'
        + card_with('figure = "fig-ab"\nanswer_figure = "fig-a"')
        + card_with("", card_id="c2")
    )
    catalog = load_catalog([path])
    kept = catalog_from_json(catalog_to_json(catalog, ["stamp"]), ["stamp"])
    assert kept is not None
    again, _ = kept
    assert again.decks == catalog.decks
    card = again.card("c1")
    assert card.figure is not None and card.figure.panels[0] is card.answer_figure
    assert card.content_hash() == catalog.card("c1").content_hash()


def test_every_bundled_figure_is_named_in_coverage_next_to_its_facts():
    coverage = (Path(__file__).parent.parent / "docs" / "coverage.md").read_text()
    _, _, section = coverage.partition("\n## Figures\n")
    rows = dict(re.findall(r"^\| (fig-[a-z0-9-]+) \| ([A-Q0-9, ]+) \|", section, re.M))
    deck = load_deck(DECKS / "figures.toml")
    assert sorted(rows) == sorted(f.id for f in deck.figures)
    assert all(rows[f.id].strip() for f in deck.figures)


def test_the_readme_figures_are_the_decks_figures():
    """docs/figures/*.svg are drawn from decks/figures.toml; redraw them with
    `quizhinge.figures.svg` when a figure or the drawing changes."""
    deck = load_deck(DECKS / "figures.toml")
    by_id = {figure.id: figure for figure in deck.figures}
    docs = Path(__file__).parent.parent / "docs"
    shown = sorted((docs / "figures").glob("*.svg"))
    assert shown
    readme = (docs.parent / "README.md").read_text()
    for path in shown:
        assert path.read_text() == svg(by_id[path.stem]), path.name
        assert f"docs/figures/{path.name}" in readme


def test_an_empty_pose_table_is_standing_tall_not_no_pose(write_deck):
    deck = load_deck(write_deck(figure_table("") + card_with('figure = "fig-a"')))
    assert deck.figures[0].pose == Pose()
