"""The quick schema check never passes data that jsonschema refuses, and passes what it accepts."""

import copy
import random
from pathlib import Path

import pytest

from plansite import load, validate
from plansite.problems import DataError
from plansite.schema_acceptor import UnsupportedSchema, compile_acceptor
from tests.error_cases import ERRORS, ROOT

REAL = ROOT / "data" / "measures.yaml"
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "curated.yaml"


def jsonschema_accepts(data) -> bool:
    return not any(True for _ in validate._validator().iter_errors(data))


def loaded_data(path: Path):
    return load.load(path, path.name).data


@pytest.mark.parametrize("path", [REAL, SAMPLE], ids=["real", "sample"])
def test_valid_plans_pass_both(path):
    data = loaded_data(path)
    assert validate._acceptor()(data) is True
    assert jsonschema_accepts(data)


def loadable_fixtures():
    for fixture in sorted(ERRORS.glob("*.yaml")):
        try:
            yield fixture.stem, loaded_data(fixture)
        except DataError:
            continue  # refused while reading: never reaches the schema


FIXTURES = list(loadable_fixtures())


@pytest.mark.parametrize("data", [data for _, data in FIXTURES], ids=[name for name, _ in FIXTURES])
def test_every_error_fixture_gets_the_same_answer(data):
    assert validate._acceptor()(data) == jsonschema_accepts(data)


def test_some_error_fixtures_break_the_schema_and_some_only_the_plan_rules():
    answers = {validate._acceptor()(data) for _, data in FIXTURES}
    assert answers == {True, False}


# Values of every JSON type, for replacing a value in the data at random. (Not a whole float such as
# 2.0: jsonschema counts it an integer and the quick check leaves it to jsonschema, tested below.)
REPLACEMENTS = [None, True, False, 0, -1, 1, 2024, 2.5, "", " ", "x", "m01", "2024-01-01", "长治市", "a" * 300,
                [], ["m01"], ["m01", "m01"], [1], {}, {"id": "x"}]


def paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, path + (index,))


def mutated(data, rng: random.Random):
    data = copy.deepcopy(data)
    path = rng.choice([p for p in paths(data) if p])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = rng.choice(["replace", "delete", "add-key", "duplicate"])
    if action == "replace":
        parent[last] = copy.deepcopy(rng.choice(REPLACEMENTS))
    elif action == "delete":
        del parent[last]
    elif action == "add-key" and isinstance(parent[last], dict):
        parent[last][rng.choice(["id", "note", "unknown_field", "year", "status"])] = rng.choice(REPLACEMENTS)
    elif action == "duplicate" and isinstance(parent[last], list) and parent[last]:
        parent[last].append(copy.deepcopy(parent[last][0]))
    return data


def test_random_damage_to_the_sample_gets_the_same_answer_from_both():
    data = loaded_data(SAMPLE)
    rng = random.Random(7)
    answers = {True: 0, False: 0}
    for _ in range(1500):
        damaged = mutated(data, rng)
        expected = jsonschema_accepts(damaged)
        assert validate._acceptor()(damaged) == expected, damaged
        answers[expected] += 1
    assert min(answers.values()) > 100  # the damage produced both valid and invalid data


@pytest.mark.parametrize("schema", [{"format": "date"}, {"items": {"oneOf": []}}, {"$ref": "#/$defs/id"}])
def test_a_keyword_without_a_quick_check_stops_compilation(schema):
    with pytest.raises(UnsupportedSchema):
        compile_acceptor(schema)


@pytest.mark.parametrize("value", [1.0, True, ["a", 1, 1]])
def test_values_where_python_and_json_equality_differ_are_left_to_jsonschema(value):
    schema = {"type": "integer"} if not isinstance(value, list) else {"uniqueItems": True}
    assert compile_acceptor(schema)(value) is False
