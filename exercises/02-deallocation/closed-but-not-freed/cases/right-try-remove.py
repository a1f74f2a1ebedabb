# Removes the document and treats "not in the list" (already closed) as nothing to do.
# Right.
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
    try:
        open_documents.remove(doc)
    except ValueError:
        pass  # closed before: nothing left to remove
