"""Open311 GeoReport v2 over the complaints service (wiki.open311.org/GeoReport_v2).

Every endpoint answers in JSON and XML. Only published (moderated) complaints
are listed, with their public fields: the moderated summary, the street-level
area, coordinates rounded to about 100 m, staff-approved photos. `status_notes`
names the status; the text of replies to the citizen is never published here,
as on the public register (it may name them and is not moderated). A request
posted through the API, while not yet published, can be fetched by its id
alone with the fields that say nothing about its content or its author:
id, status, service, agency and dates (see `serializers.request_skeleton`).
"""
