"""analyse: what an analyst works with across the stored corpus.

cluster.py   reports of one real event in several documents -> one event (pure)
corpus.py    the cross-document event tables (tables.py) kept in step with the store: refresh, update, rebuild
events.py    corpus_events(db, filters): each real event once, with its sources; shared by every query below
resolve.py   what a user types for an actor (ISO3, id, name) -> the stored party key
timeline.py  dated events in date order     dyads.py   the dyadic relations index (plots.py draws it)
network.py   the actor network (GEXF with time spells, GraphML, JSON)
search.py    full-text search with context  entities.py an entity's profile
reprocess.py re-extract stored documents after the knowledge base or lexicons change
forecasts.py the forecast registry: judgments, resolutions, calibration
"""
