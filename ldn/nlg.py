"""Answer texts served from their source files: an edited answer is live in seconds.

Rasa's stock generator serves the response texts frozen into the trained model, so
changing one word of an answer meant retraining (162 s) and restarting. This one
(endpoints.yml, `nlg: type: ldn.nlg.LiveResponses`) reads the texts from the
response source (`ldn.settings.responses_source()`), checks at most once a second
whether it changed, and serves the new texts without retraining or restarting.

- The model's own responses are the fallback: used until the source is read, and
  when it can't be.
- A changed source that can't be loaded, or that lost a response the model uses, is
  refused: logged, and the texts already served stay.
- {clinic_phone} and the other clinic details are filled from settings (ldn/settings.py),
  so answers don't depend on slots set at the start of a session.
"""

import logging
import time
from pathlib import Path
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from ldn import rasa_fixes
from ldn.conditions import guide_condition_list
from ldn.settings import response_variables, responses_source

logger = logging.getLogger(__name__)

Responses = dict[str, list[dict[str, Any]]]
CHECK_EVERY_S = 1.0


def source_signature(source: Path) -> tuple:
    """Changes whenever a file of the source is edited, added or removed."""
    files = [source] if source.is_file() else sorted(source.rglob("*.y*ml")) if source.is_dir() else []
    signature = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        signature.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


class LiveResponses(TemplatedNaturalLanguageGenerator):
    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
        source: Path | None = None,
    ) -> None:
        self.source = Path(source) if source else responses_source()
        self._served: Responses = {}
        self._model: Responses = {}
        self._signature: tuple | None = None
        self._checked_at = float("-inf")
        super().__init__(domain.responses if domain else {})
        rasa_fixes.install()  # this module is loaded in the Rasa process only: see ldn/rasa_fixes.py

    @property
    def responses(self) -> Responses:
        if time.monotonic() - self._checked_at >= CHECK_EVERY_S:
            self._reload_if_changed()
            self._checked_at = time.monotonic()
        return self._served

    @responses.setter
    def responses(self, model_responses: Responses) -> None:
        """Rasa sets the model's responses here (at start and on a model change)."""
        self._model = dict(model_responses or {})
        self._served = dict(self._model)
        self._signature = None
        self._checked_at = float("-inf")

    def _reload_if_changed(self) -> None:
        signature = source_signature(self.source)
        if signature == self._signature:
            return
        self._signature = signature
        if not signature:
            logger.warning("nlg: response source %s not found; serving the model's responses", self.source)
            self._served = dict(self._model)
            return
        try:
            loaded = Domain.load(str(self.source)).responses
        except Exception as error:  # Rasa raises several kinds for bad YAML or a bad domain
            logger.error("nlg: %s could not be loaded (%s); the previous texts stay", self.source, error)
            return
        missing = sorted(set(self._model) - set(loaded))
        if missing:
            logger.error(
                "nlg: %s lost %d response(s) the model uses (%s); the previous texts stay",
                self.source,
                len(missing),
                ", ".join(missing[:10]),
            )
            return
        changed = sum(loaded[name] != self._served.get(name) for name in loaded)
        self._served = dict(loaded)
        logger.info("nlg: response texts read from %s (%d changed)", self.source, changed)

    def _response_variables(self, filled_slots: dict[str, Any] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        """Slots, then the clinic's current details from settings, then the action's own values."""
        variables = dict(filled_slots or {})
        variables.update(response_variables())
        variables["covered_conditions"] = guide_condition_list()
        variables.update(kwargs)
        return variables
