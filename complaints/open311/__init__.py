"""Open311 GeoReport v2 over the complaints service (wiki.open311.org/GeoReport_v2).

Every endpoint answers in JSON and XML. Only published (moderated) complaints
are listed, with their public fields: the moderated summary, the street-level
area, coordinates rounded to about 100 m, staff-approved photos. `status_notes`
names the status; the text of replies to the citizen is never published here,
as on the public register (it may name them and is not moderated). An
unpublished request, posted through the API or not, answers 404 like an unknown
id: its category, department and dates would tell others that it exists.
"""
