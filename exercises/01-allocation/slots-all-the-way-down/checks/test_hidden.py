import sys
import weakref

import submission
from fixtures import fire_volley
from leakless import assert_peak_ratio, freed_by_refcount, instance_layout


class LeanSprite:
    __slots__ = ("x", "y", "__weakref__")


class LeanSpark(LeanSprite):
    __slots__ = ("ttl",)


def test_sparks_and_scenery_have_no_dict_either():
    spark = submission.Spark(3.0, 4.0, 10)
    spark.step()
    assert (spark.x, spark.y, spark.ttl) == (3.0, 4.0, 9)
    has_dict, slots = instance_layout(spark)
    assert not has_dict, "a `Spark` still has a per-instance `__dict__`: every sprite class needs `__slots__`"
    assert sorted(set(slots) - {"__weakref__"}) == ["ttl", "x", "y"]
    scenery = submission.Sprite(5.0, 6.0)
    has_dict, slots = instance_layout(scenery)
    assert not has_dict, "a plain `Sprite` still has a per-instance `__dict__`"
    assert sorted(set(slots) - {"__weakref__"}) == ["x", "y"]
    assert sys.getsizeof(spark) <= sys.getsizeof(LeanSpark()), "a `Spark` stores a field twice"


def test_every_kind_of_sprite_can_be_weakly_referenced():
    for make in (
        lambda: submission.Sprite(0.0, 0.0),
        lambda: submission.Bullet(0.0, 0.0, 1.0, 0.0),
        lambda: submission.Spark(0.0, 0.0, 3),
    ):
        sprite = make()
        assert weakref.ref(sprite)() is sprite
        freed_by_refcount(make, msg="a dropped sprite stayed alive: `live_sprites` must not keep it")


def test_moving_fields_are_still_writable():
    bullet = submission.Bullet(0.0, 0.0, 2.0, 3.0)
    for _ in range(3):
        bullet.step()
    bullet.dx = -1.0
    bullet.step()
    assert (bullet.x, bullet.y) == (5.0, 12.0)


def test_a_frame_of_bullets_costs_what_lean_bullets_cost():
    overlay = weakref.WeakSet()

    class LeanBullet(LeanSprite):
        __slots__ = ("dx", "dy")

        def __init__(self, x, y, dx, dy):
            self.x, self.y, self.dx, self.dy = x, y, dx, dy
            overlay.add(self)

    assert_peak_ratio(
        lambda: fire_volley(1_500),
        lambda: [LeanBullet(float(i), float(-i), 1.0, 0.5) for i in range(1_500)],
        1.15,
        msg="1 500 bullets take more memory than bullets with slots: some class still gives them a `__dict__`",
    )
