"""English names of the guide's life events and charters (procedures stay Greek data)."""

from guide.models import Charter, LifeEvent
from guide.seed_charters import CHARTERS
from guide.seed_data import LIFE_EVENTS
from portal.seeding import SeedContext


def seed(context: SeedContext) -> None:
    """Fill the English fields of the seeded life events and charters."""
    english = {
        slug: (name_en, description_en) for slug, _n, name_en, _d, description_en in LIFE_EVENTS
    }
    events = list(LifeEvent.objects.filter(slug__in=english))
    for event in events:
        event.name_en, event.description_en = english[event.slug]
    LifeEvent.objects.bulk_update(events, ["name_en", "description_en"])
    titles = {
        slug: (title_en, summary_en) for slug, _k, _t, title_en, _s, summary_en, _v in CHARTERS
    }
    charters = list(Charter.objects.filter(slug__in=titles))
    for charter in charters:
        charter.title_en, charter.summary_en = titles[charter.slug]
    Charter.objects.bulk_update(charters, ["title_en", "summary_en"])
    context.log(f"αγγλικά: {len(events)} γεγονότα ζωής, {len(charters)} κείμενα")
