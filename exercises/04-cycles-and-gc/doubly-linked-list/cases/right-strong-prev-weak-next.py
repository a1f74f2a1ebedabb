# The other way round: prev owns (strong), next is weak. The tail owns the chain back to
# the head, the list owns both ends, and there is still no cycle. Right.
import weakref


class Link:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self._next = None

    @property
    def next(self):
        return None if self._next is None else self._next()

    @next.setter
    def next(self, link):
        self._next = None if link is None else weakref.ref(link)


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
