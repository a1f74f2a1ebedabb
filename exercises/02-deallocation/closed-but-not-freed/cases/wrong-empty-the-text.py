# Tries: free the big part, the text, and keep the closed document listed. Wrong: the
# document object itself stays alive (and in the Window menu) for ever.
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
    doc.text = ""
