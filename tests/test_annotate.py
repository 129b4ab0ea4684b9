from triangulate.annotate import drop_places_inside_actors
from triangulate.model import ActorMention, Place, PlaceMention


def _place(start, end, text, name):
    return PlaceMention(start, end, text, Place(name, 1.0, 2.0))


def test_toponym_inside_an_actors_own_name_is_not_a_place():
    text = "Hayat Tahrir al-Sham fighters"
    actors = [ActorMention(0, 20, "Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", 2, "ORG", True)]
    places = [_place(13, 20, "al-Sham", "Damascus")]
    assert drop_places_inside_actors(places, actors) == []
    assert text[13:20] == "al-Sham"


def test_news_agency_read_as_a_city_is_dropped_but_a_state_named_like_its_country_stays():
    actors = [ActorMention(0, 4, "SANA", "SANA", 8, "ORG", True),
              ActorMention(10, 16, "Turkey", "Turkey", 1, "GPE", True)]
    places = [_place(0, 4, "SANA", "Sanaa"), _place(10, 16, "Turkey", "Turkey")]
    assert [p.text for p in drop_places_inside_actors(places, actors)] == ["Turkey"]


def test_place_inside_a_description_of_an_actor_stays():
    actors = [ActorMention(0, 41, "A news outlet run by Lebanon's Hezbollah", "Al-Manar", 8, "ORG", True)]
    places = [_place(21, 28, "Lebanon", "Lebanon")]
    assert drop_places_inside_actors(places, actors) == places


def test_actors_outside_the_knowledge_base_do_not_hide_places():
    actors = [ActorMention(0, 6, "Aleppo", "Aleppo", None, "NORP", False)]
    places = [_place(0, 6, "Aleppo", "Aleppo")]
    assert drop_places_inside_actors(places, actors) == places
