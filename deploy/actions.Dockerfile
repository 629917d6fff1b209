# Action server and widget-page image: the official rasa/rasa-sdk:3.6.2 with this project's
# actions, settings and the widget's static files. Build from the repository root after
# `make widget`:
#   docker build -f deploy/actions.Dockerfile -t ldn-actions .
# Action server (default command): port 5055. Widget page: python -m web.server --port 8080 --bind 0.0.0.0
FROM rasa/rasa-sdk:3.6.2
WORKDIR /app
USER root
RUN pip install --no-cache-dir PyYAML==6.0.4
COPY actions/ actions/
COPY ldn/ ldn/
COPY web/ web/
COPY settings.yml ./
ENV PYTHONPATH=/app RASA_TELEMETRY_ENABLED=false
USER 1001
EXPOSE 5055 8080
ENTRYPOINT []
CMD ["python", "-m", "rasa_sdk", "--actions", "actions", "--port", "5055"]
