import pytest

from pantucci_bib.model import Person
from pantucci_bib.names import parse_name, split_name_list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raffaello Pantucci", Person(family="Pantucci", given="Raffaello")),
        ("Brian G. Carlson", Person(family="Carlson", given="Brian G.")),
        ("Li Lifan", Person(family="Li", given="Lifan", family_first=True)),
        ("Zhang Yunling", Person(family="Zhang", given="Yunling", family_first=True)),
        ("Tao Xie", Person(family="Xie", given="Tao")),  # both tokens are surnames: keep order
        ("Qingzhen Chen", Person(family="Chen", given="Qingzhen")),
        ("Pantucci, Raffaello", Person(family="Pantucci", given="Raffaello")),
        ("Ludwig van Beethoven", Person(family="Beethoven", given="Ludwig", particle="van")),
        ("Martin Luther King Jr.", Person(family="King", given="Martin Luther", suffix="Jr.")),
        ("{CABAR.asia}", Person(literal="CABAR.asia")),
    ],
)
def test_parse_name(text, expected):
    assert parse_name(text) == expected


def test_family_first_can_be_forced_either_way():
    assert parse_name("Lifan Li", family_first=True) == Person(
        family="Lifan", given="Li", family_first=True
    )
    assert parse_name("Li Lifan", family_first=False) == Person(family="Lifan", given="Li")


def test_split_name_list():
    assert split_name_list("Raffaello Pantucci and Alexandros Petersen") == [
        "Raffaello Pantucci",
        "Alexandros Petersen",
    ]
    assert split_name_list("A B, C D, and E F") == ["A B", "C D", "E F"]
