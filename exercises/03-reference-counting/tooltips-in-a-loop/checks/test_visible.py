from fixtures import Record
from leakless import freed_by_refcount
from submission import make_tooltips


def test_each_tooltip_shows_its_own_record():
    tooltips = make_tooltips([Record("notes.txt", 120), Record("photo.png", 4_000), Record("todo.md", 7)])
    texts = [tooltip() for tooltip in tooltips]
    assert texts == ["notes.txt: 120 bytes", "photo.png: 4000 bytes", "todo.md: 7 bytes"], (
        "each tooltip should describe its own record; if they all show the last one, each lambda "
        "reads the loop variable `record` when it is called, after the loop has finished"
    )


def test_records_are_freed_while_the_tooltips_live():
    kept = []

    def open_folder():
        records = [Record(f"file{n}.bin", 10_000) for n in range(3)]
        kept.append(make_tooltips(records))
        return records

    freed_by_refcount(
        open_folder,
        msg=(
            "records are still alive although only their tooltips are kept: a tooltip that "
            "reads `record` when it runs keeps it (in a closure cell or a default argument), "
            "and with it the whole payload. Let each tooltip keep only its text."
        ),
    )
    assert kept[0][1]() == "file1.bin: 10000 bytes"
