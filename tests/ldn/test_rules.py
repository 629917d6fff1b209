"""The reviewed rules (ldn/rules.yml): emergencies, question types, cautions."""

import pytest

from ldn.rules import (
    caution_cues,
    cautions,
    emergency_kinds,
    follows_up_the_first,
    is_blocked_by_ldn,
    is_context_only,
    is_harmless,
    is_set_aside,
    medicine_is_the_question,
    other_medicines,
    question_types,
    question_types_asked,
)
from ldn.sentences import question_sentences
from tests.training_data import training_examples

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text, kind",
    [
        ("I overdosed on my ldn", "poisoning"),
        ("took 12 capsules by accident", "poisoning"),
        ("my son ate some of my pills", "poisoning"),
        ("I took my dose twice", "poisoning"),
        ("I took two by mistake", "poisoning"),
        ("pretty sure i doubled up on my dose this morning", "poisoning"),
        ("my little one opened the bottle and I think swallowed a capsule", "poisoning"),
        ("my dog ate my LDN", "pet"),
        ("the cat chewed through a capsule that fell on the floor", "pet"),
        ("I can't breathe", "allergy"),
        ("my lips are swelling up", "allergy"),
        ("covered in hives", "allergy"),
        ("her breathing sounds really shallow and strange", "allergy"),
        ("chest pain since this morning", "heart"),
        ("my chest feels tight and heavy", "heart"),
        ("my heart is racing", "heart"),
        ("I passed out after my dose", "heart"),
        ("he had a seizure on the couch", "heart"),
        ("my husband collapsed and isn't responding", "heart"),
        ("her words are slurred and her face droops on one side", "heart"),
        ("I keep thinking about killing myself", "crisis"),
        ("I don't want to live anymore", "crisis"),
        ("i feel like such a burden on my family", "crisis"),
        ("i just want to go to sleep and not wake up", "crisis"),
        ("thinking about ending it, honestly", "crisis"),
        ("the easy way out looks better every day", "crisis"),
        ("my brother says he wants to end it all", "crisis"),
        ("wanted to say my goodbyes to everyone, thanks for the help", "crisis"),
        ("my sister has been hurting herself again", "crisis"),
        ("i've got my meds stockpiled in case it gets worse", "crisis"),
        # Indirect and third-person wording (ldn/rules.yml, 2026-11-26).
        ("been putting my affairs in order this week", "crisis"),
        ("how many of my sleeping tablets would it take to not wake up", "crisis"),
        ("my sister says we would all cope fine without her", "crisis"),
        ("cancel my refill, i won't be around much longer", "crisis"),
        ("my son left a letter for us to find and won't open his door", "crisis"),
        ("our terrier swallowed a strip of my tablets", "pet"),
        ("my toddler got into the handbag and ate some of grandma's pills", "poisoning"),
        ("dad took extra warfarin because he forgot he had taken it", "poisoning"),
        ("my tongue is ballooning and my voice is going hoarse", "allergy"),
        ("there's a heavy band across my chest and it goes down my left arm", "heart"),
        ("mum's words are all jumbled and her right arm went weak", "heart"),
        ("she doesn't know who I am all of a sudden", "heart"),
        # Warning signs in patient wording (ldn/rules.yml, 2026-11-26 second set).
        ("been saying my goodbyes to the people at work, quietly", "crisis"),
        ("my uncle says there's no point anymore and he won't eat", "crisis"),
        ("she's been giving away her treasured books to the neighbours", "crisis"),
        ("my grandad told the nurse he's ready to go", "crisis"),
        ("he gave his cat away to a friend this week", "crisis"),
        # A farewell message, then silence; misspelled emergencies (2026-11-26, set 5).
        ("she texted 'thank you for everything, i love you, goodbye' and now she isnt answering", "crisis"),
        ("tonight im going to make the pain stop for good. im done", "crisis"),
        ("my hubby colapsed n is turning grey", "heart"),
        ("hes not breathin rite", "allergy"),
        # Told by a parent or friend, or with an adverb between (2026-11-26, set 6).
        ("my niece says she wishes she could just vanish, and there are cuts on her wrists", "crisis"),
        ("honestly i dont really see myself being around much longer", "crisis"),
        ("he keeps saying we'd all be better off without him", "crisis"),
        ("she said she's tired of being a burden on us", "crisis"),
        ("the family would have more money if he wasnt around", "crisis"),
        ("grandad says he'll take all of his oxycodone at once", "crisis"),
        ("ive been saving up my codeine in a shoebox", "crisis"),
        ("i drank most of the gin so i dont have to wake up", "crisis"),
        ("she has been giving away her things to her cousins", "crisis"),
        ("i've taken all my tramadol", "poisoning"),
        ("he swallowed a handful of his diazepam an hour ago", "poisoning"),
        ("she tipped out the pill organiser and swallowed the lot", "poisoning"),
        ("my 3 year old was sucking on the ldn syringe", "poisoning"),
        ("my chest has gone so very tight", "heart"),
        ("my hart is pounding and chest pian", "heart"),
        ("he's really drowsy and I can't keep him awake", "heart"),
        # A farewell named as a message (2026-11-26, sets 10 and 11).
        ("consider this my farewell message, you were all kind", "crisis"),
        ("she sent a goodbye text to her sister last night", "crisis"),
        # Wills, last posts, stashes, a car into a river; a whole pack, a number of someone's pills,
        # empty packs beside someone drowsy; a swelling tongue misspelled; a weight on the chest
        # (2026-11-26, sets 7 to 11, in new words).
        ("finished writing my will and my funeral wishes yesterday, feels like the right time", "crisis"),
        ("not sure he'll be here much longer, he keeps saying so", "crisis"),
        ("this will be my final post, thanks everyone", "crisis"),
        ("she has a stash of tramadol in her drawer and keeps talking about it", "crisis"),
        ("some nights i think about swerving into a tree on the way home", "crisis"),
        ("my son says he is going to take every pill in the house", "crisis"),
        ("hoping i just don't wake up, every single night", "crisis"),
        ("he gave all his stuff away to his mates this week", "crisis"),
        ("she swallowed a whole strip of her sleeping tablets", "poisoning"),
        ("took around 15 of my mum's painkillers", "poisoning"),
        ("found him drowsy with empty blister packs next to the bed", "poisoning"),
        ("my 3 year old got the lids off my pill box", "poisoning"),
        ("my tung is swelling and itchy after the dose", "allergy"),
        ("his lips are turning blue", "allergy"),
        ("my chest feels like an elephant is on it", "heart"),
        ("grandma crumpled in the hallway", "heart"),
        # A method worked out and told calmly; a car into a river "in my car" (2026-11-27, sets 12/13, new words).
        ("my brother says he has worked out how he'd end it", "crisis"),
        ("i keep picturing driving my van off the bridge on the way to work", "crisis"),
        # "Done with it all", shut in with the medicines, how much it would take (2026-11-27, set 15, new words).
        ("he told me he's done with it all and he's not picking up", "crisis"),
        ("my sister locked herself in her room with all her pills", "crisis"),
        ("how much naltrexone would it take to not wake up", "crisis"),
        # A plan that ends with the writer gone (2026-11-27, set 18, new words).
        ("what does a month of it cost? not planning on being here much longer so", "crisis"),
        # Looking up how many pills "it would take", said no further (2026-11-27, set 19, new words).
        ("the pain won't quit. been googling how many tablets it would take. anyway, is ldn pricey", "crisis"),
        # Better off not waking up, inside a story (2026-11-27, the ninth session's smoke run, new words).
        ("rough month. tbh she'd be better off never waking up, she says. what's the usual dose", "crisis"),
        ("it would be easier for everyone if i didn't wake up tomorrow", "crisis"),
        # Without the article, as a second language writes it (2026-11-27, set 26, new words).
        ("all of them are better without me honestly", "crisis"),
        ("i am only burden for my children now", "crisis"),
        # How much it would take to end it (2026-11-27, set 30, new words).
        ("how many capsules would it take to end it all", "crisis"),
        # Thoughts of ending it; "so this is goodbye" (2026-11-27, sets 33/34, new words).
        ("lately my dad has had thoughts about ending things", "crisis"),
        ("ok so this is goodbye then, you all tried", "crisis"),
        # Catching a breath, lips turned bluish (2026-11-27, set 26, new words).
        ("she has had real trouble catching her breath since lunch", "allergy"),
        ("his fingers seem to have turned a greyish blue colour", "allergy"),
        # Medicines saved up until there are enough (2026-11-27, set 35, new words).
        ("he has been stashing his gabapentin and sleeping pills and says he has enough now", "crisis"),
        # Crises the sentence model alone had read (2026-11-27, sets 15/22/23/31, new words).
        ("been counting how many of her tablets it would take", "crisis"),
        ("honestly it would be simpler if i could just disappear", "crisis"),
        ("saturday is the day i end it", "crisis"),
        ("i want to fall asleep and just never wake up", "crisis"),
        # A decision told as "time to"; an overdose told with "a day ago"; a denial that is no denial
        # (2026-11-27, sets 39/40, new words).
        ("my brother says he has decided it is time to end it all", "crisis"),
        ("i took 8 tablets a day ago instead of my one", "poisoning"),
        ("my toddler swallowed two capsules? she hasn't been sick yet", "poisoning"),
        ("i took ten of my capsules by mistake, what do i do? ldn was meant to help and it hasn't.", "poisoning"),
        # Reading up on how to end it, letters for the kids, a farewell text in French (2026-11-27, set 41, new words).
        ("my brother says he's been looking into how to end things", "crisis"),
        ("she has written notes for the children and won't say why", "crisis"),
        ("my dad texted us 'adieu mes amours' last night and now his phone is off", "crisis"),
        # Observations care staff write down; life insurance worth more than oneself (2026-11-27, sets 43/44, new words).
        ("pt sats 86% on room air and breathless, on ldn 1.5mg", "general"),
        ("RR 34 and she can't finish her sentences", "general"),
        ("news2 score of 8 this morning, gp called", "general"),
        ("resident seizing for 3 minutes now", "general"),
        ("he says the kids would be better off with his insurance payout", "crisis"),
        # A toddler's age in texting shorthand; pills taken on purpose (2026-11-27, set 48, new words).
        ("our 3yo got into nanas naltrexone tablets", "poisoning"),
        ("he swallowed a handful of his tramadol deliberately", "poisoning"),
        # Plans not to wake up, not to be around (2026-11-27, sets 43/49, new words).
        ("honestly i'm not planning on waking up after tonight", "crisis"),
        ("tell my sister i love her, i won't be around to see the new year", "crisis"),
        # A note for the family to find, goodbyes all week, a ring given away, a farewell text and
        # no answer, "done, no point", a number of them taken; sliding off a seat and not
        # answering (2026-11-27, sets 53/54, new words).
        ("he left a letter on the kitchen table where his wife would find it", "crisis"),
        ("my son has stopped seeing the point in anything lately", "crisis"),
        ("im so done, honestly no point", "crisis"),
        ("my brother messaged 'thanks for everything, please feed the dog' and his phone is off", "crisis"),
        ("she's been saying goodbye to friends all week", "crisis"),
        ("my sister handed her engagement ring to mum yesterday", "crisis"),
        ("i've swallowed about 30 of those, what happens now", "poisoning"),
        ("dad slid out of his seat at dinner", "heart"),
        ("mum is breathing but not really answering us", "heart"),
        # Other languages; a plan quoted (2026-11-27, set 56, new words).
        ("mi hermano dice que quiere morir y no contesta el teléfono", "crisis"),
        ("Meu pai está com dor no peito muito forte agora", "heart"),
        ("ma fille a du mal à respirer depuis le comprimé", "allergy"),
        ("Mein Sohn hat mehrere Kapseln von Oma verschluckt", "poisoning"),
        ("mia madre è svenuta in cucina e non si sveglia", "heart"),
        ("mój syn połknął kilka tabletek babci", "poisoning"),
        ("hij zegt dat hij niet meer wakker wil worden", "crisis"),
        ("nefes alamıyorum, dudaklarım şişti", "allergy"),
        ("hindi makahinga ang lola ko", "allergy"),
        ("papa ko seene mein dard ho raha hai", "heart"),
        ("mẹ tôi bị khó thở sau khi uống thuốc", "allergy"),
        ("我爸爸突然昏倒了", "heart"),
        ("أمي لا تستطيع التنفس", "allergy"),
        ("he texted that he's going to 'end things' tonight", "crisis"),
        # A past crisis that is back; "don't think I want to wake up" (2026-11-27, sets 55/58, new words).
        ("i was suicidal in my twenties, i'm ok now but it's coming back lately", "crisis"),
        ("honestly i dont think i want to go on like this", "crisis"),
        # Youth slang and euphemisms; giving most things away (2026-11-27, sets 59/60, new words).
        ("ngl been thinking about unaliving lately", "crisis"),
        ("the sewerslide thoughts came back this week", "crisis"),
        ("fr gonna kms if this flare doesnt stop", "crisis"),
        ("been having su1cidal thoughts again", "crisis"),
        ("if nothing changes by summer im ending it", "crisis"),
        ("she's given away most of her clothes and said goodbye to the ones who matter", "crisis"),
        # Someone else's words quoted (2026-11-27, set 53, new words).
        ("my dad keeps going on about 'ending it all' since the diagnosis", "crisis"),
        # Not wanting to wake up, said with a word between; a burden lifted; who gets what (2026-11-28, sets 71/72, new words).
        ("honestly i don't even want to wake up tomorrow, what's ldn for", "crisis"),
        ("my kids would be better off not having to care for me", "crisis"),
        ("spent the weekend working out who gets my jewellery and felt oddly calm", "crisis"),
        # Breath that barely comes; things given to family and letters written, in learners' English
        # (2026-11-28, sets 81/84, new words).
        ("my wife is 28 weeks along and she suddenly can hardly breathe", "allergy"),
        ("i gave my savings to my brother and i write letters for my children now", "crisis"),
        # Near the new exceptions of sets 89-92 (2026-11-28): still happening.
        ("I fainted twice this week, once at work", "heart"),
        ("she passed out once today and again just now", "heart"),
        ("my face goes puffy some days but right now my throat is closing", "allergy"),
        ("woke from a nightmare and now I can't breathe", "allergy"),
        ("I came out in hives after my first dose", "allergy"),
        # Near the new exceptions of sets 93-96 (2026-11-28): still happening.
        ("my dad had a heart attack at the till in the shop, he's on the floor", "heart"),
        ("woke up gasping and it hasn't settled", "allergy"),
        ("I don't want to go on like this anymore", "crisis"),
        ("my chest went tight a few weeks ago and it's getting worse", "heart"),
        ("I'm breathless and my lips look blue", "allergy"),
        # Sets 97-100 (2026-11-28, new words): bleeding in pregnancy, heavy bleeding, a father's things given
        # and the tablets counted.
        ("she's 20 weeks pregnant and started bleeding an hour ago", "general"),
        ("I've been bleeding really heavily since this morning", "general"),
        ("my mum keeps saying she won't need any of it after this weekend", "crisis"),
        ("he asked how many of the sleeping pills would be enough", "crisis"),
        # Near the new exceptions of sets 97-100 (2026-11-28): still happening.
        ("I passed out about a year ago and again just now", "heart"),
        ("my chest went tight on the bike then it settled and I felt fine, but now it's tight again", "heart"),
        ("on prednisone and right now I have a swollen face, it keeps getting bigger", "allergy"),
        ("honestly I feel like I'm going to die", "crisis"),
        ("my son overdosed on my tablets an hour ago", "poisoning"),
        # Sets 101-104 (2026-11-28, new words): letters left with the will, tablets set aside, "they'd be better off".
        ("I've written each of them a note and left it with my will", "crisis"),
        ("I've been setting my sleeping pills aside", "crisis"),
        ("they'd all be better off, honestly", "crisis"),
        # Near the new exceptions of sets 101-104 (2026-11-28): still happening.
        ("I think I had my dose twice this morning", "poisoning"),
    ],
)
def test_emergencies_are_recognised(text, kind):
    assert kind in emergency_kinds(text)


def test_an_emergency_after_a_topic_question_is_found_in_its_sentence():
    text = "How much does ldn cost? I've been on it a month. Also my tongue is swelling up right now"
    assert emergency_kinds(text) == ["allergy"]


@pytest.mark.parametrize(
    "text",
    [
        "can ldn reduce swelling in my joints",
        "what are the side effects",
        "how many mg should the capsules be",
        "does it help with pain",
        "I take two capsules of vitamin d",
        # Informational questions about a symptom are not that symptom (issue 9).
        "could LDN cause an allergic reaction?",
        "can LDN cause palpitations?",
        "can ldn give you chest pain at all?",
        # Figures of speech.
        "this back pain is killing me",
        "i'd kill for a good night's sleep",
        "I'm dying to know how it works",
        "before i go to bed should i take it",
        "my goodbye to opioids was the best thing I did, how does ldn compare",
        # Long ago, or over and handled: a story, not an emergency now.
        "I had a seizure when I was 12, is ldn ok for me?",
        "my dad died of a heart attack last year, is ldn safe for the heart?",
        "took it twice by accident, the pharmacist said it's fine and I feel normal",
        "my heart is racing with excitement about starting tomorrow",
        "what happens if you take too much ldn?",
        # Past and handled, told in passing (2026-11-26 second set).
        "I passed out once at a festival back in uni, so I'm careful with new pills",
        "mum had a mild stroke back in 2018 and made a full recovery, could ldn help her arthritis pain?",
        "he had a fit when he was a toddler, none since, is ldn ok for adults with that history",
        "I had a heart attack in 2012 and I've been stable since. what does ldn cost?",
        "I fainted at the dentist back in 2015, what's the usual dose?",
        "does ldn lower the seizure threshold like some antidepressants do?",
        "overdosed on christmas cake and now I'm bloated lol, anyway what is ldn",
        "I'm ready to go to the pharmacy, what should I ask about ldn",
        # Figures of speech (2026-11-26, set 4).
        "my jaw hit the floor when I saw the price of ldn",
        "I almost had a heart attack at the bill lol, is ldn usually cheaper",
        "this arthritis is killing me, honestly I'm dying by inches, could ldn help",
        "watching mum forget things breaks my heart, can ldn help alzheimer's",
        # Someone's past, and a stranger (2026-11-26, set 5).
        "is LDN a pill or a liquid? my son cant swallow tablets since his stroke",
        "my rheum is on leave and the locum doesnt know me. can i stop ldn cold turkey?",
        "thanks for everything, bye!",
        # Figures of speech (2026-11-26, set 6).
        "I almost fainted at the pharmacy bill",
        "i overdosed on tiktok videos about ldn lol, are they right",
        "can't keep her attention for long, can she take ldn",
        # Over, figurative, ongoing or hypothetical (2026-11-26, set 7).
        "I nearly passed out at the price they quoted",
        "my breathlessness has finally cleared, could ldn help the aches that are left",
        "brain fog and I cant find my words anymore, does ldn protect the brain",
        "I had one seizure when I was 16. Fine since. Should I mention that old seizure to my doctor?",
        "just in case, what happens if someone reacts badly to ldn, like swelling?",
        "before I go any further, is it considered safe?",
        "grandad has dementia and some days he doesn't know who I am. could ldn help his memory?",
        # "Found out", a medicine's purpose (2026-11-27, sets 12/13, new words).
        "my daughter found out she is expecting while on ldn, is that a problem?",
        "i'm on bisoprolol for a racing heart, is ldn ok alongside it?",
        # A past year, "40-odd", the best way to go up (2026-11-27, set 15, new words).
        "I had anaphylaxis to shellfish in 2012 so I read every label, is ldn ok",
        "after 20-odd years of ms i'm curious about ldn",
        "what's the best way to go up to 4.5mg?",
        "I looked up how many capsules it would take to get to 4.5mg",
        # A crisis denied in so many words (2026-11-27, set 23, new words).
        "could ldn lift my mood? i'm not suicidal, just numb",
        # Can't swallow capsules; a heart that is not racing (2026-11-27, sets 26/27, new words).
        "my girl is 9 and she can not swallow capsules, is there a liquid",
        "I lie awake till 3, heart isn't racing or anything, just awake",
        "how much ldn would it take to feel a difference",
        "I'm writing notes for my mum's appointment with the rheumatologist, what does ldn treat",
        # A medicine for the heart racing; a goodbye to the old pills (2026-11-27, sets 34/36, new words).
        "dad is on bisoprolol for the heart racing, would ldn suit him",
        "this is goodbye to the old painkillers i hope, what dose do people start on",
        "been saving up my wages for a private consult, have i got enough to start ldn",
        # Too much coffee, bothering the GP, a stroke consultant (2026-11-27, set 35, new words).
        "felt buzzy all day like i had too much coffee, is that the ldn",
        "before i go bothering my gp again, what is ldn exactly",
        "my stroke consultant said ldn might protect nerves, does it",
        "it would be easier to just not be here for the school run, can ldn be taken at night",
        # A daily routine, a trip, what-ifs said not to have happened (2026-11-27, set 40, new words).
        "i already take about 6 tablets a day, does ldn come as a liquid",
        "want my repeat prescription sorted before i go, can ldn be posted abroad",
        "what should we do if our cat ever chewed a capsule? he hasn't, just planning ahead",
        "what would a swollen tongue on ldn mean? i don't have one, just read about it",
        # Observations that are fine, a number that is no breathing rate (2026-11-27, set 44, new words).
        "sats 98% on air, which side effects should we watch for",
        "rr 1 tablet at night, is that the usual ldn dose",
        # Pills hidden in food for a child, a painkiller at its usual dose, a doctor seen before, a
        # leaflet's warnings quoted and denied (2026-11-27, sets 45-47, new words).
        "she won't swallow pills so we tried hiding them in applesauce, does ldn come as a liquid",
        "been taking ibuprofen 200 three times a day for the flare, does ldn help pain",
        "my new cardiologist (saw her for palpitations last week) thinks ldn is nonsense, is there research",
        "the leaflet says:\n- chest pain\n- fainting\nnone of those are happening to me, is ldn safe",
        "the leaflet: seek urgent help if you have trouble breathing. I am scared to start ldn",
        # ...and a numbered one, whose numbers the sentences drop (2026-11-27, review, new words).
        "my sheet lists:\n1. swollen lips\n2. passing out\nnone of those is happening here. what's the dose",
        "my sheet lists:\n1) swollen lips\n2) passing out\nnone of those is happening here. what's the dose",
        # A thank-you to the clinic, a doctor's email unanswered, a dose taken (2026-11-27, sets 53/54).
        "thanks for everything, you really look after your patients. what is the usual dose",
        "my gp is not answering my emails, is ldn safe with sertraline",
        "i've taken 2 of them since monday, is vivid dreaming normal",
        "i took my dose last night like normal, is ldn ok in pregnancy",
        "my hair went grey years ago, can ldn help hashimotos",
        # Seen in other languages: a seizure long over, a drug not working (2026-11-27, sets 55/56, new words).
        "tive uma convulsão em 2015 e nunca mais, o LDN é seguro?",
        "el dolor no responde a los analgésicos, ¿ayuda el LDN?",
        "my son would never swallow a tablet, is there a liquid",
        # Histories told by writers who are well now; purposes of medicines; excitement; an allergy one
        # has; a hypothetical (2026-11-27, set 55, new words).
        "i went through a suicidal patch as a student, i'm doing well now. does ldn help fibro",
        "my wife takes levetiracetam for seizures, can ldn be taken alongside",
        "on metoprolol for palpitations, what dose of ldn is usual",
        "breathless with anticipation, my gp agreed to ldn! what's the dose",
        "i'm anaphylactic to shellfish so i read every leaflet, what are ldn's side effects",
        "hypothetically, if my tongue swelled after a dose what would i do? nothing is happening",
        "my brother's sudden heart attack last spring scared me, is ldn safe",
        "epilepsy well controlled, last seizure in 2016. is ldn ok",
        "this exam will make me kms lol jk. anyway what is ldn",
        "im ending it with my boyfriend, also is ldn ok with the pill",
        "we kept talking about ending it with our old pharmacy, what does ldn cost elsewhere",
        # What someone faints at; a daughter who found LDN on the internet (2026-11-28, set 67, new words).
        "i go faint at the sight of needles, so is ldn a jab or not",
        "my son found ldn on youtube and keeps telling me to try it, what even is it",
        "we are sorting out who gets the spare room when mum visits, what is ldn",
        "heart racing when i stand up since covid, could ldn help long covid",
        # How a child's medicine is taken; a regimen called too many medicines (2026-11-28, sets 78/79, new words).
        "my 8 year old has crps. is it taken as drops or a tablet? he can't do capsules",
        "my husband thinks i'm on too many tablets already, is ldn safe long term",
        "started zoloft in may, my sister says thats too many meds for one person. is ldn well tolerated",
        # A routine of many medicines in learners' English (2026-11-28, set 84, new words).
        "i take many tablets already, like ramipril and metformin. for which illness is ldn",
        # Sets 85-88 (2026-11-28), in new words.
        "I read naltrexone is what they use to bring people back from overdoses and got a fright",
        "the puppy has chewed one of my socks again, anyway what does ldn cost",
        "I nearly had a fit when the pharmacy told me the price",
        "found out I'm pregnant last week and I keep feeling like I've poisoned the baby with my ldn",
        "I'm faint-hearted about needles so is ldn a tablet",
        "the antibiotic that gave me hives years back put me off new meds, is ldn gentle",
        "tonight is the night I start my ldn, so excited",
        # Sets 89-92 (2026-11-28), in new words.
        "she fainted at the vet once when the old dog was put down, is ldn a pill",
        "my chest was tight at work on friday and the ecg came back normal. what does ldn cost",
        "cetirizine at a double dose for my skin for years, what is ldn",
        "had an allergic reaction to penicillin at 22, so is ldn safe",
        "my ankles and face get puffy on bad days, can ldn help inflammation",
        "she still gets the tingling down her arms from her ms, could ldn help",
        "woke up from a nightmare gasping last night but all good, ldn dreams are wild",
        "my wife thought I was having a heart attack but it was heartburn. is ldn ok for reflux",
        "my mum had a stroke and can't hold a cup any more, could ldn be given as a liquid",
        "I'm so done with everything else they've tried on me, is ldn different",
        "I want to die of shame asking this, what is ldn",
        "seeing the gp tuesday and before I go I need to understand the side effects",
        "I don't want to wake up in pain after my op, should I stop ldn",
        "the internet says it's poison, is ldn safe",
        "naloxone is the overdose spray, right? is ldn the same",
        "a few of us have been breathless, achy and tired since covid, does ldn help long covid",
        "chronic hives here, does ldn help",
        "his hives for 3 years now, does ldn help urticaria",
        # Sets 93-96 (2026-11-28, new words).
        "I'd have a little heart attack at the checkout if it cost that much, what does ldn cost",
        "had a bad allergic reaction to penicillin when I was about seven, my face swelled up. is ldn safe",
        "dreamt I was falling. woke up gasping, heart racing, but it settled after a minute. ldn dreams?",
        "because of my fainting thing I worry about dizzy spells, is dizziness a side effect",
        "I won't do anything daft like double up on my own, but what's the usual dose",
        "she doesn't want to go on immune suppressing drugs, can ldn help her lupus",
        "my chest went tight two weeks ago after my first dose. the ecg was fine. what's the max dose",
        "I get breathless walking up the stairs since covid, would ldn help",
        # Near the new patterns of sets 97-100 (2026-11-28).
        "I'm pregnant and the vitamins are bleeding me dry, what does ldn cost",
        "how many capsules would be enough for a month away",
        "I won't need them after the operation, can I stop ldn",
        # Sets 97-100 (2026-11-28, new words).
        "I blacked out at work about a year ago, it was low sugar. is ldn safe",
        "my cousin overdosed years back and he's been sober for five years, is naltrexone for addiction",
        "my heart was pounding on the treadmill, then it settled back down and I felt fine. is that ldn",
        "the steroids gave me a puffy face and moon cheeks, would ldn be gentler",
        "I thought I was going to die when I had sepsis, can ldn help the fatigue since",
        "naloxone is what paramedics give people who've overdosed, is ldn the same",
        "my friend has a history of overdosing, is ldn safe for her",
        "It left me wondering: can LDN cause palpitations?",
        "is a racing heart a side effect, or is that just what happens after coffee",
        "that was a one-off and I have not passed out since, does ldn cause dizziness",
        # Sets 101-104 (2026-11-28, new words).
        "I've got everyone's meds lined up on the shelf with names on so nobody takes the wrong one, how does ldn work",
        "gout again, had it twice this year, does ldn help gout",
        "Before I go badgering my GP again, does ldn help back pain",
        "woke at 4am sure there was someone in the room, heart pounding, one of those horrible dreams where you think you're awake. is that ldn",
        "they'll be better off with the liquid, does it come as a liquid",
    ],
)
def test_ordinary_questions_are_not_emergencies(text):
    assert emergency_kinds(text) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Only the gate's sentence-by-sentence check reads these (2026-11-26, set 10, new words).
        ("his fingers are swollen and stiff every morning", True),
        ("she can't bear the duvet touching her foot", True),
        ("I wake up feeling like I ran a marathon", True),
        ("the moon face from the prednisone is the worst part", True),
        ("the headache is mostly gone now", True),
        ("my son refuses tablets so we use liquids for everything", True),
        ("the queasiness was gone by lunchtime", True),
        ("my daughter just can't do tablets, she gags", True),
        ("he chokes on big capsules every time", True),
        ("the painkillers just aren't cutting it anymore", True),
        ("I'm nine years clean and I know that name from rehab", True),
        ("he gets through a bottle of wine a night", True),
        ("I'm already taking a pile of supplements every morning", True),
        # A swelling eased (2026-11-27, set 34, new words).
        ("my aunt says it took the swelling down in her knees", True),
        # Arguing it over, swallowing made hard by surgery (2026-11-27, sets 45/47, new words).
        ("we have gone back and forth about it for months", True),
        ("swallowing tablets has got really difficult since my stroke", True),
        # Tablets that catch on the way down (2026-11-27, set 51, new words).
        ("the tablets always feel lodged halfway down", True),
        ("her lips are swelling and she can't swallow", False),
        ("he won't wake up", False),
    ],
)
def test_harmless_sentences_for_the_sentence_check(sentence, expected):
    assert is_harmless(sentence) is expected


def test_asking_whether_something_is_a_thing_is_informational():
    """ "Is that a thing when you change pharmacies?" asks, it reports nothing (2026-11-27, set 29, new words)."""
    from ldn.rules import is_informational

    assert is_informational("is that a known thing with new capsules?")
    assert not is_informational("that thing is happening again right now")


def test_a_piece_that_only_follows_up_the_first_is_not_a_second_question():
    # "What's the link?" (2026-11-27, set 26, new words).
    follow_ups = [
        "and how would it do that?",
        "is that a good thing?",
        "what does that actually mean",
        "whats the link",
        # Why the doctor wants it (2026-11-27, sets 5/36, new words).
        "why would the rheumatologist prescribe me that",
        # An aside about what it is (2026-11-27, sets 35/36, new words).
        "isn't it a heroin drug though",
        "it was a medicine for drinking, no?",
        # A combination asked after the first question, the theory behind it (2026-11-27, sets 37/38, new words).
        "a safe mix?",
        "whats the thinking behind that",
        # The blocker puzzle asked again (2026-11-27, set 41, new words).
        "wouldn't that just make my aches worse?",
        # What kind of drug it is, asked again (2026-11-27, set 46, new words).
        "or a steroid?",
        "is it mainly gut things?",
        # Kinds of condition named after the list was asked (2026-11-27, set 51, new words).
        "joint stuff?",
        "or skin conditions?",
        "wouldn't blocking our own endorphins make the pain worse?",
        "and what would it do for her knees?",
        # A doubt about the answer's reach (2026-11-28, set 101, new words).
        "is it more for different problems?",
    ]
    new_questions = ["and what does it cost?", "also is it safe?"]
    assert [follows_up_the_first(p) for p in follow_ups + new_questions] == [True] * len(follow_ups) + [False] * 2


def test_topics_named_side_by_side():
    """ "Benefits and side effects pls" asks both (2026-11-27, set 26, new words)."""
    from ldn.rules import topics_named_together

    assert topics_named_together("what about the cost and side effects") == ["cost", "side_effects"]
    assert topics_named_together("could it ease pain & inflammation") == ["pain", "inflammation"]
    assert topics_named_together("pain relief for my back") == []
    # ...weighed one against the other (2026-11-27, set 37, new words).
    assert topics_named_together("the benefits versus the side effects?") == ["benefits", "side_effects"]
    assert "comparison" not in question_types_asked("pros vs cons of ldn for me")
    assert topics_named_together("nerve pain in my feet and my brain fog") == []


def test_no_second_answer_beside_making_it_at_home():
    """The dose answer beside "how do I make my own?" would read as a recipe (2026-11-28, set 75)."""
    from ldn.rules import second_answer_after

    assert not second_answer_after("how_to_make", "dose")
    assert second_answer_after("how_to_make", "cost")
    assert second_answer_after("time_to_work", "dose")


def test_crisis_guidance_comes_first_when_several_match():
    assert emergency_kinds("I took the whole bottle because I want to die")[0] == "crisis"


def test_an_animal_in_the_story_asks_about_an_animal():
    """The question sentence names no animal; the story does (2026-11-27, set 63, new words)."""
    from ldn.rules import question_types_asked_anywhere

    assert question_types_asked_anywhere("our dog has itchy skin and the vet suggested ldn. same as human ldn?") == [
        "animals"
    ]
    assert question_types_asked_anywhere("i walk my dog every day. how does ldn work?") == []
    # The father on LDN told in the story (2026-11-28, set 71, new words).
    assert question_types_asked_anywhere(
        "im the one on ldn and my girlfriend is pregnant now. any risk to the baby?"
    ) == ["male_fertility"]


def test_a_pet_replaces_human_poison_control():
    assert emergency_kinds("my dog ate my ldn capsules") == ["pet"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("how long till ldn kicks in for fibro", "time_to_work"),
        ("how quickly does it help with ms fatigue", "time_to_work"),
        ("ldn or gabapentin for my feet, which one should i try first?", "comparison"),
        ("is the ldn causing my rash?", "side_effect_not_listed"),
        ("what kind of specialist would prescribe ldn?", "where_to_get"),
        ("my gp won't. who else would prescribe it?", "where_to_get"),
        ("when will i notice a difference with my ms", "time_to_work"),
        ("3 weeks on it and i feel no different, is that normal", "time_to_work"),
        ("how long do the weird dreams last", "duration"),
        ("is ldn better than gabapentin for nerve pain", "comparison"),
        ("could i use ldn instead of my painkillers", "instead_of"),
        ("where can i buy ldn", "where_to_get"),
        ("how do i make ldn from 50mg tablets at home", "how_to_make"),
        ("should i take it in the morning or at night", "timing"),
        ("i skipped a dose yesterday, what now", "timing"),
        ("can i have a glass of wine on ldn", "alcohol"),
        ("is it safe to give ldn to children", "for_children"),
        ("is ldn ok while breastfeeding", "breastfeeding"),
        # A prescriber near a place; other medicines dropped for LDN alone (2026-11-27, set 61, new words).
        ("any ldn friendly doctors around manchester", "where_to_get"),
        ("could my dad just come off his other meds and rely on ldn alone", "stopping_or_changing"),
        # "While nursing", not a nursing job (2026-11-27, set 46, new words).
        ("would it be safe if i'm still nursing", "breastfeeding"),
        # Told, but asked about too (2026-11-27, new words).
        ("im breastfeeding, would it be ok to start ldn", "breastfeeding"),
        ("breastfeeding my 5 month old. does ldn get into breast milk", "breastfeeding"),
        ("can my dog take ldn for arthritis", "animals"),
        ("how do i come off ldn", "stopping_or_changing"),
        ("whats the ramp up schedule, begin on 0.5 then what", "stopping_or_changing"),
        ("how do people titrate ldn", "stopping_or_changing"),
        ("bumping up to 4.5mg next week, good idea?", "stopping_or_changing"),
        ("should i be pushing the dose up?", "stopping_or_changing"),
        ("does ldn need to go in the fridge", "storage"),
        ("is it ok to drive on ldn", "driving"),
        ("am i allowed to drive after taking ldn", "driving"),
        ("can i pack ldn in my carry-on for a flight", "travel"),
        # Withdrawal from an opioid the patient is on (2026-11-27, set 42, new words).
        ("i'm on methadone, would ldn put me into withdrawal", "combine"),
        # A price by form, the order of side effects (2026-11-27, set 39, new words).
        ("would tablets or liquid work out cheaper", "pharmacy_product"),
        ("which side effect tends to show up first", "duration"),
        # A feeding tube, a dose for one child, an unlisted symptom blamed on it (2026-11-27, sets 43/44, new words).
        ("can the liquid be given via her peg", "how_to_make"),
        ("what dose would a 7 year old start at", "personal_dose"),
        ("what dose should we give her, she's 8", "personal_dose"),
        ("my nails keep splitting, could this be the ldn?", "side_effect_not_listed"),
        # The father on LDN, the mother pregnant (2026-11-27, set 40, new words).
        (
            "i am the one taking ldn and my partner is 10 weeks pregnant, any effect from the father's side",
            "male_fertility",
        ),
        ("how do i sign up for the ubc trial", "trial_logistics"),
        ("has that trial in canada shown anything yet", "trial_logistics"),
        ("the prior authorization form wants a diagnosis code, what do I put in there", "paperwork"),
        ("a site overseas ships it in a week, is it legit to order from there", "where_to_get"),
        ("what's 20 percent of 90", "calculations"),
        ("can i book an appointment for tuesday", "appointments"),
        ("does medicare pay for ldn", "named_insurer_or_pharmacy"),
        ("i weigh 120 lbs, what dose is right for me", "personal_dose"),
        ("will ldn make me fail a drug screen", "tests_and_monitoring"),
        ("my new refill capsules are a different colour, is that ok", "pharmacy_product"),
        ("can ldn cause hair loss", "side_effect_not_listed"),
        # Figures, a starting dose for one person, feeling worse at first, a glass of red (2026-11-27, set 24, new words).
        ("what proportion of patients get headaches on it", "calculations"),
        ("she's 50kg, what dose would she start at?", "personal_dose"),
        ("is it usual to get worse before better on ldn", "side_effect_not_listed"),
        ("the odd glass of white with dinner, ok on ldn?", "alcohol"),
        # A dose for one child (2026-11-27, set 28, new words).
        ("he is 14 and weighs 50kg, what dose should he be on", "personal_dose"),
        ("is 3mg ok for my teenager", "personal_dose"),
        # What to do about a side effect (2026-11-27, set 27, new words).
        ("these nightmares are awful, what should we do about them", "managing_side_effects"),
        ("how do i get rid of the nausea", "managing_side_effects"),
        # What to do about a symptom the story named, tips; a decision only the patient and doctor
        # can make; the father's LDN and the baby (2026-11-27, sets 27/28/37 and emergencies_dev, new words).
        ("so what can i do about it", "managing_side_effects"),
        ("got any remedies for the insomnia?", "managing_side_effects"),
        ("can i get it as a gel instead", "pharmacy_product"),
        # The pill made less effective; a pregnancy test thrown off; milk (2026-11-27, set 50, new words).
        ("could ldn make my implant less effective", "combine"),
        ("can ldn give a false positive on a pregnancy test", "tests_and_monitoring"),
        ("how much of it gets to him via my milk", "breastfeeding"),
        ("someone mentioned topical ldn, is that real", "pharmacy_product"),
        ("my neuro suggested it and i'm torn. should we?", "personal_decision"),
        ("we're expecting in may and my partner's naltrexone, could it harm the baby", "male_fertility"),
        # Habit-forming, a high, hooked, withdrawal (2026-11-27, sets 33/34, new words).
        ("could my husband become addicted to ldn", "dependence"),
        ("is low dose naltrexone habit forming at all", "dependence"),
        ("do you feel high on it", "dependence"),
        ("is there withdrawal when you stop ldn", "dependence"),
        # The place to get it (2026-11-27, set 36, new words).
        ("which is the best site to order it from", "where_to_get"),
        ("where can i even buy this", "where_to_get"),
        # A dose for one's build (2026-11-27, set 51, new words).
        ("is 4.5 the top dose for a bloke of my build, I'm 6'2", "personal_dose"),
        ("is 3mg the right amount for me, i'm tiny", "personal_dose"),
        ("i heard people my weight start lower", "personal_dose"),
        ("im 16, can i drink at my mates birthday", "alcohol"),
        ("positive test this morning! can i just stop ldn suddenly", "how_to_stop"),
        ("we're expecting, does ldn need tapering off or can she just quit", "how_to_stop"),
        ("is itching a common side effect of it?", "side_effect_not_listed"),
        ("ldn making me itchy?? is that a thing", "side_effect_not_listed"),
        ("how quickly & is it safe", "time_to_work"),
        # Which to try first; its legal status; "messing with" as a cause (2026-11-28, sets 66/68, new words).
        ("do i start with ldn or give cymbalta a go first", "personal_decision"),
        ("is naltrexone a controlled drug where you live", "approval"),
        ("might the ldn be mucking up my cycle", "side_effect_not_listed"),
        # A prescriber near a place; the writer's own decision; pain made worse (2026-11-28, sets 70/72, new words).
        ("is there a gp round here who prescribes it", "where_to_get"),
        ("honestly, what would you do in my shoes", "personal_decision"),
        # Whether to try it at all; pros and cons for the writer (2026-11-28, set 80, new words).
        ("should i give ldn a go or not. ive had lupus 6 years", "personal_decision"),
        ("what are the pros and cons for someone like me with ms", "personal_decision"),
        # How soon, in learners' English; tiredness, not on the guide's list (2026-11-28, set 84, new words).
        ("how quick ldn helps for crps?", "time_to_work"),
        ("so exhausted since starting ldn, normal?", "side_effect_not_listed"),
        ("will naltrexone make my back pain worse", "side_effect_not_listed"),
        # Sets 85-88 (2026-11-28), in new words.
        ("should we cut out dairy while she's on ldn", "diet"),
        ("it sat on the windowsill in the sun for weeks, is it ruined?", "storage"),
        ("at 60 kilos what dose is right", "personal_dose"),
        # Sets 89-92 (2026-11-28), in new words.
        ("is anybody else up?", "company"),
        # Sets 97-100 (2026-11-28), in new words: mixing still asks a combination.
        ("is it ok to mix it with my ibuprofen", "combine"),
    ],
)
def test_question_types_are_recognised(text, kind):
    assert kind in question_types_asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is the ubc trial testing",
        "what do the studies actually show about ldn",
        "how long has naltrexone been around",
        "could naltrexone help me stop drinking",
        "i might be pregnant, should i stop taking ldn",
        "I've had MS since I was a teenager, would ldn help",
        "is ldn cheaper than brand name drugs",
        "how is ldn different from regular naltrexone",
        "I've had this pain a long time, my first week on ldn was ok, what are the side effects",
        "first week on it and I've been up every night, is this normal",
        "can ldn cause insomnia",
        "how do i take it",
        "take 1 to 5 mg",
        # "Help with", "a mix of" name no combination (2026-11-27, sets 12/13, new words).
        "i take levothyroxine, can ldn help with the thyroid itself",
        "what could it do for a mix of aches and low mood",
        # Told, not asked; the mechanism's block; an idiom (2026-11-27, sets 11-15, new words).
        "what side effects does it have? i drive a bus so i can't be sleepy",
        "is the blockade permanent or does it wear off?",
        "how can a blocker ease pain instead of making it worse",
        "is there a cheaper generic than the brand name stuff",
        "what does it do to the immune system, i'm on methotrexate so i want to know what goes into the mix",
        # Naltrexone for drinking is the addiction answer; a starting dose is not a combination.
        "i drink way too much wine, does low dose naltrexone help with alcohol",
        "can ldn help my hashimotos? and what dose do people usually start with",
        # The forms it comes in; how it eases pain; breastfeeding that has stopped (2026-11-27, sets 19/20, new words).
        "is it a tablet vs liquid thing or only capsules?",
        "does it really ease pain or does it just make you care less about it",
        "we finished breastfeeding at christmas, what can ldn help with",
        # Only by mouth, against an injection; the low dose against the usual one (2026-11-28, sets 65-67, new words).
        "can you get it as an injection or only orally",
        "how many mg is ldn compared to the regular one",
        "how much smaller is my dose than hers, she's on the big tablets",
        "would ldn mess with my immune system at all",
        # A child told in the next sentence; two forms weighed; off-label as a description (2026-11-28, sets 71/72, new words).
        "which conditions is ldn used for? my 15 year old has several",
        "liquid ldn vs the capsules, both fine?",
        "what's normal vs low dose anyway",
        "is ldn safe or one of those dodgy off-label things?",
        # Breastfeeding only told beside another guide question (2026-11-27, sets 53/57/58, new words).
        "what is the normal dose in mg, breastfeeding",
        "i'm breastfeeding my 6 month old so waiting a bit, but is ldn a liquid or a pill",
        "not yet as i'm still nursing, but what do people use ldn for",
        # Water is no alcohol; real benefits people get are no purchase (2026-11-27, sets 21/22, new words).
        "been drinking plenty of water all week, what are the usual side effects",
        "are there any genuine benefits patients get from it",
        # Two doses in mg, "low compared to what", a syringe, the tablets used for alcohol (2026-11-27, sets 26/27, new words).
        "1.5mg vs 50mg, why is there such a big difference",
        "do i give the liquid with the oral syringe or a spoon",
        "how much less naltrexone is in ldn than the regular tablets they use for alcohol",
        # The low dose against what, as a question of what it is (2026-11-28, set 92, new words).
        "what is ldn, and a low dose compared to what?",
        # Sets 89-92 (2026-11-28), in new words.
        "could it help my back, and does it cause side effects in most people",
        "where did ldn originally come from and who made it",
        "she has the liquid and I have capsules, is one form better than the other",
        "what is the usual dose range? my letter says titrate",
        # A combination set aside in so many words (2026-11-27, set 25, new words).
        "i'm not worried about interactions, does ldn help crohns",
        # Stopping drinking is what it may help, not how long something lasts (2026-11-27, set 42, new words).
        "does ldn help you stop drinking?",
        # Water is no alcohol; calming a condition is no duration (2026-11-27, sets 52/53, new words).
        "can i drink water straight after the capsule, how is it taken",
        "does ldn calm down the immune attack in hashimotos?",
        "what does neuroprotection mean for someone my age, is it safe",
        # Sets 85-88 (2026-11-28), in new words.
        "do many people need to stop it because of side effects?",
        "can I have it as a liquid instead of capsules",
        "nothing too strong at my age please, is it a gentle drug",
        "could it help him give up the booze",
        "is ldn safe for a 79 year old",
        # Sets 97-100 (2026-11-28), in new words: mixed reports, a positive effect.
        "I've seen such mixed reports, does ldn help crps",
        "does ldn make you release more endorphins",
        "will it give me a boost for the gym",
    ],
)
def test_answerable_questions_have_no_refused_type(text):
    assert question_types_asked(text) == []


def test_no_training_example_of_an_answer_asks_a_refused_type():
    """An answer's own examples must never be refused by type (else the rules contradict the data).
    Read as the gate reads them: the question sentences of a story."""
    answered = {kind.name: set(kind.answered_by) for kind in question_types()}
    refused = []
    for intent, text in training_examples():
        if intent in {"out_of_scope", "emergency", "non_english"}:
            continue
        topic = intent.split("/")[-1]
        question = " ".join(question_sentences(text)) or text
        refused += [(intent, kind, text) for kind in question_types_asked(question) if topic not in answered[kind]]
    assert not refused, refused[:5]


def test_no_training_example_of_a_non_emergency_is_an_emergency():
    alarms = [(i, t) for i, t in training_examples() if i not in {"emergency"} and emergency_kinds(t)]
    assert not alarms, alarms[:5]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("what are the side effects? im also pregnant", ["pregnancy"]),
        ("we are trying to conceive, is ldn ok", ["pregnancy"]),
        # The baby being nursed is not who would take LDN (2026-11-27: no writer of 44 sets marked a child there).
        ("still nursing my 4 month old, can i start ldn", ["breastfeeding"]),
        ("my 12 year old has crohns, does ldn help", ["child"]),
        ("I've had crohns since I was a kid, does ldn help", []),
        ("my son is 34 and has MS", []),
        ("my 12 y/o has joint pain, what does ldn do", ["child"]),
        ("our son is 15 and has crohns, is ldn used for that", ["child"]),
        ("is ldn a liquid? my son (hes 34) cant swallow tablets", []),
        ("22 weeks pregnant, not starting anything till after baby comes. usual dose?", ["pregnancy"]),
        ("my granddaughter set this up for me, what does ldn cost", []),
        ("20 weeks pregnant, no ldn until after the baby. what dose do people take", ["pregnancy"]),
        # Someone else's child of an age, the patient a minor, nursing a new baby (2026-11-26, set 8).
        ("my neighbour's daughter is 13 and has crohns", ["child"]),
        ("i'm 16 now and my rheumatologist mentioned ldn", ["child"]),
        ("im 9 stone and always tired", []),
        ("our 11-year-old has crohns", ["child"]),  # hyphenated (2026-11-27, set 15)
        # Denied, a due date, an age in brackets (2026-11-27, set 16, new words).
        ("i'm not pregnant, is ldn safe long term?", []),
        ("baby is due in june, what does ldn do", ["pregnancy"]),
        ("it's for my lass (14), what does it cost", ["child"]),
        ("she's not feeding the baby any more, what are the side effects", []),
        ("3 weeks postpartum and nursing, is ldn a capsule", ["breastfeeding"]),
        ("our youngest (he's 9) has crps", ["child"]),
        ("our eldest is 23 and has crohns", []),
        ("still feeding my 4 month old myself, what dose is usual", ["breastfeeding"]),
        # "teenage", and "my sons" without the apostrophe (2026-11-26, sets 10 and 11).
        ("our teenage girl has crps, would ldn help", ["child"]),
        ("forgot my daughters capsule this morning", ["child"]),
        # Stopped breastfeeding, a grown child, another baby planned (2026-11-27, sets 18 and 20, new words).
        ("i stopped breastfeeding in the summer, is ldn a pill", []),
        ("our son has crohns, he's 21 now so not a kid, does ldn help", []),
        ("our son has crohns but he's not a kid, does ldn help", []),
        ("how long do people stay on it? we want to try for another baby next year", ["pregnancy"]),
        ("midwife says nothing new till after the baby, what is ldn anyway", ["pregnancy"]),
        # A pregnancy over, breastfeeding denied (2026-11-27, set 28, new words).
        ("she was pregnant when it came up, then gave birth in june and isn't breastfeeding. is ldn safe", []),
        # A baby aspirin (2026-11-27, set 33, new words).
        ("dad only takes a baby aspirin, could ldn help his back", []),
        ("the baby is 4 months and i take a baby aspirin, is ldn ok", ["child"]),
        # Weeks along, "currently expecting", nursing a baby by age, "our lad who's 11"
        # (2026-11-27, sets 39/40, new words).
        ("16 wks along with our second, what is ldn", ["pregnancy"]),
        ("currently expecting, 9 wks. is there research on ldn", ["pregnancy"]),
        ("nursing my 3 month old, how does ldn work", ["breastfeeding"]),
        ("our lad who's 11 has crohns, does ldn help", ["child"]),
        # Ages in care notes, not millilitres (2026-11-27, set 44, new words).
        ("SU 13F, autism, started ldn last week", ["child"]),
        ("give 5m of the liquid at night?", []),
        # A brother or sister with a child's age, forum shorthand, a school year, a teenager's own age,
        # a nursing mum (2026-11-27, sets 45/48, new words).
        ("my little sister is 11 and has crps", ["child"]),
        ("DS 14 has crohns, is ldn used for that", ["child"]),
        ("15 and have crps, does ldn help", ["child"]),
        ("she is in year 8 and has crohns", ["child"]),
        ("i'm in year 3 of ldn and it still helps", []),
        ("my brother is 16 weeks into ldn", []),
        ("nursing mom of a 2 month old, is ldn ok", ["breastfeeding"]),
        # Fertility treatment is trying to conceive; an early pregnancy by notation; a future pregnancy
        # is not now; a baby who still nurses (2026-11-27, set 50, new words).
        ("our second embryo transfer is in march, what is ldn", ["pregnancy"]),
        ("letrozole cycle 3 starts monday, does ldn cause nausea", ["pregnancy"]),
        ("6+4 today and on ldn, what are the side effects", ["pregnancy"]),
        ("is ldn safe long term, with future pregnancies in mind", []),
        ("my crps started when i was 30 weeks pregnant, the baby's here now. does ldn help", []),
        ("hoping to get pregnant soon, is ldn ok once the baby is here", ["pregnancy"]),
        ("my 10 month old still nurses twice a day, is ldn a capsule", ["breastfeeding"]),
        ("the nurses on the ward said ldn is fine", []),
        # A height is no age (2026-11-27, set 51, new words).
        ("i'm 5'9 and about 70kg, what dose is usual", []),
        # An age told last (2026-11-27, set 57, new words).
        ("any side effects in teens? he's 14", ["child"]),
        ("she's 15 weeks along, is ldn studied", ["pregnancy"]),
        # A pregnancy in a history, not now; and now again (2026-11-27, set 55, new words).
        ("my thyroid trouble started after my second pregnancy years ago, is ldn safe", []),
        ("i'm pregnant now; my thyroid trouble started after my first pregnancy. is ldn safe", ["pregnancy"]),
        ("nursing - is it ok?", ["breastfeeding"]),
        # A teenager's own age in a few words; an adult's history (2026-11-27, set 59, new words).
        ("15 w hashimotos, what does ldn do", ["child"]),
        ("crps at 14 and it's ruining school, would ldn help", ["child"]),
        ("just me here (16), is ldn safe", ["child"]),
        ("any side effects? 17, fibro, on sertraline", ["child"]),
        ("i was diagnosed at 16 and i'm 40 now, does ldn help crohns", []),
        ("had crps at 15 and now i'm 32, would ldn help", []),
        ("neuropathy since a fall at 16, im 27 now. does ldn help", []),
        ("what dose at 16:00, morning or night", []),
        # Due in a month; months along with a supplement (2026-11-28, sets 66/68, new words).
        ("she's due in april, so what does ldn cost", ["pregnancy"]),
        ("i'm due in for my review in april, what does ldn cost", []),
        ("on ldn 6 months along with vitamin d, what are the side effects", []),
        ("18 wks along with twins, what is ldn", ["pregnancy"]),
        # Texting shorthand for a pregnancy; a child's age going on (2026-11-28, set 77, new words).
        ("what dose do ppl take, 19 wks preg", ["pregnancy"]),
        ("is ldn safe? preg btw", ["pregnancy"]),
        ("is it pricey, im trying to prep for the holidays", []),
        ("hes 12 and has bad crohns, does ldn help crohns", ["child"]),
        ("he's 12 and a half stone, does ldn help crohns", []),
        # A baby wanted, in learners' English: no child (2026-11-28, set 84, new words).
        ("what is the dose? we try to have baby soon", ["pregnancy"]),
        # Sets 85-88 (2026-11-28), in new words.
        ("would ldn help my son with his drinking? He's 31 now.", []),
        ("my granddaughter is pregnant with her first and has crohns, would ldn help her", ["pregnancy"]),
        ("my daughter Jess, who is 29, has lupus, is ldn an option", []),
        ("she had her baby in june and is nursing him now, would ldn be ok", ["breastfeeding"]),
        ("I'm 81 and my son wants me to try ldn for my knees", []),
        ("my son who's studying pharmacy says ldn is not naloxone", []),
        (
            "my wife had our baby 4 months ago and is breastfeeding. before she got pregnant she had fibro",
            ["breastfeeding"],
        ),
        ("still fully breastfed at 5 months, would ldn be ok for me", ["breastfeeding"]),
        ("not breastfeeding now. when I was pregnant they stopped my ldn, why?", ["pregnancy"]),
        ("I'm 20 weeks pregnant and saving for the baby things, so what does ldn cost", ["pregnancy"]),
        ("my daughter is 16 and pregnant, is ldn ok for the baby", ["pregnancy", "child"]),
        # Sets 89-92 (2026-11-28), in new words.
        ("trying for baby #3 so is ldn a liquid", ["pregnancy"]),
        ("can i take ldn wile pregnent", ["pregnancy"]),
        ("we've been trying to concieve for two years", ["pregnancy"]),
        # Sets 97-100 (2026-11-28), in new words: a baby by its order; a time with an illness is no age.
        ("trying for our second at the moment, what does ldn cost", ["pregnancy"]),
        ("trying for the first time to sleep through", []),
        ("I'm 3 years into this illness, what's the dose", []),
        # Sets 101-104 (2026-11-28), in new words: a lad's age, a refusal at his age, a joke age, another baby.
        ("my lad's 14 and gets bad migraines", ["child"]),
        ("he's 12 and won't take tablets, does ldn come as a liquid", ["child"]),
        ("explain it like I'm 5", []),
        ("the missus wants another baby", ["pregnancy"]),
        ("my son and his wife are trying for their first baby", ["pregnancy"]),
    ],
)
def test_caution_cues(text, expected):
    assert caution_cues(text) == expected


def test_medicines_named_by_kind_and_asked_about():
    assert other_medicines("grandma is on a blood thinner and likes a glass of wine") == ["alcohol", "a blood thinner"]
    # Alcohol by the glass or the pint; water is none (2026-11-27, sets 21/24, new words).
    assert other_medicines("he has the odd glass of red and a couple of pints at the weekend") == ["alcohol"]
    assert other_medicines("been drinking loads of water on it") == []
    # Drinking asked about at an occasion: the alcohol question type's own words (2026-11-28).
    assert other_medicines("can we still drink at the christmas party") == ["alcohol"]
    # Nicotine by vape (2026-11-27, set 59, new words).
    assert other_medicines("i vape pretty much all day, does that matter") == ["nicotine"]
    # The body's own painkillers are endorphins (2026-11-28, set 79, new words).
    assert other_medicines("something about raising your body's own painkillers, how does that work") == []
    assert other_medicines("my own painkillers aren't touching it, would ldn help") == ["painkillers"]
    # Never once taken (2026-11-28, set 67, new words).
    assert other_medicines("i've never even tried a cigarette, so why would i need ldn") == []
    # Drink by another name, smoking, farm chemicals; water is none (2026-11-28, sets 99/100, new words).
    assert other_medicines("would naltrexone stop me hitting the grog") == ["alcohol"]
    assert other_medicines("he still smokes, is ldn alright for him") == ["nicotine"]
    assert other_medicines("I spray weedkiller on the paddocks, any issue with ldn") == ["farm chemicals"]
    assert other_medicines("she felt faint from not drinking enough") == []
    assert other_medicines("the trial was no smoking gun") == []
    # Ale and fags (2026-11-28, set 104, new words).
    assert other_medicines("my gut's been bad after years on the ale") == ["alcohol"]
    assert other_medicines("trying to quit the fags") == ["nicotine"]
    # "Is that ok if he's on LDN?" points back at what was told (2026-11-28, set 102, new words).
    assert medicine_is_the_question("is that ok if he's on ldn?", ["cannabis"])
    assert medicine_is_the_question("can i take ldn with my sertraline", ["sertraline"])
    assert medicine_is_the_question("i'm on sertraline. can i take ldn with it?", ["sertraline"])
    assert not medicine_is_the_question("i take sertraline, can ldn help my fibro", ["sertraline"])
    # "Help with" is what LDN might do, not a combination (2026-11-27, set 12, new words).
    assert not medicine_is_the_question("i take thyroxine, can ldn help with my joints?", ["thyroxine"])
    # The other medicine's own side effects; LDN's, beside another medicine (2026-11-27, set 52, new words).
    assert medicine_is_the_question("what's the usual dose of low dose lithium?", ["lithium"])
    assert not medicine_is_the_question("what are the side effects of ldn? i take lithium", ["lithium"])
    assert not medicine_is_the_question("side effects with my other meds, im on lithium", ["lithium"])
    # "That combination" points back at the medicine told (2026-11-27, set 61, new words).
    assert medicine_is_the_question("would that combo be alright? he takes codeine", ["codeine"])
    # How people get on with LDN points back at no medicine (2026-11-28, set 100, new words).
    assert not medicine_is_the_question("how safe is ldn? do most people get on ok with it?", ["sertraline"])


def test_a_medicine_named_only_in_the_story_is_not_the_question():
    # "LDN and explained it": "and" after LDN, but no medicine in the question
    assert not medicine_is_the_question("my doc wants me to try LDN and explained it, how does it work", ["gabapentin"])
    assert not medicine_is_the_question("is ldn safe to take long term?", ["metformin"])
    assert medicine_is_the_question("is it ok to take ldn with a blood thinner?", ["a blood thinner"])
    # Named by kind in other words than the reply's name for it.
    assert medicine_is_the_question("can i take ldn with my anticoagulants?", ["a blood thinner"])


def test_medicines_named_only_by_how_many_are_context():
    assert other_medicines("she's on about eight different tablets a day") == ["other medicines"]
    assert other_medicines("is ldn safe with all his other meds") == ["other medicines"]
    assert other_medicines("i take 4.5mg of ldn at night") == []
    # LDN's own tablets are not other medicines.
    assert other_medicines("should i take 2 pills at night") == []
    assert other_medicines("im on 3 tablets of ldn") == []
    assert other_medicines("he takes 6 different pills and 2 inhalers") == ["other medicines"]
    # A stack, a range; denied ones are none (2026-11-27, set 16, new words).
    assert other_medicines("she takes a whole heap of tablets for her heart") == ["other medicines"]
    assert other_medicines("mum takes 5-6 pills daily") == ["other medicines"]
    assert other_medicines("i came off all my other meds in spring") == []
    assert other_medicines("no other tablets, just this") == []
    assert other_medicines("could it help me quit the booze") == ["alcohol"]  # what an addiction is to
    assert other_medicines("i can barely afford my vitamins") == ["supplements"]  # 2026-11-27, set 30
    # Never a combination to refuse: "is it safe with my other meds?" is the safety answer.
    assert is_context_only("other medicines") and not is_context_only("sertraline")


def test_the_question_without_medicines_only_told():
    """ "What good could ldn do, i take metformin and ramipril already": what is left asks the guide (2026-11-27, sets 25-27)."""
    from ldn.rules import without_told_medicines

    medicines = ["metformin", "ramipril"]
    assert without_told_medicines("what good could ldn do, i take metformin and ramipril already", medicines) == [
        "what good could ldn do"
    ]
    assert without_told_medicines("i take metformin and ramipril, is ldn ok with them?", medicines) == []
    assert without_told_medicines("can i take ldn with metformin", medicines) == []


def test_ldn_named_as_lo_dose():
    """ "For what sickness people take lo dose" names LDN (2026-11-27, set 26, new words)."""
    from ldn.rules import mentions_ldn

    assert mentions_ldn("is lo dose good for my knees")
    assert not mentions_ldn("my dose of vitamin d")


def test_a_medicine_told_beside_a_different_question_is_context():
    assert not medicine_is_the_question(
        "my aunt takes it with her lyrica and loves it, what does ldn treat", ["lyrica"]
    )
    assert not medicine_is_the_question(
        "pins and needles in both hands, on gabapentin, does ldn help that", ["gabapentin"]
    )
    # ...but the combination is the question when the asking clause points back at it.
    assert medicine_is_the_question("my gp has me on ldn with my lyrica, is that safe?", ["lyrica"])
    assert medicine_is_the_question("on lyrica, could i take ldn with it", ["lyrica"])
    assert medicine_is_the_question("can i take both?", ["lyrica"])
    assert medicine_is_the_question(
        "ldn and lyrica, my dad takes lyrica at night, fine together?", ["lyrica"]
    )  # 2026-11-27


def test_every_caution_has_a_reply_name():
    assert {c.name for c in cautions()} == {"pregnancy", "breastfeeding", "child", "medicine", "condition_not_covered"}


@pytest.mark.parametrize(
    "question, name, expected",
    [
        ("what else is ldn used for besides addiction?", "addiction", True),
        ("is it used for anything other than ms", "ms", True),
        # Said to tell what the drug is (2026-11-27, set 17, new words).
        ("isn't it the pill doctors prescribe for alcohol problems? why me", "alcohol", True),
        ("does ldn help with addiction?", "addiction", False),
        # Sets 97-100 (2026-11-28, new words).
        ("so what good is it, if it isn't for addiction?", "addiction", True),
        ("it's odd that addiction treatment could help pain", "addiction", True),
        # Named to say what the drug is (2026-11-26, set 11).
        ("how can an addiction medicine ease my back", "addiction", True),
        ("my ms is bad, besides that does it help fibro", "fibro", False),
        # "A drug for addiction" says what the drug is when another condition follows (2026-11-27, set 18).
        ("how does a medicine made for addiction help with ms?", "addiction", True),
        ("is it a drug for ms?", "ms", False),
        # "A drug for heroin addicts" says what the drug is (2026-11-27, sets 62/64, new words).
        ("so how would a pill for opioid addicts calm my immune system", "addicts", True),
        ("so how would a pill for heroin addicts calm my immune system", "heroin addicts", True),
        # What the drug is given to people trying to give up (2026-11-27, set 22, new words).
        ("isn't it the stuff they give folks trying to beat addiction? why me", "addiction", True),
        # What they give people to stop it (2026-11-27, set 25, new words).
        ("my aunt says ldn is what doctors give people to stop drinking. true?", "drinking", True),
        # Denied by a clause-initial "not" (2026-11-27, set 31, new words).
        ("years of pain. not ms, not crps they say, just chronic pain. worth trying?", "crps", True),
        ("years of pain. not ms, not crps they say, just chronic pain. worth trying?", "chronic pain", False),
        # A second one listed after "apart from" (2026-11-28, set 66, new words).
        ("what else is ldn prescribed for, apart from ms and my addiction", "addiction", True),
        # Denied in brackets (2026-11-28, set 74, new words).
        ("crohn's disease (not ms) - any use?", "ms", True),
        # Two denied one after another (2026-11-28, set 80, new words).
        ("could it help my lupus, not ms not addiction", "addiction", True),
        # Where it is talked about, unless named again (2026-11-28, set 80, new words).
        ("i keep reading about it in ms groups. what about crohn's?", "ms", True),
        ("i'm in an ms group, does ldn help ms?", "ms", False),
    ],
)
def test_a_condition_named_to_be_set_aside(question, name, expected):
    assert is_set_aside(question, name, ["addiction", "ms"]) is expected


@pytest.mark.parametrize(
    "question, name, expected",
    [
        ("i've seen ldn mentioned for crohn's but does it help uc?", "crohn's", True),
        ("i've seen ldn mentioned for crohn's but does it help uc?", "uc", False),
        ("does ldn help fibro and lupus?", "fibro", False),
        ("does it help ms? but what about fibro", "ms", False),  # two sentences: both asked
        # What the writer is on it for, before the condition asked about (2026-11-28, set 66, new words).
        ("i'm on ldn for my fibro and heard it helps crohn's, true?", "fibro", True),
        ("i'm on ldn for my fibro and heard it helps crohn's, true?", "crohn's", False),
        ("she takes it for her fibro, does it help fibro pain long term?", "fibro", False),
        # What it is seen recommended for, then another condition asked about (2026-11-28, set 75, new words).
        ("i see ldn recommended a lot for fibro, would it also help lupus?", "fibro", True),
        ("is ldn recommended for fibro? and lupus?", "fibro", False),
        # A drug linked to what it treats (2026-11-28, set 100, new words).
        ("why would a drug linked to addiction help my ms", "addiction", True),
    ],
)
def test_a_condition_named_before_the_question_turns_to_another(question, name, expected):
    others = [n for n in ("crohn's", "uc", "fibro", "lupus", "ms") if n in question]
    assert is_set_aside(question, name, others) is expected


def test_contraception_is_named_by_kind():
    assert other_medicines("does it interact with my birth control? I'm on microgynon") == ["hormonal contraception"]


def test_a_medicine_named_as_what_ldn_blocks_is_not_taken():
    assert is_blocked_by_ldn("how does a drug that BLOCKS opioids help with pain?", "opioids")
    assert not is_blocked_by_ldn("I'm on opioids. Does it block opioids?", "opioids")
    assert not is_blocked_by_ldn("can I take it with tramadol", "tramadol")
    # The body's own painkillers, blocked (2026-11-27, set 52, new words).
    assert is_blocked_by_ldn("if it's blocking my own natural painkillers how can it help", "painkillers")
    # Someone's own medicine that LDN might block is taken (2026-11-27, set 63, new words).
    assert not is_blocked_by_ldn("does ldn block his oxycodone? he needs it after surgery", "oxycodone")


def test_a_medicine_named_as_what_ldn_is_asked_to_be_is_not_taken():
    """ "Is LDN a narcotic?" names what LDN might be, not a medicine taken (2026-11-27, set 34, new words)."""
    assert is_blocked_by_ldn("is it the same thing as methadone then?", "methadone")
    assert other_medicines("is naltrexone basically a narcotic?") == []
    assert other_medicines("is naltrexone ok with my narcotics?") == ["painkillers"]


def test_slowing_it_down_asks_whether_it_works():
    from ldn.rules import asks_whether_it_works

    assert asks_whether_it_works("is there anything to it for MS, like slowing it down?")


def test_is_it_used_for_a_condition_asks_whether_it_works():
    from ldn.rules import asks_whether_it_works

    assert asks_whether_it_works("is naltrexone used to treat alcohol problems")
    assert asks_whether_it_works("Is that what LDN is used for, Crohn's?")
    assert not asks_whether_it_works("what conditions is ldn used for?")  # in general
    assert not asks_whether_it_works("does ldn work on the immune system?")  # what it works on
    # Used beside a treatment; a later "how do you take it" leaves the first question asked (2026-11-27, sets 21/22).
    assert asks_whether_it_works("is it ever given alongside chemo for cancer")
    assert asks_whether_it_works("does ldn help ms and how do you take it")
    assert not asks_whether_it_works("how does ldn help ms")
    # As a second language and in other words asks it (2026-11-27, sets 26/27, new words).
    assert asks_whether_it_works("is ldn really help for ms")
    assert asks_whether_it_works("my mother have parkinson, ldn can slow it?")
    assert asks_whether_it_works("will it do anything for my crohns")
    assert asks_whether_it_works("is it of any use for hashimotos")
    assert asks_whether_it_works("my cousin read that ldn cures crohns. true?")
    assert asks_whether_it_works("could it slow his ms progression")
    assert not asks_whether_it_works("does it protect nerves or slow memory decline in general?")
    assert asks_whether_it_works("can it slow dementia down at all")


def test_easing_the_story_condition_asks_whether_it_works():
    from ldn.rules import asks_whether_it_works

    assert asks_whether_it_works("his crohns flares a lot. could ldn calm it?")
    assert asks_whether_it_works("my husband drinks a lot, i wonder if it would help him")
    assert not asks_whether_it_works("could ldn calm inflammation in the gut?")  # a topic, not the story


@pytest.mark.parametrize(
    "question, topic, expected",
    [
        ("what else does it help besides the pain?", "pain", True),
        ("apart from the cost what should i know", "cost", True),
        ("does it help my pain?", "pain", False),
        ("other than the dreams, what side effects are there", "side_effects", False),  # named again, asked
        # "Not" opening a clause (2026-11-27, set 32, new words).
        ("not how to take it, i mean how many mg", "how_to_take", True),
        ("is it not good for pain?", "pain", False),
    ],
)
def test_a_topic_named_to_be_set_aside(question, topic, expected):
    from ldn.rules import is_topic_set_aside

    assert is_topic_set_aside(question, topic) is expected


def test_what_an_addiction_is_to_is_named():
    from ldn.rules import substances_of_addiction_named

    assert substances_of_addiction_named("my dad is in recovery from heroin") == ["heroin"]
    assert substances_of_addiction_named("can it help alcoholism") == ["alcohol"]
    assert substances_of_addiction_named("does it help opioid addiction") == ["opioids"]


def test_a_told_pregnancy_is_left_out_of_the_question():
    from ldn.rules import without_what_is_told

    assert without_what_is_told("pregnancy", "whats the normal dose, im 6 months pregnant and curious") == [
        "whats the normal dose,",
        "and curious",
    ]
    assert without_what_is_told("pregnancy", "is ldn safe in pregnancy?") == []


def test_trying_for_a_baby_only_told():
    """ "We're trying for a baby right now so I want to know what I'm getting into" (2026-11-28, sets 81/83,
    new words)."""
    from ldn.rules import only_tells

    assert only_tells("pregnancy", "we are trying to conceive at the moment so i'd like the facts first")
    assert not only_tells("pregnancy", "we're trying for a baby, is ldn safe in pregnancy?")
    assert not only_tells("pregnancy", "i'm trying to understand the dose")
    assert not only_tells("pregnancy", "we're trying for a baby, should ldn worry me?")
    assert not only_tells("pregnancy", "i'm 20 weeks pregnant is it ok in pregnancy?")


def test_ldn_is_named_as_voice_typing_spells_it():
    from ldn.rules import mentions_ldn

    assert mentions_ldn("does l d n cost much") and mentions_ldn("my low dose nal trex own")
    assert not mentions_ldn("my gp said all done for today")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("so why's it called low dose then?", "dose"),
        ("why do doses differ from person to person", "dose"),
        ("how low is the risk of side effects", None),
        ("does ldn raise endorphins or lower them", "how_it_works"),
        ("does ldn boost endorphins to ease pain", None),  # the pain question
        ("tell me all the benefits in one go", "benefits"),
        # The low dose against the usual one, in mg (2026-11-27, new words).
        ("is the 50 mg tablet the same thing as ldn?", "dose"),
        ("ok and the low one, what's that in mg", "dose"),
        ("normal naltrexone is much stronger isn't it", "dose"),
        ("does it raise endorphins or by dampening the immune system", "how_it_works"),
        ("what is ldn and is it used like normal naltrexone for addiction", None),
        # Other words for the dose, the cost, the mechanism and the benefits (2026-11-27, sets 21/22, new words).
        ("how much smaller is it than the regular stuff", "dose"),
        ("how does low dose compare with the normal dose naltrexone", "dose"),
        ("how does ldn compare to normal painkillers", None),
        ("what doses is ldn usually prescribed at", "dose"),
        ("what's a month of it going to set us back", "cost"),
        ("a blocker that eases pain? i don't get how that works", "how_it_works"),
        ("besides fatigue, what else can it help", "benefits"),
        # A blocker that helps; how it works in the body; why it is cheap; how low "low" is (2026-11-27, sets 23/24, new words).
        ("it blocks opioids, so how does it help anyone feel better?", "how_it_works"),
        ("how can something that blocks receptors ease pain", "how_it_works"),
        ("surely a blocker won't it make the aches worse?", "how_it_works"),
        ("how is naltrexone meant to work?", "how_it_works"),
        ("how does it work for crps", None),
        ("why is ldn so affordable", "cost"),
        ("ok, how low is 'low' in this case", "dose"),
        # The endorphin rebound, a mechanism, a blocker that helps pain, how it works explained (2026-11-27, sets 25-27, new words).
        ("what is this endorphin rebound idea everyone mentions", "how_it_works"),
        ("by what mechanism does it act", "how_it_works"),
        ("how could it help with pain if it's an opioid blocker", "how_it_works"),
        ("could someone explain how ldn works", "how_it_works"),
        ("my group all take such different doses, is there a standard range", "dose"),
        ("is it for pain only or for other problems too", "conditions"),
        # Risks, a standard dose (2026-11-27, sets 29/30, new words).
        ("what are the risks of being on ldn", "safety"),
        ("is there a standard dose, or does it vary", "dose"),
        # Risk, uses besides one, a dose on the high side, the mechanism asked last, the brain (2026-11-27, sets 31/32, new words).
        ("how risky is ldn for someone my age", "safety"),
        ("what is naltrexone used for nowadays besides alcoholism", "conditions"),
        ("my script says 3mg, is that on the high side", "dose"),
        ("my son keeps asking and i have no answer, so how does it actually work?", "how_it_works"),
        ("how would it protect the brain exactly", "neuroprotection"),
        # Whether it works at all (2026-11-27, set 33, new words).
        ("ok but does ldn actually work?", "evidence"),
        ("ldn for nerve pain, does it really work", None),  # the pain question (2026-11-27, set 50, new words)
        ("does it work for nerve pain", None),
        ("is ldn usually that expensive", "cost"),
        # Claims heard and checked (2026-11-27, sets 33/34/36, new words).
        ("could ldn have any other benefits for her", "benefits"),
        ("wondering what good it could do my dad", "benefits"),
        ("everyone online raves about it, so what is ldn mainly used for", "conditions"),
        ("what was naltrexone used for originally", None),
        ("what is it normally used for", None),
        ("a nurse told me ldn is still experimental, is it", "evidence"),
        ("apparently it costs peanuts, really?", "cost"),
        ("is 6mg still low dose", "dose"),
        # The catch (2026-11-27, set 37, new words).
        ("sounds great but whats the catch", "safety"),
        ("is naltrexone really risky", "safety"),  # (2026-11-28, set 67, new words)
        # Tolerated; the kind of doses; roughly what it costs; "what's ldn" (2026-11-28, sets 69/70, new words).
        ("how well do most people tolerate it", "safety"),
        ("what kind of doses are usually used", "dose"),
        ("could you let me know roughly what ldn costs", "cost"),
        ("what's ldn", "what_is"),
        # How a drug for something else ends up helping (2026-11-28, sets 73/74, new words).
        ("how does an old addiction pill end up helping crohns", "how_it_works"),
        # Where it stands is no abbreviation (2026-11-28, set 7, new words).
        ("where does it stand for ms these days", None),
        ("my dad keeps asking me how the new capsules work", "how_it_works"),
        # A dose in mg checked against the usual ones (2026-11-27, sets 12/23/25, new words).
        ("is 3mg a lot? my sister is on 1mg", "dose"),
        ("the chemist gave me 2mg, is that a normal dose for ldn", "dose"),
        ("what mg range is usual", "dose"),
        ("is 4.5mg a lot for my 12 year old", None),
        # What the letters stand for (2026-11-27, set 41, new words).
        ("what does ldn stand for, low dose of what drug?", "what_is"),
        ("trying to get my head around how ldn works", "how_it_works"),
        ("why is it such a small dose", "dose"),
        (
            "if it blocks the receptors, and my own painkillers use those receptors, doesn't that make the pain worse",
            "how_it_works",
        ),
        ("how can such a small dose do anything", None),
        # The price asked as "how much is it"; the conditions asked as "only for X or other stuff";
        # whether it is like an opioid (2026-11-28, sets 69/77/79, new words).
        ("and how much is ldn usually", "cost"),
        ("how much is it in mg", None),
        ("is ldn only for crohns or other things too", "conditions"),
        ("does it only help pain or does it do more", "benefits"),
        ("so is it like an opiate or a blocker", "how_it_works"),
        ("whats ldn mainly used for", "conditions"),
        ("is ldn a tablet", "how_to_take"),
        ("how tiny are we talking", "dose"),
        # What it does inside; why a blocker would ease pain (2026-11-28, sets 83/84, new words).
        ("what's the ldn really doing inside my body", "how_it_works"),
        ("why a blocker of opioids would make my pain less", "how_it_works"),
        # Sets 85-88 (2026-11-28), in new words.
        ("what does the science say about ldn in pregnancy", "pregnancy"),
        ("what does it even block", "how_it_works"),
        ("which illnesses is ldn prescribed for these days", "conditions"),
        ("why is it apparently so cheap, whats the catch", "cost"),
        ("£25 for a month, is that normal for ldn", "cost"),
        ("is 4.5 mg the maximum", "dose"),
        ("how a medicine that blocks opioids is meant to help pain", "how_it_works"),
        ("why would the doses be so different between us", "dose"),
        # Sets 89-92 (2026-11-28), in new words.
        ("what are endorfins", "how_it_works"),
        ("what could ldn actually do for me", "benefits"),
        ("what are all the conditions its used for", "conditions"),
        ("could that be the ldn or just my period", "side_effects"),
        ("is it gentler than the full dose", "side_effects"),
        ("why is his dose different from mine", "dose"),
        ("is it usually this expensive", "cost"),
        ("can ldn really ease pain or is it marketing", "pain"),
        ("how can it help with inflammation and swelling in my knees", "inflammation"),
        ("would my insurence cover it", "cost"),
        ("is it an opiate or not, what actualy is it", "what_is"),
        ("do most patients tolerate it well", "safety"),
        ("could I start ldn without asking my gp", "safety"),
        ("apparently it blocks receptors in your brain briefly, true?", "how_it_works"),
        ("how does ldn help pain in general", "pain"),
        ("wondering how it helps with inflammation", "inflammation"),
        # Sets 93-96 (2026-11-28, new words).
        ("is that the bottom of the range", "dose"),
        ("how come dosages change so much from person to person", "dose"),
        ("my dose is 3mg and my sister's is 4.5, why", "dose"),
        ("the box says 1.5g, is that right", "dose"),
        ("£60 for 30 days, is that fair or a rip off", "cost"),
        ("apparently it's used off label for loads of conditions, which ones", "conditions"),
        ("what else could it do for someone like me", "benefits"),
        ("what would I feel once it's working", "benefits"),
        ("what's the main benefit people get", "benefits"),
        ("can it lift my mood and energy", "benefits"),
        ("is it easy to tolerate", "safety"),
        ("has anybody had a bad reaction from it", "safety"),
        ("would it take the edge off my back aches", "pain"),
        ("is it any good for pain in general", "pain"),
        ("might ldn be causing the headaches or is it just stress", "side_effects"),
        ("ldn means low dose naltrexone, right?", "what_is"),
        ("how do microglia fit into how it works", "how_it_works"),
        ("and how does the liquid version work", "how_to_take"),
        ("they gave me the liquid in a bottle with a syringe, do i just swallow it", "how_to_take"),
        ("is that what it's mostly good for, pain?", "pain"),
        ("can it help the pain or is it more of an inflammation thing", "pain"),
        # Sets 97-100 (2026-11-28, new words).
        ("ldn, low dose what exactly?", "what_is"),
        ("microglia keep coming up, so what is ldn meant to do to them", "how_it_works"),
        ("how is it supposed to act on those cells", "how_it_works"),
        ("if it blocks receptors only for a few hours how does that do anything all day", "how_it_works"),
        ("would it work like an anti-inflammatory", "how_it_works"),
        ("will it give me more energy", "benefits"),
        ("does it make patients feel better day to day", "benefits"),
        ("what's ldn meant to do for someone", "benefits"),
        ("what illnesses it's mostly used for, in general", "conditions"),
        ("do most people do ok on ldn", "safety"),
        ("is 3mg the usual dose", "dose"),
        ("why is my sister on 4.5 when my mum takes 1.5", "dose"),
        ("could I have it through my health plan", "cost"),
        ("does it help autoimmune conditions in general", "immune"),
        # Sets 101-104 (2026-11-28, new words).
        ("is ldn as harsh as the 50mg one", "side_effects"),
        ("how does it compare with regular naltrexone when it comes to side effects", "side_effects"),
        ("is it mostly a pain drug or does it get used for other things", "conditions"),
        ("is there anything it isn't used for", "conditions"),
        ("why is my dose so low when my sister is on 4.5", "dose"),
        ("so it works by blocking something?", "how_it_works"),
        ("my mate says it tricks the brain into producing more endorphins, true?", "how_it_works"),
        ("would it help the pain generally", "pain"),
        ("what forms is it available in", "how_to_take"),
        ("can it stop brain cells dying", "neuroprotection"),
        ("microglia again - what's ldn do to them?", "how_it_works"),
        # The currency in words (2026-11-28, the fresh clone's smoke test, new words).
        ("30 quid for 50 caps, is that about right", "cost"),
        ("paying 80 dollars a month, is that too much", "cost"),
    ],
)
def test_a_question_that_names_its_topic(question, topic):
    from ldn.rules import topic_asked_for

    assert topic_asked_for(question) == topic


def test_what_the_name_means_is_asked_anywhere_in_the_message():
    """The question asks why it is called low; the next sentence says it asks what the name means
    (2026-11-28, set 52, new words)."""
    from ldn.rules import asks_what_it_is

    assert asks_what_it_is("so why is it called low?", "so why is it called low? low compared with what, exactly")
    assert not asks_what_it_is("so why is it called low?", "so why is it called low? my friend takes it")
    # ...when the question is about the name, not the dose (set 4).
    assert not asks_what_it_is("what's a normal ldn dose?", "what's a normal ldn dose? low compared with what?")


def test_whether_to_take_it_pregnant_is_the_pregnancy_question_but_when_it_starts_is_not():
    """Starting it is asked about; "before I start it" only says when (2026-11-28, set 68, new words)."""
    from ldn.rules import caution_is_the_question

    assert caution_is_the_question("pregnancy", "ttc at the moment, should i start ldn")
    assert not caution_is_the_question(
        "pregnancy", "what does it actually do in the body? i'd like to know before i start it"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Whether to stop, after the pregnancy is told (2026-11-28, sets 94-96, new words).
        ("do I need to stop?", True),
        ("should we stop it first?", True),
        ("should i come off my 4.5mg ldn now?", True),
        # Before fertility treatment (2026-11-28, set 100, new words).
        ("should we stop it before we begin ivf?", True),
        # Whether to stay on it (2026-11-28, set 102, new words).
        ("should I still be on ldn?", True),
        ("can we carry on with ldn?", True),
        # ...not how to stop, nor with more said after it (set 50).
        ("can i come off it cold turkey?", False),
        ("should I stop ldn now I've had a positive test?", False),
        # The state named in the question (set 90).
        ("is it ok to take ldn when pregnent", True),
        ("is it ok to take ldn", False),
    ],
)
def test_the_pregnancy_answer_over_a_refusal(question, expected):
    from ldn.rules import caution_answers_over_a_refusal

    assert caution_answers_over_a_refusal("pregnancy", question) is expected


def test_a_question_in_general_is_not_about_the_story():
    """ "In general, does it help with pain?" after a story of migraines (2026-11-27, set 35, new words)."""
    from ldn.rules import asks_about_conditions_in_general, asks_in_general

    assert asks_in_general("generally speaking, can ldn ease pain, or was she just lucky")
    assert not asks_in_general("could ldn help my migraines")
    assert asks_about_conditions_in_general("what sorts of illnesses do people take it for")
    # (2026-11-28, set 66, new words.)
    assert asks_about_conditions_in_general("what else do doctors use it for")
    # ...not a doubt after the question about the story (2026-11-28, set 101, new words).
    assert not asks_about_conditions_in_general("could it help my joints? or is it mainly for other problems?")
    assert asks_about_conditions_in_general("is there anything ldn can't treat")


def test_whether_it_protects_the_brain_is_no_question_about_the_story():
    """(2026-11-28, set 75, new words.)"""
    from ldn.rules import asks_whether_it_works

    assert not asks_whether_it_works("can ldn help protect the nerves as we get older?")
    assert asks_whether_it_works("can ldn help with it?")


def test_a_worry_about_treatment_is_no_combination_question():
    """ "I don't want to interfere with his chemo" (2026-11-27, set 35, new words)."""
    assert "combine" not in question_types_asked("is it used for cancer? we'd never want to mess with his chemo")
    assert "combine" in question_types_asked("would ldn interfere with his chemo")


def test_regular_naltrexone_named_by_what_it_treats_asks_about_no_alcohol():
    # "The naltrexone they give people to stop drinking" (2026-11-27, sets 39/41/42, new words).
    from ldn.rules import other_medicines

    for question in (
        "how much weaker is ldn than the naltrexone doctors prescribe to stop drinking?",
        "is it the same medicine they give alcoholics, only less of it",
        "how does the alcohol dose compare, in mg",
        "how low is ldn compared with the naltrexone they use for drinking",
    ):
        assert question_types_asked(question) == [] and other_medicines(question) == [], question
    # ...and a drink asked about after it is still asked about.
    assert question_types_asked("i was on naltrexone for alcohol once, is a beer ok with ldn?") == ["alcohol"]
    # ...and what it treats is still the context that asks about no drink.
    assert question_types_asked("isn't naltrexone for alcoholics? could it help my uncle with his drinking") == []
    # One the patient takes is a medicine named.
    assert other_medicines("how much lower is ldn than the naltrexone i take for alcohol") == ["alcohol"]
    # ...and so is a drink the patient tells of (writers of sets 17 and 22 marked it).
    assert other_medicines("isn't it the drug they give alcoholics? i barely drink") == ["alcohol"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Whether LDN is naltrexone itself, asked anywhere in the question (2026-11-27, sets 25-44, new words).
        ("why do they call it low dose, is there a regular strength one?", True),
        ("is ldn a different medicine from regular naltrexone", True),
        ("is that the same stuff doctors give folks in rehab", True),
        ("low compared to what though", True),
        ("whats the low-dose part actually about", True),
        ("is it an immunosuppressant like my methotrexate or a totally different thing", False),
        ("is it the same thing as narcan", False),
        ("why is it called low dose", False),
        # Whether it is a real medicine at all (2026-11-28, set 78, new words).
        ("my mum reckons it's not a real medicine, just something off the internet", True),
        ("is ldn a real drug or some made-up thing", True),
    ],
)
def test_asking_whether_ldn_is_naltrexone_itself(question, expected):
    from ldn.rules import asks_what_it_is

    assert asks_what_it_is(question) is expected


def test_a_piece_naming_only_another_topic():
    """ "...how does the price work" asks the price, not how LDN works (2026-11-27, set 46, new words)."""
    from ldn.rules import names_only_another_topic

    assert names_only_another_topic("and how does the price work", "how_it_works")
    assert not names_only_another_topic("and how does it work", "how_it_works")
    assert not names_only_another_topic("what actually is low dose naltrexone", "what_is")


def test_items_of_a_quoted_list_the_message_denies():
    """A leaflet's list quoted, then "none of that is happening" (2026-11-27, set 46, new words)."""
    from ldn.rules import is_denied

    text = "leaflet says:\n- chest pain\n- fainting\nnone of those are happening to me"
    assert is_denied("- chest pain", text)
    assert not is_denied("my chest hurts", text + "\nmy chest hurts")
    assert not is_denied("- chest pain", "leaflet says:\n- chest pain")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Whether LDN helps an addiction, however the drug was named before (2026-11-27, sets 36/43/48, new words).
        ("isn't it the rehab drug? would the low dose help my uncle stay sober", True),
        ("ldn heroin addiction", True),
        ("could it do anything for his alcohol cravings", True),
        ("is naltrexone the one for alcoholism then", True),
        ("what is naltrexone prescribed for besides addiction", False),
        ("will ldn help with sugar cravings", False),
        ("what was naltrexone made for, addiction?", False),
        # "Something they use for" it (2026-11-28, set 81, new words).
        ("isn't naltrexone a medicine doctors prescribe for alcohol addiction?", True),
        # Sets 85-88 (2026-11-28), in new words.
        ("would naltrexone help my dad give up the drink", True),
        ("does ldn work or is it something quite different", False),
    ],
)
def test_asking_whether_it_helps_an_addiction(question, expected):
    from ldn.rules import asks_whether_it_helps_addiction

    assert asks_whether_it_helps_addiction(question) is expected


def test_readings_of_sets_85_to_88():
    from ldn import rules

    assert rules.medicine_is_the_question(
        "I vape a bit of cannabis at night, will that clash with my ldn", ["cannabis"]
    )
    assert rules.asks_about_the_story("is there anything in it for my mum")
    assert rules.asks_about_the_story("is it worth adding to my meds?")
    assert not rules.asks_whether_it_works("does it work anything like tramadol")
    assert not rules.asks_what_it_is("Is LDN only for fibro? Is it usual for the same drug to treat many things?")


def test_readings_of_sets_93_to_96():
    from ldn import rules

    assert rules.follows_up_the_first("or is it mainly for specific conditions?")
    assert rules.follows_up_the_first("and is the low dose version new")


def test_readings_of_sets_89_to_92():
    from ldn import rules

    assert not rules.medicine_is_the_question("why is ldn so cheap compared to my enbrel", ["enbrel"])
    assert rules.medicine_is_the_question("will ldn weaken my contraception", ["hormonal contraception"])
    assert rules.asks_about_conditions_in_general("is it for one thing or loads of diffrent illnesses")
    assert rules.asks_whether_it_helps_addiction("is naltrexone a medicine that helps with heroin addiction")
    assert rules.caution_is_the_question("pregnancy", "positive test this morning, what should I do next")
    assert rules.asks_whether_it_helps_addiction("is it commonly used for heroin and alcohol addiction")
    assert not rules.asks_whether_it_helps_addiction("is it used for any illnesses apart from addiction")
    assert not rules.asks_whether_it_helps_addiction("what is it used to treat these days besides addiction")
    assert rules.follows_up_the_first("why does everyone keep bringing them up")
    assert rules.follows_up_the_first("is that what it does in the body")


@pytest.mark.parametrize(
    "text",
    [
        "rough month, been saving my tablets up and tonight is the night. anyway does ldn come as a liquid",
        "my brother has been stashing his painkillers away, he says he is done",
    ],
)
def test_pills_saved_up_and_tonight_is_the_night_are_a_crisis(text):
    assert emergency_kinds(text) == ["crisis"]
