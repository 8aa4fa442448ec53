"""Side-view figures of a person, from joint angles: geometry and SVG.

A figure is data in a deck file (`[[figure]]`): a pose given as joint angles,
an optional implement and optional markers. Everything here is plain geometry
with no terminal and no Anki in it: `drawing()` turns a figure into lines and
circles in body units, the terminal widget (tui/widgets/figure.py) and `svg()`
draw those, so the phone and the terminal show the same figure.

The body. Segment lengths are fractions of body height H from Winter,
*Biomechanics and Motor Control of Human Movement*, 4th ed. (Wiley, 2009),
Figure 4.1 (after Drillis and Contini): ankle height 0.039 H, shank 0.246 H,
thigh 0.245 H (hip joint at 0.530 H), trunk from hip to shoulder 0.288 H
(shoulder at 0.818 H), head 0.130 H from chin to crown, upper arm 0.186 H,
forearm 0.146 H, hand 0.108 H, foot 0.152 H. Winter gives the trunk as one
segment; it is split here into pelvis, lumbar and thoracic parts in the ratio
1 : 2 : 3 so that the lower and the upper back can bend on their own (the
adult lumbar spine is about two thirds as long as the thoracic spine). H is 1.

Angles are in degrees, in the sagittal plane, the figure facing right:
`shin` leans the shank forward from vertical (ankle dorsiflexion with the foot
flat), `knee` and `hip` are flexion, `lumbar` and `thoracic` are flexion
(rounding, +) or extension (arching, -) spread evenly along that part of the
spine, `neck` tips the neck forward (+) or back (-) on the upper back, `head`
nods the head (+ chin down, - looking up), `shoulder` is flexion of the upper
arm from the trunk (omitted: the arm hangs plumb), `elbow` is flexion,
`turnout` turns both legs out about the vertical (a sumo stance: the side view
sees the thighs and shins shortened), `back_hip` and `back_knee` give a second
leg that leaves the floor (a single-leg stance; omitted: both legs move
together and are drawn as one). Each has a human range (JOINTS).

A neutral spine is drawn straight: the line along its back touches the sacrum,
the upper back and the back of the head, as a dowel does in the dowel drill.
Where a dowel touches is computed, never drawn by hand (see `dowel_contacts`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from quizhinge.cards import LETTERS, Figure, Pose

# --- the body (fractions of height, Winter 2009, Fig. 4.1) -------------------

ANKLE_HEIGHT = 0.039
SHANK = 0.246
THIGH = 0.245
TRUNK = 0.288  # hip joint to shoulder: 0.818 H - 0.530 H
PELVIS = TRUNK / 6  # hip joint to L5/S1
LUMBAR = TRUNK * 2 / 6  # L5/S1 to T12/L1
THORACIC = TRUNK * 3 / 6  # T12/L1 to C7, the shoulder line
HEAD_RADIUS = 0.065  # chin 0.870 H to crown 1.000 H
HEAD_CENTRE_HEIGHT = 0.935
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.108
FOOT = 0.152
HEEL_BEHIND_ANKLE = FOOT / 4  # a drawing choice: the ankle over the rear quarter
# Where the back surface is, behind the line of the spine: the sacrum, the
# upper back and the back of the head line up here when the spine is neutral.
BACK_OFFSET = 0.03
# The thoracic contact (the upper back between the shoulder blades, about T7)
# as a share of the thoracic part, from T12 up.
UPPER_BACK_AT = 0.45
# The neck leans forward of the trunk line so that the back of the head lines
# up with the back: the head's centre is (HEAD_RADIUS - BACK_OFFSET) in front
# of the spine's line, 0.117 H above the shoulder line.
_NECK_RISE = HEAD_CENTRE_HEIGHT - 0.818
_NECK_AHEAD = HEAD_RADIUS - BACK_OFFSET
NECK = math.hypot(_NECK_RISE, _NECK_AHEAD)
NECK_TILT = math.degrees(math.atan2(_NECK_AHEAD, _NECK_RISE))
# Implements, at H = 1.75 m: a 45 cm plate, a 16 kg kettlebell's body about
# 19 cm across and its handle's top about 28 cm over the floor.
PLATE_RADIUS = 0.225 / 1.75
BELL_RADIUS = 0.095 / 1.75
BELL_HANDLE = 0.09 / 1.75
DOWEL_PAST = 0.06  # how far the dowel reaches past the sacrum and the head
# A dowel touches a point within this distance (about 1 cm at 1.75 m).
CONTACT_TOLERANCE = 0.006
# "Over mid-foot" within a tenth of a foot length either way.
MIDFOOT_TOLERANCE = FOOT / 10

# --- joints and their ranges ------------------------------------------------

# name: (lowest, highest, what it is). The ranges follow the average adult
# ranges of motion of the AAOS (Joint Motion: Method of Measuring and
# Recording, 1965) with a margin, and are wider where a loaded, weight-bearing
# joint goes further than the open-chain norm (a deep squat's ankle and knee).
JOINTS: dict[str, tuple[float, float, str]] = {
    "shin": (-20, 45, "shin lean from vertical, + knee ahead of the ankle"),
    "knee": (-10, 150, "knee flexion"),
    "hip": (-30, 135, "hip flexion (thigh to pelvis)"),
    "lumbar": (-30, 60, "lower back: + rounding (flexion), - arching"),
    "thoracic": (-25, 45, "upper back: + rounding (flexion), - arching"),
    "neck": (-40, 40, "neck: + forward (flexion, jutting), - back"),
    "head": (-40, 40, "head nod: + chin down, - looking up"),
    "shoulder": (-60, 180, "upper arm flexion from the trunk; omit to hang plumb"),
    "elbow": (0, 150, "elbow flexion"),
    "turnout": (0, 45, "legs turned out about the vertical (sumo stance)"),
    "back_hip": (-30, 135, "hip flexion of a leg off the floor"),
    "back_knee": (0, 150, "knee flexion of a leg off the floor"),
}
# Joints that act together have a joint range too (AAOS: thoracolumbar
# flexion about 80, extension about 25-30; cervical flexion 45-50, extension
# 45-60).
COMBINED: dict[tuple[str, ...], tuple[float, float, str]] = {
    ("lumbar", "thoracic"): (-35, 85, "the whole back"),
    ("neck", "head"): (-70, 55, "the whole neck"),
}
IMPLEMENTS = ("dowel", "barbell", "barbell-back", "kettlebell")
MARKERS: dict[str, str] = {
    "contacts": "where a dowel touches the back (filled) or has lost contact (open)",
    "bar-path": "a vertical line through the bar or bell",
    "midfoot": "a tick on the floor under the middle of the foot",
    "gaze": "the line of sight",
    "hips-back": "an arrow: hips travel back",
    "hips-forward": "an arrow: hips drive forward",
    "hips-up": "an arrow: hips rise first",
    "knees-forward": "an arrow: knees travel forward",
}
CONTACT_POINTS = ("sacrum", "upper-back", "head")
MAX_PANELS = 4


# --- geometry -----------------------------------------------------------------

Point = tuple[float, float]


def _direction(degrees: float) -> Point:
    """A unit vector `degrees` forward of straight up."""
    radians = math.radians(degrees)
    return (math.sin(radians), math.cos(radians))


def _add(a: Point, b: Point, scale: float = 1.0) -> Point:
    return (a[0] + b[0] * scale, a[1] + b[1] * scale)


def _behind(degrees: float) -> Point:
    """The unit vector at right angles to a segment, on the back's side."""
    dx, dy = _direction(degrees)
    return (-dy, dx)


def _arc(
    start: Point, degrees: float, turn: float, length: float, steps: int = 8
) -> tuple[list[Point], float]:
    """Points along a segment that bends evenly by `turn` over its length
    (a circular arc), and the direction at its end."""
    points = [start]
    here = start
    step_turn = turn / steps
    step = length / steps
    if step_turn:  # the chord of each piece of the arc
        radius = step / math.radians(step_turn)
        chord = 2 * radius * math.sin(math.radians(step_turn) / 2)
    else:
        chord = step
    for i in range(steps):
        heading = degrees + step_turn * (i + 0.5)
        here = _add(here, _direction(heading), chord)
        points.append(here)
    return points, degrees + turn


class Body(NamedTuple):
    """Where everything is, in body units (H = 1), the floor at y = 0, the
    figure facing +x with the ankle at x = 0."""

    points: dict[str, Point]
    spine: tuple[Point, ...]  # sacrum line from the hip joint to the shoulder line
    angles: dict[str, float]  # absolute directions of segments, from vertical
    back_leg: tuple[Point, ...] = ()


def _legs(pose: Pose) -> tuple[dict[str, Point], float]:
    """Ankle, knee and hip of the standing leg, and the thigh's direction.

    A turned-out leg lies in a plane turned about the vertical: the side view
    sees its horizontal reach shortened by cos(turnout), its height whole.
    """
    squeeze = math.cos(math.radians(pose.turnout))
    ankle = (0.0, ANKLE_HEIGHT)

    def step(start: Point, degrees: float, length: float) -> Point:
        dx, dy = _direction(degrees)
        return (start[0] + dx * length * squeeze, start[1] + dy * length)

    knee = step(ankle, pose.shin, SHANK)
    thigh = pose.shin - pose.knee
    hip = step(knee, thigh, THIGH)
    heel = (-HEEL_BEHIND_ANKLE * squeeze, 0.0)
    toe = (heel[0] + FOOT * squeeze, 0.0)
    points = {"ankle": ankle, "knee": knee, "hip": hip, "heel": heel, "toe": toe}
    points["midfoot"] = ((heel[0] + toe[0]) / 2, 0.0)
    return points, thigh


def body(pose: Pose) -> Body:
    """Every joint's position for a pose."""
    points, thigh = _legs(pose)
    pelvis_dir = thigh + pose.hip
    sacrum_top = _add(points["hip"], _direction(pelvis_dir), PELVIS)
    lumbar, lumbar_end = _arc(sacrum_top, pelvis_dir, pose.lumbar, LUMBAR)
    thoracic, shoulder_dir = _arc(lumbar[-1], lumbar_end, pose.thoracic, THORACIC)
    neck_dir = shoulder_dir + NECK_TILT + pose.neck
    head_dir = shoulder_dir + pose.neck + pose.head
    shoulder = thoracic[-1]
    head = _add(shoulder, _direction(neck_dir), NECK)
    points.update(sacrum_top=sacrum_top, t12=lumbar[-1], shoulder=shoulder, head=head)
    upper_back, upper_dir = _arc(
        lumbar[-1], lumbar_end, pose.thoracic * UPPER_BACK_AT, THORACIC * UPPER_BACK_AT
    )
    mid_pelvis = _add(points["hip"], _direction(pelvis_dir), PELVIS / 2)
    points["sacrum"] = _add(mid_pelvis, _behind(pelvis_dir), BACK_OFFSET)
    points["upper-back"] = _add(upper_back[-1], _behind(upper_dir), BACK_OFFSET)
    points["occiput"] = _add(head, _behind(head_dir), HEAD_RADIUS)
    points["face"] = _add(head, _behind(head_dir), -HEAD_RADIUS)
    angles = {
        "thigh": thigh,
        "pelvis": pelvis_dir,
        "upper_trunk": shoulder_dir,
        "head": head_dir,
    }
    arm_angle = shoulder_arm_angle(pose, shoulder_dir)
    elbow = _add(shoulder, _direction(180 + shoulder_dir - arm_angle), UPPER_ARM)
    forearm_dir = 180 + shoulder_dir - arm_angle - pose.elbow
    wrist = _add(elbow, _direction(forearm_dir), FOREARM)
    points.update(elbow=elbow, wrist=wrist)
    points["grip"] = _add(wrist, _direction(forearm_dir), HAND / 2)
    angles["shoulder"] = arm_angle
    back_leg: tuple[Point, ...] = ()
    if pose.back_hip is not None:
        back_thigh = pelvis_dir + 180 - pose.back_hip
        back_knee = _add(points["hip"], _direction(back_thigh), THIGH)
        back_shank = back_thigh + pose.back_knee
        back_ankle = _add(back_knee, _direction(back_shank), SHANK)
        back_toe = _add(back_ankle, _direction(back_shank - 90), FOOT * 0.75)
        back_leg = (points["hip"], back_knee, back_ankle, back_toe)
    spine = (points["hip"], sacrum_top, *lumbar[1:], *thoracic[1:])
    return Body(points, spine, angles, back_leg)


def shoulder_arm_angle(pose: Pose, upper_trunk: float) -> float:
    """The shoulder's flexion: as given, or the one that lets the arm hang
    plumb (the trunk's downward line is 180 + upper_trunk from vertical)."""
    if pose.shoulder is not None:
        return pose.shoulder
    return upper_trunk  # 180 + trunk - flexion == 180: the arm points down


# --- the dowel ---------------------------------------------------------------


def _distance_behind(point: Point, line: tuple[Point, Point]) -> float:
    """How far `point` lies behind (+) or in front of (-) a line along the
    back, measured at right angles; the line runs from sacrum to head."""
    (x1, y1), (x2, y2) = line
    length = math.hypot(x2 - x1, y2 - y1)
    # The cross product is positive for points on the back's side of the line.
    return ((x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1)) / length


class Dowel(NamedTuple):
    """Where a dowel laid along the back rests: its line, and each contact
    point's gap to it (0 = touching)."""

    line: tuple[Point, Point]
    gaps: dict[str, float]

    @property
    def touching(self) -> tuple[str, ...]:
        return tuple(n for n in CONTACT_POINTS if self.gaps[n] <= CONTACT_TOLERANCE)


def dowel_contacts(pose: Pose) -> Dowel:
    """Where a straight dowel held along the back rests, and what it touches.

    The dowel lies on the three most posterior points: the sacrum, the upper
    back and the back of the head (blueprint D1-D2). When the upper back is
    not proud of the line from sacrum to head, the dowel rests on those two,
    and the upper back has left it if it lies in front: an over-arched back.
    When the upper back stands proud, the dowel rests on it and on one end,
    and the other end loses contact. Which end: the stretch of back that has
    bent keeps the dowel off, so the dowel stays flush with the straighter
    stretch. A lower back that rounds lifts it off the sacrum; an upper back
    that rounds, or a neck that bends or juts forward, lifts it off the head.
    """
    b = body(pose)
    sacrum, upper, occiput = (b.points[n] for n in ("sacrum", "upper-back", "occiput"))
    if _distance_behind(upper, (sacrum, occiput)) <= 0:
        line = (sacrum, occiput)
    else:
        below = abs(pose.lumbar) + abs(pose.thoracic) * UPPER_BACK_AT
        above = (
            abs(pose.thoracic) * (1 - UPPER_BACK_AT) + abs(pose.neck) + abs(pose.head)
        )
        line = (upper, occiput) if below > above else (sacrum, upper)
        # Whichever end the dowel rests on, no point may stand behind it.
        for other in (sacrum, occiput):
            if _distance_behind(other, line) > 1e-9:
                line = (sacrum, upper) if line[0] == upper else (upper, occiput)
                break
    gaps = {
        name: -_distance_behind(b.points[key], line)
        for name, key in zip(
            CONTACT_POINTS, ("sacrum", "upper-back", "occiput"), strict=True
        )
    }
    return Dowel(line, gaps)


# --- drawing primitives ---------------------------------------------------------

# What each stroke is, so that a renderer can colour it.
ROLES = ("ground", "body", "far", "implement", "touch", "lost", "marker")


class Stroke(NamedTuple):
    """A polyline (or, with `radius`, a circle round points[0])."""

    role: str
    points: tuple[Point, ...]
    radius: float = 0.0
    filled: bool = False
    dashed: bool = False
    width: float = 1.0  # relative line width


class Label(NamedTuple):
    """A panel's letter, centred at `at`."""

    text: str
    at: Point


@dataclass
class Drawing:
    """Strokes and labels in body units, y up; `bounds` is (x0, y0, x1, y1)."""

    strokes: list[Stroke] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        xs: list[float] = []
        ys: list[float] = []
        for stroke in self.strokes:
            for x, y in stroke.points:
                xs += [x - stroke.radius, x + stroke.radius]
                ys += [y - stroke.radius, y + stroke.radius]
        for label in self.labels:
            xs.append(label.at[0])
            ys += [label.at[1] - LABEL_SIZE / 2, label.at[1] + LABEL_SIZE / 2]
        return (min(xs), min(ys), max(xs), max(ys))

    def shifted(self, dx: float) -> Drawing:
        def move(points: Iterable[Point]) -> tuple[Point, ...]:
            return tuple((x + dx, y) for x, y in points)

        return Drawing(
            [s._replace(points=move(s.points)) for s in self.strokes],
            [
                Label(label.text, (label.at[0] + dx, label.at[1]))
                for label in self.labels
            ],
        )


LABEL_SIZE = 0.09
PANEL_GAP = 0.12


def drawing(figure: Figure) -> Drawing:
    """The figure as strokes: one pose, or its panels side by side, lettered."""
    if not figure.panels:
        return _pose_drawing(figure)
    combined = Drawing()
    x = 0.0
    for letter, panel in zip(LETTERS, figure.panels, strict=False):
        part = _pose_drawing(panel)
        x0, _, x1, _ = part.bounds
        part = part.shifted(x - x0)
        combined.strokes += part.strokes
        combined.labels.append(Label(letter, (x + (x1 - x0) / 2, -LABEL_SIZE)))
        x += (x1 - x0) + PANEL_GAP
    return combined


def _pose_drawing(figure: Figure) -> Drawing:
    pose = figure.pose or Pose()
    b = body(pose)
    p = b.points
    out = Drawing()
    add = out.strokes.append
    x0 = min(p["heel"][0], p["hip"][0], p["head"][0] - HEAD_RADIUS) - 0.05
    x1 = max(p["toe"][0], p["head"][0] + HEAD_RADIUS, p["knee"][0]) + 0.05
    add(Stroke("ground", ((x0, 0.0), (x1, 0.0)), width=0.6))
    if b.back_leg:
        add(Stroke("far", b.back_leg))
    add(Stroke("body", (p["heel"], p["toe"])))
    add(Stroke("body", (p["heel"], p["ankle"], p["knee"], p["hip"])))
    add(Stroke("body", b.spine))
    add(Stroke("body", (p["shoulder"], p["head"])))
    add(Stroke("body", (p["head"],), radius=HEAD_RADIUS))
    nose_dir = b.angles["head"]
    add(
        Stroke(
            "body",
            (p["face"], _add(p["face"], _behind(nose_dir), -0.025)),
        )
    )
    if figure.implement != "dowel":  # a dowel's hands are behind the back
        add(Stroke("body", (p["shoulder"], p["elbow"], p["wrist"], p["grip"])))
    _implement(out, figure, pose, b)
    _markers(out, figure, pose, b)
    return out


def _implement(out: Drawing, figure: Figure, pose: Pose, b: Body) -> None:
    p = b.points
    add = out.strokes.append
    if figure.implement == "dowel":
        dowel = dowel_contacts(pose)
        (ax, ay), (bx, by) = dowel.line
        length = math.hypot(bx - ax, by - ay)
        ux, uy = (bx - ax) / length, (by - ay) / length
        lower = (ax - ux * DOWEL_PAST, ay - uy * DOWEL_PAST)
        upper = (bx + ux * DOWEL_PAST, by + uy * DOWEL_PAST)
        add(Stroke("implement", (lower, upper), width=1.3))
    elif figure.implement in ("barbell", "barbell-back"):
        centre = bar_position(figure.implement, b)
        add(Stroke("implement", (centre,), radius=PLATE_RADIUS, width=1.2))
        add(Stroke("implement", (centre,), radius=0.012, filled=True))
    elif figure.implement == "kettlebell":
        grip = p["grip"]
        down = _forearm_direction(b)
        centre = _add(grip, down, BELL_HANDLE + BELL_RADIUS * 0.8)
        add(Stroke("implement", (centre,), radius=BELL_RADIUS, filled=True))
        side = (-down[1], down[0])
        handle = (
            _add(_add(centre, down, -BELL_RADIUS * 0.6), side, BELL_RADIUS * 0.55),
            _add(grip, side, BELL_RADIUS * 0.35),
            _add(grip, side, -BELL_RADIUS * 0.35),
            _add(_add(centre, down, -BELL_RADIUS * 0.6), side, -BELL_RADIUS * 0.55),
        )
        add(Stroke("implement", handle, width=1.1))


def _forearm_direction(b: Body) -> Point:
    (ex, ey), (wx, wy) = b.points["elbow"], b.points["wrist"]
    length = math.hypot(wx - ex, wy - ey)
    return ((wx - ex) / length, (wy - ey) / length)


def bar_position(implement: str | None, b: Body) -> Point:
    """The bar's centre: in the hands, or across the upper back (a good
    morning's bar sits on the shoulders, behind the neck)."""
    if implement == "barbell-back":
        return _add(b.points["shoulder"], _behind(b.angles["upper_trunk"]), 0.045)
    return b.points["grip"]


def load_position(figure: Figure, b: Body) -> Point | None:
    """Where the load is, for 'over mid-foot': the bar's or the bell's centre."""
    if figure.implement in ("barbell", "barbell-back"):
        return bar_position(figure.implement, b)
    if figure.implement == "kettlebell":
        return _add(
            b.points["grip"], _forearm_direction(b), BELL_HANDLE + BELL_RADIUS * 0.8
        )
    return None


def _arrow(out: Drawing, start: Point, end: Point) -> None:
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    head = 0.035
    wings = [
        (
            end[0] - head * math.cos(angle + side),
            end[1] - head * math.sin(angle + side),
        )
        for side in (0.5, -0.5)
    ]
    out.strokes.append(Stroke("marker", (start, end), width=1.1))
    out.strokes.append(Stroke("marker", (wings[0], end, wings[1]), width=1.1))


ARROWS: dict[str, tuple[str, Point, float]] = {
    # marker: (joint, direction, distance from the joint to the arrow's start)
    "hips-back": ("hip", (-1.0, 0.0), 0.06),
    "hips-forward": ("hip", (1.0, 0.0), 0.06),
    "hips-up": ("hip", (0.0, 1.0), 0.06),
    "knees-forward": ("knee", (1.0, 0.0), 0.05),
}
ARROW_LENGTH = 0.12


def _markers(out: Drawing, figure: Figure, pose: Pose, b: Body) -> None:
    p = b.points
    add = out.strokes.append
    for marker in figure.markers:
        if marker == "contacts":
            dowel = dowel_contacts(pose)
            for name, key in zip(
                CONTACT_POINTS, ("sacrum", "upper-back", "occiput"), strict=True
            ):
                touching = dowel.gaps[name] <= CONTACT_TOLERANCE
                role = "touch" if touching else "lost"
                add(Stroke(role, (p[key],), radius=0.018, filled=touching, width=1.2))
        elif marker == "bar-path":
            load = load_position(figure, b)
            if load is not None:
                top = max(p["head"][1] + HEAD_RADIUS, load[1] + 0.1)
                add(Stroke("marker", ((load[0], 0.0), (load[0], top)), dashed=True))
        elif marker == "midfoot":
            mx = p["midfoot"][0]
            add(Stroke("marker", ((mx, -0.03), (mx, 0.03)), width=1.2))
        elif marker == "gaze":
            face = p["face"]
            look = _behind(b.angles["head"])
            end = _add(face, look, -0.3)
            add(Stroke("marker", (face, end), dashed=True))
        elif marker in ARROWS:
            joint, (dx, dy), gap = ARROWS[marker]
            ax, ay = p[joint]
            start = (ax + dx * gap, ay + dy * gap)
            _arrow(
                out, start, (start[0] + dx * ARROW_LENGTH, start[1] + dy * ARROW_LENGTH)
            )


# --- checks ------------------------------------------------------------------------


def pose_problems(angles: Mapping[str, object]) -> list[tuple[str, str]]:
    """(joint, message) for every unknown joint, non-number or out-of-range
    angle in a pose table, so the deck parser can place each on its line."""
    import difflib

    found = []
    for name, value in angles.items():
        if name not in JOINTS:
            close = difflib.get_close_matches(name, JOINTS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            found.append((name, f"unknown joint {name!r}{hint}"))
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            found.append((name, f"joint {name!r} must be a number of degrees"))
            continue
        low, high, meaning = JOINTS[name]
        if not low <= value <= high:
            found.append(
                (
                    name,
                    f"{name} {value:g} is out of range ({low:g} to {high:g}: "
                    f"{meaning})",
                )
            )
    for names, (low, high, meaning) in COMBINED.items():
        values = [angles.get(n, 0) for n in names]
        numbers = [v for v in values if isinstance(v, int | float)]
        if len(numbers) < len(values) or any(isinstance(v, bool) for v in values):
            continue
        total = sum(numbers)
        if not low <= total <= high:
            found.append(
                (
                    names[0],
                    f"{' + '.join(names)} = {total:g} is out of range for {meaning}"
                    f" ({low:g} to {high:g})",
                )
            )
    return found


def check(figure: Figure) -> list[tuple[str | None, str]]:
    """What is wrong with a figure's geometry, or with what it claims to show,
    as (deck-file key, message).

    A pose whose arm is left to hang must still be a shoulder angle a person
    has; a load may not sink into the floor; a figure that says where a dowel
    touches, or that the load is over mid-foot, must be right about it.
    """
    if figure.pose is None:
        return []
    problems: list[tuple[str | None, str]] = []
    pose = figure.pose
    b = body(pose)
    low, high, _ = JOINTS["shoulder"]
    if not low <= b.angles["shoulder"] <= high:
        problems.append(
            (
                "pose",
                "the arm cannot hang plumb from this trunk (shoulder would be "
                f"{b.angles['shoulder']:.0f}); give a shoulder angle",
            )
        )
    for name in ("knee", "hip", "grip", "head", "elbow"):
        if b.points[name][1] < 0:
            problems.append(("pose", f"the {name} is below the floor"))
    load = load_position(figure, b)
    sink = {"barbell": PLATE_RADIUS, "barbell-back": PLATE_RADIUS}
    sink["kettlebell"] = BELL_RADIUS
    if load is not None and load[1] < sink[figure.implement or ""] - 0.005:
        what = "kettlebell" if figure.implement == "kettlebell" else "plates"
        problems.append(("pose", f"the {what} would go through the floor"))
    if figure.contacts is not None:
        problems += _contact_claim(figure, pose)
    if figure.bar_over_midfoot is not None:
        problems += _midfoot_claim(figure, b, load)
    return problems


def _contact_claim(figure: Figure, pose: Pose) -> list[tuple[str | None, str]]:
    if figure.implement != "dowel":
        return [("contacts", "'contacts' needs implement = \"dowel\"")]
    touching = dowel_contacts(pose).touching
    if set(touching) == set(figure.contacts or ()):
        return []
    said = ", ".join(figure.contacts or ()) or "nothing"
    return [
        (
            "contacts",
            f"the dowel touches {', '.join(touching) or 'nothing'} in this pose, "
            f"not {said}",
        )
    ]


def _midfoot_claim(
    figure: Figure, b: Body, load: Point | None
) -> list[tuple[str | None, str]]:
    if load is None:
        return [
            ("bar_over_midfoot", "'bar_over_midfoot' needs a barbell or a kettlebell")
        ]
    off = load[0] - b.points["midfoot"][0]
    if (abs(off) <= MIDFOOT_TOLERANCE) == figure.bar_over_midfoot:
        return []
    where = "in front of" if off > 0 else "behind"
    said = "over" if figure.bar_over_midfoot else "away from"
    return [
        (
            "bar_over_midfoot",
            f"the load is {abs(off) / FOOT:.0%} of a foot length {where} mid-foot, "
            f"not {said} it",
        )
    ]


# --- SVG ---------------------------------------------------------------------------

# Colours readable on a white card and on Anki's night-mode background alike
# (contrast of at least 3:1 with #ffffff and with #1e1e1e, the graphics level
# of WCAG 2.1): an SVG shown as <img> never sees the card's CSS, so it cannot
# follow the night mode; mid-tones need not.
SVG_COLOURS = {
    "ground": "#808080",
    "body": "#2f7fd1",
    "far": "#7a8ba0",
    "implement": "#c2691f",
    "touch": "#2a9a4a",
    "lost": "#e0453a",
    "marker": "#9a6fd0",
}
SVG_SCALE = 300  # pixels per body height
STROKE = 0.016  # body units


def svg(figure: Figure) -> str:
    """The figure as a standalone SVG document (for Anki media and the docs)."""
    from html import escape as _xml  # here: the app never draws an SVG

    d = drawing(figure)
    x0, y0, x1, y1 = d.bounds
    pad = 0.04
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    width, height = (x1 - x0), (y1 - y0)

    def pt(point: Point) -> str:
        return f"{point[0] - x0:.4f},{y1 - point[1]:.4f}"

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.4f} {height:.4f}" '
        f'width="{width * SVG_SCALE:.0f}" height="{height * SVG_SCALE:.0f}" '
        f'role="img" aria-label="{_xml(figure.text(), quote=True)}">',
        f"<title>{_xml(figure.text())}</title>",
        '<g fill="none" stroke-linecap="round" stroke-linejoin="round">',
    ]
    for stroke in d.strokes:
        colour = SVG_COLOURS[stroke.role]
        width_attr = f'stroke-width="{STROKE * stroke.width:.4f}"'
        dash = (
            f' stroke-dasharray="{STROKE * 2:.4f} {STROKE * 2:.4f}"'
            if stroke.dashed
            else ""
        )
        if stroke.radius:
            (cx, cy) = stroke.points[0]
            fill = f' fill="{colour}"' if stroke.filled else ""
            parts.append(
                f'<circle cx="{cx - x0:.4f}" cy="{y1 - cy:.4f}" r="{stroke.radius:.4f}"'
                f' stroke="{colour}" {width_attr}{fill}{dash}/>'
            )
        else:
            points = " ".join(pt(p) for p in stroke.points)
            parts.append(
                f'<polyline points="{points}" stroke="{colour}" {width_attr}{dash}/>'
            )
    parts.append("</g>")
    for label in d.labels:
        parts.append(
            f'<text x="{label.at[0] - x0:.4f}" y="{y1 - label.at[1]:.4f}" '
            f'font-family="sans-serif" font-size="{LABEL_SIZE:.4f}" font-weight="bold" '
            f'text-anchor="middle" dominant-baseline="central" '
            f'fill="{SVG_COLOURS["ground"]}">{_xml(label.text)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
