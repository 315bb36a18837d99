"""The shape of the cluster's query (no server needed): the alternatives a concept needs are one
``terms`` clause plus a ``match_phrase`` per phrase, not one ``term`` clause each (the same
documents; the test server reads the text field once per clause, so the relevance test's 157
searches took a second each)."""

from search.engines.elasticsearch import concept_matched, prominently
from search.query import MATCHED, Alternative, Concept


def concept(*alternatives):
    return Concept(word=alternatives[0][0], alternatives=[Alternative(t, "literal", w) for t, w in alternatives])


def test_a_concept_is_one_terms_clause_and_its_phrases():
    c = concept(("家访", 1.0), ("云家访", MATCHED), ("家校 沟通", MATCHED), ("走访", MATCHED / 2))
    assert concept_matched(c).to_dict() == {
        "bool": {
            "should": [{"terms": {"text": ["家访", "云家访"]}}, {"match_phrase": {"text": "家校 沟通"}}],
            "minimum_should_match": 1,
        }
    }


def test_prominence_is_one_terms_clause_and_one_conjunction_per_phrase():
    c, other = concept(("家访", 1.0)), concept(("班委", 1.0))
    prominence = [(c, ["§家访"]), (c, ["§家校", "§沟通"]), (c, ["§云家访"]), (other, ["§班委"])]
    assert prominently(c, prominence).to_dict() == {
        "bool": {
            "should": [
                {"terms": {"text": ["§家访", "§云家访"]}},
                {"bool": {"filter": [{"term": {"text": "§家校"}}, {"term": {"text": "§沟通"}}]}},
            ],
            "minimum_should_match": 1,
        }
    }
