"""The back office: shifts and the cash drawer, reports, menu, floor layout, staff,
settings, backups and the service steps — touch panels hosted by ``BackOfficeScreen``."""
