"""The loader: positions of every value, and the YAML features it refuses."""

from __future__ import annotations

import pytest

from scripts.pipeline.load import MAX_FILE_BYTES, load_text


def codes(raw: bytes) -> list[tuple[int, int, str]]:
    loaded, problems = load_text(raw, "f.yml")
    assert (loaded is None) == bool(problems)
    return [(problem.line, problem.column, problem.code) for problem in problems]


def test_positions_of_values_and_keys():
    loaded, problems = load_text(b"titre: Ticket\nthemes:\n  - a\n  - b\nperiode:\n  debut: 2017\n", "f.yml")
    assert problems == []
    assert loaded.data == {"titre": "Ticket", "themes": ["a", "b"], "periode": {"debut": 2017}}
    assert loaded.position(("themes", 1)) == (4, 5)
    assert loaded.position(("periode", "debut")) == (6, 10)
    assert loaded.key_position(("periode",)) == (5, 1)
    assert loaded.position(("periode", "fin")) == (6, 3), "a missing value points at its parent"


def test_dates_and_leading_zero_codes_stay_text():
    loaded, _ = load_text(b"mise_a_jour: 2026-11-22\ndocument: 003\nnombre: 12\nvide:\n", "f.yml")
    assert loaded.data == {"mise_a_jour": "2026-11-22", "document": "003", "nombre": 12, "vide": None}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb: 2\na: 3\n", [(3, 1, "LEC004")]),
        (b"a:\n  x: 1\n  x: 2\nb: 1\nb: 2\n", [(3, 3, "LEC004"), (5, 1, "LEC004")]),
        (b"", [(1, 1, "LEC002")]),
        (b"# seulement un commentaire\n", [(1, 1, "LEC002")]),
        (b"a: &ancre 1\nb: *ancre\n", [(2, 1, "LEC005")]),
        (b"a: !!python/object/apply:os.system [ls]\n", [(1, 4, "LEC006")]),
        (b"a: !perso x\n", [(1, 4, "LEC006")]),
        (b"- a\n- b\n", [(1, 1, "LEC008")]),
        (b"a: [1, 2\n", [(2, 1, "LEC003")]),
        (b"a: b: c\n", [(1, 5, "LEC003")]),
        (b"titre: caf\xe9\n", [(1, 11, "LEC001")]),
        (b"a: 1\n\xff\n", [(2, 1, "LEC001")]),
    ],
    ids=["cle-double", "cles-doubles-imbriquees", "vide", "commentaire", "alias", "etiquette-python",
         "etiquette-locale", "liste-au-sommet", "crochet-ouvert", "deux-points", "latin-1", "octet-invalide"],
)
def test_refused_input(raw, expected):
    assert codes(raw) == expected


def test_numbers_that_are_not_meant_as_numbers_stay_text():
    loaded, problems = load_text(b"lignes: 10:20\ndepuis: " + b"9" * 5000 + b"\nnombre: 1_000\n", "f.yml")
    assert problems == []
    assert loaded.data == {"lignes": "10:20", "depuis": "9" * 5000, "nombre": 1000}


def test_control_characters_are_located():
    assert codes(b"a: 1\nb: x\x07y\n") == [(2, 5, "LEC003")]
    assert codes(b"a: 1\nb: x\x00y\n") == [(2, 5, "LEC003")]


def test_billion_laughs_is_refused_at_once_one_problem_per_line():
    lines = [b'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [".encode() + b", ".join([f"*a{n - 1}".encode()] * 9) + b"]" for n in range(1, 10)]
    assert codes(b"\n".join(lines)) == [(line, 5, "LEC005") for line in range(2, 11)]


def test_byte_order_mark_and_windows_line_endings_are_accepted():
    loaded, problems = load_text(b"\xef\xbb\xbftitre: A\r\nresume: B\r\n", "f.yml")
    assert problems == []
    assert loaded.data == {"titre": "A", "resume": "B"}
    assert loaded.position(("resume",)) == (2, 9)


def test_deep_nesting_is_refused_without_a_traceback():
    assert codes(b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n") == [(1, 1, "LEC010")]
    assert codes(b"a: " + b"[" * 20 + b"]" * 20 + b"\n") == [(1, 16, "LEC010")]


def test_oversized_file_is_refused_before_parsing():
    assert codes(b"a: " + b"x" * MAX_FILE_BYTES) == [(1, 1, "LEC007")]


def test_messages_are_french_and_name_the_file():
    _, problems = load_text(b"a: 1\na: 2\n", "practices/x.yml")
    assert problems[0].format() == (
        "practices/x.yml:2:1 : LEC004 clé « a » en double (déjà définie ligne 1). Gardez-en une seule."
    )
