# Tries: rebuild the list without the closed document. Wrong: without `global`, assigning
# to open_documents makes it a local variable of close_document, and reading it first
# raises UnboundLocalError.
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
    open_documents = [d for d in open_documents if d is not doc]  # noqa: F823, F841
