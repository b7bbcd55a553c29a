"""What the Quick start prints: where Klantbeeld runs and how to get in."""

from __future__ import annotations

from typing import Protocol


class Writer(Protocol):
    def write(self, text: str) -> object: ...


def print_demo_banner(host: str, port: int, out: Writer) -> None:
    shown = "localhost" if host in {"0.0.0.0", "127.0.0.1", "::"} else host
    base = f"http://{shown}:{port}"
    out.write(
        "\n".join(
            [
                "",
                "Klantbeeld demo",
                f"  Klantinteracties API  {base}/klantinteracties/api/v1/",
                f"  Contactgegevens API   {base}/contactgegevens/api/v1/",
                f"  API documentation     {base}/klantinteracties/api/v1/schema/docs",
                f"  Admin                 {base}/admin/",
                "",
            ]
        )
        + "\n"
    )
