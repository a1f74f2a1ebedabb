import submission
from leakless import freed_by_refcount


def test_closing_twice_does_not_raise():
    submission.open_documents.clear()
    doc = submission.open_document("twice.txt")
    submission.close_document(doc)
    submission.close_document(doc)
    assert doc.closed and doc not in submission.open_documents


def test_a_document_closed_among_others_is_freed_and_others_live():
    submission.open_documents.clear()
    keep = [submission.open_document(f"keep-{i}.txt") for i in range(3)]

    def open_between_and_close():
        doc = submission.open_document("middle.txt")
        submission.close_document(doc)
        return doc

    freed_by_refcount(open_between_and_close, msg="a document closed while others are open was not freed")
    assert submission.open_documents == keep, "closing one document changed the list of the other open documents"


def test_many_documents_opened_and_closed_leave_nothing_behind():
    submission.open_documents.clear()

    def open_many_close_all():
        docs = [submission.open_document(f"{i}.txt") for i in range(50)]
        for d in reversed(docs):
            submission.close_document(d)
        return docs

    freed_by_refcount(open_many_close_all, msg="after closing 50 documents some are still alive")
    assert submission.open_documents == []
