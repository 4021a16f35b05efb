"""Text helpers of the complaints service."""

import re

_HOUSE_NUMBER = re.compile(r"\d")


def public_area_from_address(address: str) -> str:
    """Keep the street name of an address and drop the house number and the rest.

    "Τσιμισκή 45, 546 23 Θεσσαλονίκη" becomes "Τσιμισκή": the register may say
    which street, never which door.
    """
    first_part = (address or "").split(",", 1)[0]
    words = [word for word in first_part.split() if not _HOUSE_NUMBER.search(word)]
    return " ".join(words).strip(" .-/&")[:120]
