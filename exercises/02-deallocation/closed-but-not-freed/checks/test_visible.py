import submission
from leakless import freed_by_refcount


def test_a_closed_document_is_freed():
    def open_and_close():
        doc = submission.open_document("report.txt")
        submission.close_document(doc)
        return doc

    freed_by_refcount(
        open_and_close,
        msg="the closed document is still alive after the caller's `del`: something in the editor "
        "still refers to it. Which list did `open_document` put it in?",
    )


def test_open_documents_stay_listed():
    submission.open_documents.clear()
    a = submission.open_document("a.txt")
    b = submission.open_document("b.txt")
    c = submission.open_document("c.txt")
    submission.close_document(b)
    titles = [d.title for d in submission.open_documents]
    assert titles == ["a.txt", "c.txt"], (
        f"after closing b.txt the Window menu shows {titles}; expected ['a.txt', 'c.txt']"
    )
    assert a.closed is False and b.closed is True and c.closed is False
