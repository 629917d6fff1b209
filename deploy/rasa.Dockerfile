# Rasa replica image: the official rasa/rasa:3.6.21-full with this project's code, trained
# model and spaCy pipeline. Build from the repository root after `make run` (or `make
# train widget`) has built models/ and build/:
#   docker build -f deploy/rasa.Dockerfile -t ldn-rasa .
FROM rasa/rasa:3.6.21-full
WORKDIR /app
COPY --chown=1001 channels/ channels/
COPY --chown=1001 ldn/ ldn/
COPY --chown=1001 build/spacy/ build/spacy/
COPY --chown=1001 models/ldn.tar.gz models/ldn.tar.gz
COPY --chown=1001 credentials.yml settings.yml ./
COPY --chown=1001 deploy/endpoints.cluster.yml deploy/endpoints.cluster.yml
ENV PYTHONPATH=/app RASA_TELEMETRY_ENABLED=false LDN_CHANNEL_STATE=postgresql
USER 1001
EXPOSE 5005
CMD ["run", "--model", "models/ldn.tar.gz", "--port", "5005", "--credentials", "credentials.yml", \
     "--endpoints", "deploy/endpoints.cluster.yml"]
