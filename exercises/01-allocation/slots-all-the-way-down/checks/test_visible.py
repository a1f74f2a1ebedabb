import sys

import submission
from leakless import instance_layout


class LeanSprite:
    """The smallest layout a sprite can have (here: the learner's code cannot change it)."""

    __slots__ = ("x", "y", "__weakref__")


class LeanBullet(LeanSprite):
    __slots__ = ("dx", "dy")


def fields(obj):
    has_dict, slots = instance_layout(obj)
    return has_dict, sorted(set(slots) - {"__weakref__"})


def test_a_bullet_has_no_per_instance_dict():
    bullet = submission.Bullet(1.0, 2.0, 0.5, -0.25)
    bullet.step()
    assert (bullet.x, bullet.y, bullet.dx, bullet.dy) == (1.5, 1.75, 0.5, -0.25)
    has_dict, slots = fields(bullet)
    assert not has_dict, (
        "a `Bullet` still has a per-instance `__dict__`. A class without `__slots__` gives its "
        "instances one, even when its base class has slots: look at `Bullet` and at `Sprite`"
    )
    assert slots == ["dx", "dy", "x", "y"], f"a `Bullet` has the slots {slots}: it needs x, y, dx and dy"


def test_the_overlay_still_counts_live_sprites():
    before = submission.count_live()
    bullets = [submission.Bullet(0.0, 0.0, 1.0, 1.0) for _ in range(3)]
    assert submission.count_live() == before + 3, "three new bullets are not counted by `count_live()`"
    del bullets
    assert submission.count_live() == before, "`count_live()` still counts bullets the game dropped"


def test_a_bullet_stores_each_field_once():
    size = sys.getsizeof(submission.Bullet(0.0, 0.0, 1.0, 1.0))
    lean = sys.getsizeof(LeanBullet())
    assert size <= lean, (
        f"a `Bullet` takes {size} bytes where {lean} are enough: a field declared in `Sprite` "
        "and again in `Bullet` is stored twice; a subclass's `__slots__` names only the fields it adds"
    )
