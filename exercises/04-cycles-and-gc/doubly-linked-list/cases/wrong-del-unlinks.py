# Tries: keep the strong cycles and unlink every link in LinkedList.__del__. Wrong: the
# links are still in reference cycles with each other (a link you hold keeps its whole
# chain), and the list's own __del__ is all that stands between them and the collector.
class Link:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None


class LinkedList:
    def __init__(self, values=()):
        self.head = None
        self.tail = None
        self._length = 0
        for value in values:
            self.append(value)

    def append(self, value):
        link = Link(value)
        if self.tail is None:
            self.head = link
        else:
            link.prev = self.tail
            self.tail.next = link
        self.tail = link
        self._length += 1

    def pop(self):
        if self.tail is None:
            raise IndexError("pop from an empty LinkedList")
        link = self.tail
        self.tail = link.prev
        if self.tail is None:
            self.head = None
        else:
            self.tail.next = None
        self._length -= 1
        return link.value

    def pop_left(self):
        if self.head is None:
            raise IndexError("pop from an empty LinkedList")
        link = self.head
        self.head = link.next
        if self.head is None:
            self.tail = None
        else:
            self.head.prev = None
        self._length -= 1
        return link.value

    def __del__(self):
        link = self.head
        while link is not None:
            following = link.next
            link.next = link.prev = None
            link = following

    def __len__(self):
        return self._length

    def __iter__(self):
        link = self.head
        while link is not None:
            yield link.value
            link = link.next

    def __reversed__(self):
        link = self.tail
        while link is not None:
            yield link.value
            link = link.prev
