"""A local SMTP server for the notification tests (aiosmtpd), run as its own process because the
project's ``public`` app shadows the ``public`` package aiosmtpd imports.

``python tests/smtp_sink.py PORT REFUSE FOLDER``: answers ``451`` to the first REFUSE messages, then
keeps each message in FOLDER as ``N.json`` (its recipients and content)."""

import json
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, refuse, folder):
        self.refuse, self.folder, self.count = refuse, Path(folder), 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 Try again later"
        self.count += 1
        message = {"to": envelope.rcpt_tos, "content": envelope.content.decode("utf-8", "replace")}
        (self.folder / f"{self.count}.json").write_text(json.dumps(message))
        return "250 OK"


if __name__ == "__main__":
    port, refuse, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    controller = Controller(Sink(refuse, folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()
