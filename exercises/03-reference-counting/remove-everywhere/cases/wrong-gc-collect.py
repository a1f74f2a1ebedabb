# Tries: run the cycle collector after removing. Wrong: last_added is an ordinary live
# reference, not a cycle: no collection can free the item while it is set.
import gc


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
        self.items.remove(item)
        gc.collect()
        return item
