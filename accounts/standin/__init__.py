"""A local stand-in for GSIS' OAuth 2.0 service, for `make run` and the tests only.

It speaks the protocol the portal's client speaks to GSIS (accounts.gsis): an
authorisation page (here: a list of demo taxpayers to choose from, and a
refusal), a token endpoint answering in JSON and a userinfo endpoint answering
in XML. portal/urls.py mounts it at /gsis-standin/ only when settings.GSIS_STANDIN
is on; production settings refuse that setting and `check --deploy` fails on it.

Codes and tokens are signed (django.core.signing) rather than stored, so the
stand-in keeps nothing and works across gunicorn workers; a code lives a minute.
"""
