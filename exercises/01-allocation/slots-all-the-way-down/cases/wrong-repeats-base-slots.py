# Tries: each class lists all of its fields, the inherited ones too.
# Wrong: Bullet's x and y shadow Sprite's, so every bullet carries two unused slots
# (the per-instance size check catches the extra bytes).
"""A 2-D shooter: thousands of sprites are alive at once, and every frame makes and drops hundreds."""

import weakref

# The debug overlay shows how many sprites are alive. A WeakSet does not keep them alive:
# a sprite leaves it by itself when the game drops the sprite.
live_sprites = weakref.WeakSet()


class Sprite:
    """Scenery: something drawn at (x, y)."""

    # No per-instance __dict__. "__weakref__" keeps instances weakly referenceable
    # (live_sprites needs it); declared once here, every subclass inherits it.
    __slots__ = ("x", "y", "__weakref__")

    def __init__(self, x, y):
        self.x = x
        self.y = y
        live_sprites.add(self)


class Bullet(Sprite):
    __slots__ = ("x", "y", "dx", "dy")

    def __init__(self, x, y, dx, dy):
        super().__init__(x, y)
        self.dx = dx
        self.dy = dy

    def step(self):
        self.x += self.dx
        self.y += self.dy


class Spark(Sprite):
    __slots__ = ("x", "y", "ttl")

    def __init__(self, x, y, ttl):
        super().__init__(x, y)
        self.ttl = ttl

    def step(self):
        self.ttl -= 1


def count_live():
    return len(live_sprites)
