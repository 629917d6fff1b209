"""ldn/yaml_file.py: the fast loader reads every project file as PyYAML's safe_load does, and stays safe."""

from pathlib import Path

import pytest
import yaml

from ldn import yaml_file

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("ldn/**/*.yml"), *ROOT.glob("data/**/*.yml"), ROOT / "settings.yml", ROOT / "config.yml"])


def test_every_project_file_reads_the_same():
    assert len(FILES) > 20
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert yaml_file.safe_load(text) == yaml.safe_load(text), path


def test_python_objects_are_refused():
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml_file.safe_load("!!python/object/apply:os.getcwd []")
