import pytest

from ldn.language import is_not_english

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text",
    [
        "¿Cuáles son los efectos secundarios?",
        "Quels sont les effets secondaires du LDN ?",
        "Kann LDN bei MS helfen?",
        "Helpt LDN bij pijn?",
        "Quali sono gli effetti collaterali?",
        "Posso tomar LDN na gravidez?",
        "Какие побочные эффекты?",
        "低剂量纳曲酮有副作用吗",
    ],
)
def test_other_languages(text):
    assert is_not_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "wat dose shud i take",
        "side affects of naltrexon?",
        "can ldn help my fibro",
        "ok thx",
        "MS?",
        "",
        "can a van driver take ldn",
        "wat r the perks",
    ],
)
def test_english_even_when_misspelled(text):
    assert not is_not_english(text)
