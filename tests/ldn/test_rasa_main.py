"""ldn/rasa_main.py: Rasa's own command line, and TensorFlow imported without jax."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from ldn import rasa_main
sys.argv = ["rasa", "--version"]
try:
    rasa_main.main()
except SystemExit:
    pass
import rasa.core.agent  # imports TensorFlow, which would import jax
print("jax loaded:", sys.modules.get("jax") is not None)
"""


def test_rasa_runs_and_tensorflow_loads_without_jax():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "3.6.21" in out.stdout
    assert "jax loaded: False" in out.stdout
