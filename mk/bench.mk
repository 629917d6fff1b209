# Benchmark (issue 11): our assistant against a stock `rasa init` bot, one table of ratios.
# Not part of `make test` (a smoke run of it is). Traffic goes to 127.0.0.1 only.
#   make bench                       full run: trains both from clean (~15 min)
#   make bench ARGS=--skip-train     reuse the trained models
#   make bench-profile               where one message's time goes (README, "Performance")
#   make bench-tracker               tracker store micro-benchmark (turn 1 against turn 100)
.PHONY: bench bench-profile bench-tracker
bench: $(MODEL) $(WIDGET_BUNDLE)
	source scripts/env.sh && $(PY) -m scripts.bench.run $(ARGS)

bench-profile: $(MODEL)
	source scripts/env.sh && $(PY) -m scripts.bench.profile $(ARGS)

bench-tracker: | $(VENV)/.installed
	source scripts/env.sh && $(PY) -m scripts.bench.tracker_micro $(ARGS)
