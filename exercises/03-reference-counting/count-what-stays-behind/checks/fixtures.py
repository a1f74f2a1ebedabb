"""Objects and actions the checks measure with references_left(); this file runs beside your code."""


class Box:
    """Something to measure."""


class Shelf:
    def __init__(self):
        self.items = []
        self.labels = {}
        self.reminders = []

    def put(self, item):
        self.items.append(item)

    def put_twice(self, item):
        self.items += [item, item]

    def take(self, item):
        self.items.remove(item)

    def label(self, item):
        self.labels[item] = item

    def remind(self, item):
        self.reminders.append(lambda: item)

    def look(self, item):
        return item

    def pair(self, item):
        return [item, item]

    def swap_in(self, item):
        self.items = [item]
