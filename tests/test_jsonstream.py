"""The streaming JSON writer writes exactly what fcheck.safe.dumps_json (json.dump with
indent=2, terminal controls escaped) would."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from fcheck.collection import load_collection
from fcheck.reporters.claims import list_json
from fcheck.reporters.jsonstream import dumps, write_array
from fcheck.reporters.report import report_data, report_json
from fcheck.safe import dumps_json

from .conftest import REPO, VALID

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_dumps_equals_json(value: object) -> None:
    assert dumps(value) == dumps_json(value)


@given(st.lists(values, max_size=5))
def test_write_array_equals_json(items: list[object]) -> None:
    stream = io.StringIO()
    write_array(items, stream)
    assert stream.getvalue() == dumps_json(items)


def test_list_and_report_json_unchanged() -> None:
    for root in (VALID, REPO / "claims"):
        collection = load_collection(root)
        stream = io.StringIO()
        list_json(collection.claims, stream)
        expected = dumps_json([c.to_dict() for c in collection.claims])
        assert stream.getvalue() == expected + "\n"
        stream = io.StringIO()
        report_json(collection.claims, stream, collection.config)
        data = report_data(collection.claims, collection.config)
        assert stream.getvalue() == dumps_json(data) + "\n"
    stream = io.StringIO()
    report_json([], stream)
    assert json.loads(stream.getvalue())["claims"] == []
