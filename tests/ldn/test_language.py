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
        "xin chào, thuốc này có tác dụng phụ gì không?",
        "ano po ang side effects ng gamot na ito?",
        "czy ten lek pomaga na ból stawów?",
        "Czy LDN pomaga na Crohna? Biorę Pentasa od trzech lat.",
        "hvordan virker LDN, og har det bivirkninger?",
        "hur fungerar LDN och vad är biverkningarna?",
        "bu ilaç için yan etkileri nasil?",
        "mujhe ldn ke baare mein batao, kya dard kam hota hai?",
        "quanto custa a naltrexona em baixa dose?",
        "Hoi, ik heb al twee jaar long covid en mijn huisarts wil LDN proberen. Hoe werkt dat precies?",
        # English disease names among Polish words; its letters decide (2026-11-27, set 15, new words).
        "Mam long covid od roku, mgła mózgowa i zmęczenie. Czy LDN mi pomoże?",
        "Olá, alguém sabe se LDN ajuda na fibromialgia? Estou cansada o tempo todo e não aguento mais.",
        # Dutch with an English word for the form (2026-11-27, set 32, new words).
        "Innemen als capsule of vloeistof, wat is normaal voor LDN?",
        # A short Dutch question about safety (2026-11-27, set 37, new words).
        "Is LDN veilig om lang te nemen?",
        # Afrikaans (2026-11-27, set 41, new words).
        "Goeiemore, sal LDN help vir my rugpyn? Baie dankie",
        # A German label quoted, search-box German and French (2026-11-27, sets 46/48, new words).
        "Auf der Packung steht Naltrexon 1,5 mg. Wirkt das bei Hashimoto?",
        "naltrexon niedrig dosiert kosten pro monat",
        "naltrexone faible dose avis sclérose",
        # A Spanish question mark; a question in another language after an English sentence; Turkish
        # dotless i; Hindi in Latin letters (2026-11-27, set 56, new words).
        "hola, tomo LDN hace un mes, ¿puedo tomarla de noche?",
        "My mum started LDN in March. Pero bakit sobrang masakit pa rin ang tuhod niya?",
        "Bu ilacı kaç ay kullanmam gerekiyor?",
        "doctor ne bola LDN lene ke liye, kya ye theek hai aur kitna time lagta hai?",
        "I started it yesterday。晚上吃可以吗？",
        # Italian (2026-11-28, set 66, new words).
        "Prendo LDN ogni sera da due settimane, posso prenderlo liquido invece?",
        # Italian and German claims to check (2026-11-28, sets 78/79, new words).
        "Un'amica del gruppo ha detto che funziona per la fibromialgia, è vero?",
        "Hausarzt meint LDN sei nicht erforscht, gibt es Studien?",
        # Dutch (2026-11-28, set 83, new words).
        "Goedemiddag, is LDN als vloeibaar te krijgen? Alvast dank",
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
        "IS IT SAFE IN PREGNANCY, I'M IN IRELAND",  # no dotless i read into capitals
        "does ldn help sjögren's?",
        "I've been on it since 2019, is my co-pay normal?",
        "can i take it with ibuprofen or co-codamol",
        "does ldn help als",  # the disease, not the Dutch word
        # A Yoruba greeting in an English message (2026-11-27, set 41, new words).
        "Good afternoon sir, ẹ kú iṣẹ́. My aunty in Lagos wants to know what this LDN is and whether it is costly",
        "Morning ma, ẹ jọ̀ọ́ help me. What is this LDN my sister is taking and is it expensive?",
        # Caribbean English (2026-11-27, new words).
        "mi doctor seh LDN wi help wid dem pain, how it work",
        # Another language told around a plainly English question (2026-11-27, set 56, new words).
        "Mein Vater nimmt das seit Mai. what dose do people usually take?",
        "Embarazada de 10 semanas. what does the guide say about pregnancy?",
    ],
)
def test_english_even_when_misspelled(text):
    assert not is_not_english(text)
