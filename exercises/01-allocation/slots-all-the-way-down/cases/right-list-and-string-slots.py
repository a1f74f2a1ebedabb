# Tries: __slots__ written as a list in the base and as a bare string for a single field, with
# __weakref__ first. Right: any iterable of names (or one string) declares slots; each class
# names only what it adds, so nothing has a __dict__ and nothing is stored twice.
import weakref

live_sprites = weakref.WeakSet()


class Sprite:
    __slots__ = ["__weakref__", "x", "y"]

    def __init__(self, x, y):
        self.x = x
        self.y = y
        live_sprites.add(self)


class Bullet(Sprite):
    __slots__ = ["dx", "dy"]

    def __init__(self, x, y, dx, dy):
        Sprite.__init__(self, x, y)
        self.dx, self.dy = dx, dy

    def step(self):
        self.x += self.dx
        self.y += self.dy


class Spark(Sprite):
    __slots__ = "ttl"

    def __init__(self, x, y, ttl):
        super().__init__(x, y)
        self.ttl = ttl

    def step(self):
        self.ttl -= 1


def count_live():
    return len(live_sprites)
