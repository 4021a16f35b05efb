"""Text helpers of the complaints service."""

import re

_HOUSE_NUMBER = re.compile(r"\d")


def public_area_from_address(address: str) -> str:
    """Suggest the street of an address for the public register, without the door.

    Only a part with a house number is taken for a street: "Τσιμισκή 45, 546 23"
    gives "Τσιμισκή", and so does "Γεώργιος Παπαδόπουλος, Τσιμισκή 45",
    while an address with no number gives nothing, since a bare name may be a
    person's. Staff review the suggestion when they publish the complaint.
    """
    for part in (address or "").split(","):
        if _HOUSE_NUMBER.search(part):
            words = [word for word in part.split() if not _HOUSE_NUMBER.search(word)]
            return " ".join(words).strip(" .-/&")[:120]
    return ""
