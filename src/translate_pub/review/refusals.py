"""A refused request whose words are a message: the HTTP status and the `Message` the app's
error page (or JSON error) renders in the reader's language."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from translate_pub.messages import Message


class Refused(HTTPException):
    """`raise Refused(404, msgids.NO_DOCUMENT())`: the detail is the message's English."""

    def __init__(self, status_code: int, said: Message) -> None:
        self.said = said
        super().__init__(status_code, str(said))
