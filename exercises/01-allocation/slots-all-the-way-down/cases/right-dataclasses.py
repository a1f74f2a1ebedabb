# Tries: dataclasses that generate the slots: slots=True on every class, weakref_slot=True on
# the base, eq=False so sprites stay hashable (a WeakSet needs that). Right: no class gives a
# __dict__, each field is stored once, and the base's __weakref__ keeps sprites weakly referenceable.
import weakref
from dataclasses import dataclass

live_sprites = weakref.WeakSet()


@dataclass(slots=True, weakref_slot=True, eq=False)
class Sprite:
    x: float
    y: float

    def __post_init__(self):
        live_sprites.add(self)


@dataclass(slots=True, eq=False)
class Bullet(Sprite):
    dx: float
    dy: float

    def step(self):
        self.x += self.dx
        self.y += self.dy


@dataclass(slots=True, eq=False)
class Spark(Sprite):
    ttl: int

    def step(self):
        self.ttl -= 1


def count_live():
    return len(live_sprites)
