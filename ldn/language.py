"""Is a message English? A small, explainable heuristic, no model download.

Patients misspell a lot ("wat dose shud i take"), so unknown words alone do not
make a message foreign. A message is treated as not English when it is written
in a non-Latin script, or when it is dominated by common words of other
languages that are not English words.
"""

import functools
import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[a-zA-Z\u00C0-\u024F]")

# Frequent function words of the languages patients here most often write in
# (Spanish, Portuguese, French, German, Italian, Dutch; then Tagalog, Polish, Turkish,
# Vietnamese, Hindi/Urdu written in Latin letters, Norwegian, Danish and Swedish, and Afrikaans), minus ones that
# are also English.
FOREIGN_WORDS = set(
    """
    que qué de del la las los el es por para puede puedo tengo tiene una uno con como cómo mi mis
    se lo le les su sus estoy está esta este esto son hay muy pero porque cuál cuáles cuánto
    tomar efectos secundarios ayuda ayudar hola gracias buenos buenas dias días sí
    não você é com uma um meu minha posso tomar quais são efeitos colaterais obrigado obrigada olá
    oi gente alguém sabe estou exausta exausto tempo todo desde mais fazer ajuda também muito
    bom dia isso ele ela tem pode ajudar remédio custa em baixa cobre naltrexona dosis
    les est je vous pour avec une des du ce mon ma mes quels quelles sont est-ce bonjour merci
    peut aider prendre effets secondaires oui très qui dans pas faible avis fibromyalgie
    ich ist und nicht das der die mit ein eine wie kann mein meine habe nebenwirkungen hallo danke
    bitte nehmen hilft helfen welche sind auch oder für auf steht etikett bei zu wirkt nimmt niedrig dosiert kosten
    il che sono per non mi posso prendere prende effetti collaterali ciao grazie aiutare si basso dosaggio quali quanto quando perché
    ik het een niet kan mijn hoe zijn deze welke bijwerkingen helpt bij nemen hallo bedankt alstublieft
    hoi heb hebben twee jaar en huisarts wil proberen werkt precies ook maar waarom mag moet zwanger dokter pijn gebruiken
    innemen vloeistof slikken tabletten wordt gebruik bijwerking voor
    veilig om te tijd langere langer lang nog wel geen kunnen zou ervaring
    ang ng mga sa ako ko mo po ba ano paano kung hindi gamot salamat kumusta siya niya ito iyan lang din
    czy jest nie się jak mam mój moja lek leki pomaga ból skutki uboczne dzień dobry dziękuję jestem
    może pomóc niska są jakieś badania mi też ale bardzo
    biorę biore od lat trzech dwóch dwoch lekarz mogę moge brać brac dawka dawkę tabletki
    bir ve bu ne nasil için ilaç yan etkileri merhaba teşekkür ederim
    không có của là và được cho với này những tôi bạn thuốc dụng phụ gì bao nhiêu chào
    kya hai hain mujhe mera meri nahi nahin kaise ke ki ko se aur dawai dard kyun bhi kar raha rahi
    jeg har hatt og hvordan hva egentlig ikke kan jag hur vad inte och mitt min hvad hvorfor hvilke hjelpe hjælpe hjälpa
    mig meg deg dig virker fungerar bivirkninger biverkningar är
    ek sal lae baie dankie nie vir pyn naltreksoon hoeveel newe effekte asseblief goeiemore
    llevo semana semanas sueño sueños cosas tomo tomando médico médica hace meses años también todavía
    ahora después cuando donde dónde bien mucho poco nada algo alguien quiero necesito debo pastilla
    pastillas embarazada hija hijo mamá papá esposo esposa
    qual médico falou mas achei pouquinho tô tá dor tomo faz quanto pra né só ainda depois então
    onde vezes dias meses anos filha filho mãe pai
    zaparcia kiedy normalne co bo że tak już jeszcze teraz mnie tylko trzeba lekarka dawki dni boli
    proszę pytanie
    magkano talaga sakop naman kasi yung iyong nga pwede puwede gusto wala meron mayroon akin nila natin
    namin kami kayo sila bakit kailan saan sana rin opo oo dahil kaya tapos pero sobra masakit sakit
    araw gabi doktor
    yaar shuru kiye hue isse jaisa hona hota hoti gaya gayi liya lena lene abhi kuch bahut thoda aaj toh
    lekin agar sakta sakti sakte chahiye kitna kitni kitne matlab theek thik accha acha haan hoga hogi
    woh yeh unka unki uska uski humko aap apna apni ilaaj mujhko kyunki kaisa kaisi wala wali wale pehle
    baad dawa
    nasıl etkiliyor ilacı mı mu var yok çok ama doktorum günde kaç neden zaman şey ben benim bana annem
    babam oğlum kızım
    ci vuole prima faccia effetto ho ha sempre può malattia madre padre figlio figlia medico dolore
    prendo prenderlo prenderla settimane settimana invece liquido giorni mesi anni
    existe vraies études juste ou fils ans douleurs chroniques mère père
    hilft gegen müdigkeit ungefähr monat
    meint sei überhaupt erforscht gibt dazu studien hausarzt hausärztin
    qualcuno nel gruppo detto funziona vero ennesima bufala è
    goedemorgen goedemiddag neem je vloeibaar alvast dank krijgen
    er wetenschappelijk bewijs dat werkt
    düşük doz iyi geliyor ile birlikte kullanılabilir
    działa
    apakah aman diminum jangka panjang saya sudah minum bulan adakah selamat untuk diambil setiap hari
    ibu ada sakit yang teruk
    """.split()
)
# (Added 2026-11-27 from patients_dev56, whose code-switched questions were answered in English.)
# Short English words that other languages share; never counted as foreign.
FOREIGN_WORDS -= {"a", "i", "me", "no", "so", "on", "in", "die", "pass", "come", "per", "est", "ve", "co", "bin"}
# Letters only Vietnamese uses (horn and hook vowels, stacked tone marks, đ); and letters of Polish,
# Czech, Turkish, Hungarian and Portuguese that no English loanword or name patients write here has
# ("Dzień dobry... long covid", patients_dev15, 2026-11-27).
_VIETNAMESE = re.compile("[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
# (Case listed, not ignored: the dotless i of Turkish would match i and I case-insensitively.)
_OTHER_LATIN = re.compile("[ąęłńśźżćřěůťďňğşőűãõıĄĘŁŃŚŹŻĆŘĚŮŤĎŇĞŞŐŰÃÕİ]")
# Spanish opens a question or an exclamation upside down.
_SPANISH_MARKS = re.compile("[¿¡]")
# A question of this many words or more is judged on its own too: "Doc said LDN for my long covid.
# Pero magkano ba talaga ito?" asks in Tagalog (patients_dev56, 2026-11-27).
QUESTION_MIN_WORDS = 4
_QUESTION = re.compile(r"[^.!?:\n。？]*[?？]")


@functools.lru_cache(maxsize=1)
def english_words() -> set[str]:
    """Word forms from the English lemma lookup table of spacy-lookups-data."""
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    # Keys are stored as hashes; the values are the English base forms.
    return {str(lemma).lower() for lemma in table.values()}


def is_not_english(text: str) -> bool:
    """The message is in another language, or asks its question in one."""
    if _SPANISH_MARKS.search(text):
        return True
    questions = [q for q in _QUESTION.findall(text) if _long_enough(q) and q.strip() != text.strip()]
    if _is_foreign(text):
        # ...unless a question in it is plainly English: "Meine Freundin nimmt das auch. what diseases do
        # people use LDN for?" (patients_dev56, 2026-11-27).
        return not any(_is_plainly_english(q) for q in questions)
    # A question in another language after English ones, by a stricter share: "Embarazada de 8 semanas,
    # what do we know about LDN in pregnancy?" asks in English (patients_dev56, 2026-11-27).
    return any(_is_foreign(q, min_foreign=2, share=0.4) for q in questions)


def _long_enough(question: str) -> bool:
    """Four words, or four letters of a script without spaces between words ("晚上吃可以吗？")."""
    return len(_WORD.findall(question)) >= QUESTION_MIN_WORDS or (
        sum(ch.isalpha() and not _LATIN.match(ch) for ch in question) >= QUESTION_MIN_WORDS
    )


# Words that make a question English ("In capsule o liquido?" has only "in").
ENGLISH_QUESTION_WORDS = set(
    "what how does do did is are can could should will would which why when who the about for people it my you".split()
)


def _is_plainly_english(text: str) -> bool:
    """No word of another language, and two of the words English questions are made of."""
    words = [word.lower() for word in _WORD.findall(text)]
    return not _is_foreign(text) and not _foreign(words) and sum(w in ENGLISH_QUESTION_WORDS for w in words) >= 2


def _foreign(words: list[str]) -> list[str]:
    """The words common in another language that are not English words too."""
    return [w for w in words if w in FOREIGN_WORDS and w not in english_words()]


def _is_foreign(text: str, min_foreign: int = 1, share: float = 0.3) -> bool:
    letters = _LATIN.findall(text)
    all_letters = [ch for ch in text if ch.isalpha()]
    if all_letters and len(letters) < 0.5 * len(all_letters):
        return True  # mostly Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari, ...
    words = [word.lower() for word in _WORD.findall(text)]
    if not words:
        return False
    # Such letters in two words of a longer English message are a greeting or a name ("Good morning
    # doctor, ẹ jọ̀ọ́ I need your help...", Yoruba, patients_dev41, 2026-11-27): three words, or two that
    # are a share of the message, count.
    # Words as written between spaces: a combining accent would split "jọ̀ọ́" into three.
    marked = [w for w in text.split() if _VIETNAMESE.search(w) or _OTHER_LATIN.search(w)]
    if len(marked) >= 3 or (len(marked) == 2 and len(marked) >= 0.15 * len(words)):
        return True
    return len(_foreign(words)) >= max(min_foreign, round(share * len(words)))
