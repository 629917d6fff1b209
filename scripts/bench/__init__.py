"""make bench: the assistant against a stock `rasa init` bot, side by side (issue 11)."""
