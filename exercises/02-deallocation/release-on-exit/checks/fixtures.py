from submission import open_image


class EditCancelled(Exception):
    """Raised by an edit that fails half-way (a corrupt file, the user pressing Cancel)."""


def edit(history, name, width, height, fail=False):
    """Edits an image the way the editor does: in a `with` block, then keeps the image in
    `history`. Returns (the pixels the block worked on, the message of the exception that
    reached the editor, or None)."""
    pixels = None
    reached = None
    try:
        with open_image(name, width, height) as img:
            pixels = img.pixels
            img.brightness()
            if fail:
                raise EditCancelled(f"{name}: cancelled")
    except EditCancelled as error:
        reached = str(error)
    history.append(img)
    return pixels, reached
