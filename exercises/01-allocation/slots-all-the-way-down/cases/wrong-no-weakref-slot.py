# Tries: __slots__ in every class, naming only the data fields.
# Wrong: slotted instances can no longer be weakly referenced, so live_sprites.add(self)
# raises TypeError and no sprite can be created.
"""A 2-D shooter: thousands of sprites are alive at once, and every frame makes and drops hundreds."""

import weakref

# The debug overlay shows how many sprites are alive. A WeakSet does not keep them alive:
# a sprite leaves it by itself when the game drops the sprite.
live_sprites = weakref.WeakSet()


class Sprite:
    """Scenery: something drawn at (x, y)."""

    # No per-instance __dict__. "__weakref__" keeps instances weakly referenceable
    # (live_sprites needs it); declared once here, every subclass inherits it.
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y
        live_sprites.add(self)


class Bullet(Sprite):
    # Only the new fields: a subclass without __slots__ would get a __dict__ back,
    # and repeating "x" and "y" would give each bullet a second, unused pair.
    __slots__ = ("dx", "dy")

    def __init__(self, x, y, dx, dy):
        super().__init__(x, y)
        self.dx = dx
        self.dy = dy

    def step(self):
        self.x += self.dx
        self.y += self.dy


class Spark(Sprite):
    __slots__ = ("ttl",)

    def __init__(self, x, y, ttl):
        super().__init__(x, y)
        self.ttl = ttl

    def step(self):
        self.ttl -= 1


def count_live():
    return len(live_sprites)
