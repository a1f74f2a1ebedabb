# Clears last_added when it has the removed name (names are unique keys of by_name).
# Right.
class Item:
    def __init__(self, name, weight, payload=None):
        self.name = name
        self.weight = weight
        self.payload = payload  # may be large: an image, a document...

    def __repr__(self):
        return f"Item({self.name!r}, {self.weight})"


class Inventory:
    def __init__(self):
        self.items = []  # in the order they were added
        self.by_name = {}  # name -> Item, for get()
        self.last_added = None  # shown in the UI as "just added"

    def add(self, item):
        self.items.append(item)
        self.by_name[item.name] = item
        self.last_added = item

    def get(self, name):
        return self.by_name[name]

    def remove(self, name):
        item = self.by_name.pop(name)
        self.items = [other for other in self.items if other is not item]
        if self.last_added is not None and self.last_added.name == name:
            self.last_added = None
        return item
