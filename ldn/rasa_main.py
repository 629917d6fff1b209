"""`rasa`, as the project runs it: Rasa's own command line, minus one unused import.

Importing Rasa imports TensorFlow, and TensorFlow imports jax when it is installed
(tensorflow/lite/python/util.py, inside `try: ... except ImportError`), for TFLite
conversion, which Rasa never does; no model of ours uses TensorFlow at all. Marking
jax absent before Rasa starts saves 66 MB per Rasa process and part of a second of
start-up (README, "Performance").

    .venv/bin/python -m ldn.rasa_main run ...     # same arguments as `rasa`
"""

import sys


def without_jax() -> None:
    """Before TensorFlow is imported: None in sys.modules makes "import jax" raise ImportError."""
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]


def main() -> None:
    without_jax()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
