"""What the simulated users send.

PATIENT: questions in a patient's own words, written for the benchmark only (never
trained on, not taken from data/ or tests/heldout/). STOCK: the kind of message the
stock `rasa init` bot is built for (greetings, mood, goodbye). The two bots answer
different questions; what is compared is how fast each server answers its own users.
"""

PATIENT = [
    "hi, my doctor just put me on LDN, what is it exactly?",
    "what are the side effects of low dose naltrexone",
    "ive been having really weird dreams since starting ldn is that normal",
    "how much ldn should i be taking",
    "can i take it in the morning instead of at night? i cant sleep",
    "does ldn help with fibromyalgia",
    "my mom has MS and her neurologist mentioned LDN, does it work for that",
    "is it safe to take ldn if im pregnant",
    "i take tramadol for my back, can i still start ldn?",
    "how long does it take before i notice anything",
    "where do i get ldn filled, my regular pharmacy says they dont have it",
    "why does it have to be compounded",
    "what happens if i forget a dose",
    "is LDN the same thing as naltrexone for alcohol",
    "can ldn cause headaches? mine started last week",
    "tell me more",
    "what dose do people usually start at",
    "i feel nauseous after taking it, should i worry",
    "does insurance usually pay for this",
    "what conditions is ldn used for",
    "Can I drink coffee with ldn",
    "how does low dose naltrexone actually work in the body",
    "is there research showing ldn works",
    "my daughter has crohns, could ldn help her",
    "i have long covid and saw ldn online. is it for me",
    "can i stop taking it suddenly",
    "what does the guide say about opioid painkillers and ldn",
    "how is it different from regular naltrexone",
    "ok thanks that helps",
    "im on it for chronic pain. anything i should watch for?",
    "what form does it come in, pills or liquid?",
    "is it addictive",
    "can i take it with my thyroid medicine",
    "i've been on 4.5mg for a month and nothing changed. normal?",
    "who should not take ldn",
    "is the insomnia going to go away",
    "what's the max dose",
    "do i need a prescription for LDN",
    "are you a real person",
    "bye, thank you",
]

STOCK = [
    "hello",
    "hi there",
    "good morning",
    "I am feeling great",
    "so so perfect",
    "I am sad",
    "not good",
    "very unhappy",
    "yes",
    "no",
    "are you a bot?",
    "goodbye",
    "see you later",
    "indeed",
    "never",
    "I am amazing",
]
