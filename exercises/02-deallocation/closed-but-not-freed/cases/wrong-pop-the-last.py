# Tries: pop() from the list. Wrong: pop() removes the last document opened, which need
# not be the one being closed.
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
    if open_documents:
        open_documents.pop()
