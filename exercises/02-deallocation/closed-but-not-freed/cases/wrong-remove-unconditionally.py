# Tries: remove the document from the list. Wrong: closing a document a second time
# raises ValueError, since it is no longer in the list.
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
    open_documents.remove(doc)
