"""Where complaints may be: the municipality's map area."""

from decimal import Decimal

# The municipality's map area: a pin outside it is refused (web form and Open311).
LATITUDE_RANGE = (Decimal("40.55"), Decimal("40.70"))
LONGITUDE_RANGE = (Decimal("22.85"), Decimal("23.05"))


def within_map_bounds(latitude: Decimal, longitude: Decimal) -> bool:
    """Tell whether a point lies inside the municipality's map area."""
    return (
        LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]
        and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
    )
