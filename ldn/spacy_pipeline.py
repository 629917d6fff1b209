"""Build the project's own spaCy pipeline; Rasa's SpacyNLP loads it by path.

No official model can be downloaded here, so the pipeline is made in code:
blank English, a lookup lemmatizer from spacy-lookups-data, and an EntityRuler
that tags the conditions and medicines of ldn/conditions.yml.

    python -m ldn.spacy_pipeline build/spacy/en_ldn
"""

import sys
from pathlib import Path

from ldn.conditions import ruler_patterns

PIPELINE_NAME = "en_ldn"
PIPELINE_VERSION = "1.0.0"


def build(output_dir: Path) -> Path:
    import spacy  # imported here: heavy, and only needed when building
    from spacy.pipeline import EntityRuler

    nlp = spacy.blank("en")
    nlp.meta.update({"name": PIPELINE_NAME, "version": PIPELINE_VERSION})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data into the pipeline
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(ruler_patterns())
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else f"build/spacy/{PIPELINE_NAME}")
    print(f"spaCy pipeline written to {build(target)}")
