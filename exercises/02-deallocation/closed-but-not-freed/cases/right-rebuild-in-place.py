# Rebuilds the list in place without the closed document (compared by identity): the
# same list object, the others in order, and closing twice is harmless. Right.
open_documents = []  # shown in the "Window" menu, in the order they were opened


class Document:
    def __init__(self, title):
        self.title = title
        self.text = ""
        self.closed = False


def open_document(title):
    doc = Document(title)
    open_documents.append(doc)
    return doc


def close_document(doc):
    doc.closed = True
    open_documents[:] = [d for d in open_documents if d is not doc]
