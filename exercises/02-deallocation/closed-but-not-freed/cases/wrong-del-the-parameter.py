# Tries: `del doc` inside close_document. Wrong: that deletes the function's own name
# for the document; the list still holds it, so nothing is freed.
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
    del doc
