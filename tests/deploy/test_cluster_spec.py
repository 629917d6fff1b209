"""make cluster, deploy/compose.yml and deploy/k8s/ describe the same cluster: deploy/cluster.yml.

No Docker or Kubernetes here: the files are parsed and compared with the spec, and the
generated nginx files must be what `make deploy-files` writes now.
"""

import re

import pytest
import yaml

from scripts.cluster import spec as cluster

pytestmark = pytest.mark.unit

DEPLOY = cluster.ROOT / "deploy"
SPEC = cluster.load()
PORTS = {name: service["port"] for name, service in SPEC["services"].items()}
RASA_ENV = SPEC["environment"]["rasa"]
# Values that must be the same everywhere (secrets and addresses differ per deployment).
PG = SPEC["postgres"]
FIXED_VALUES = {
    "SQL_POOL_SIZE": PG["pool_size"],
    "SQL_MAX_OVERFLOW": PG["max_overflow"],
    "LDN_CHANNEL_STATE_POOL": PG["channel_state_pool"],
    "TICKET_LOCK_LIFETIME": SPEC["rasa"]["ticket_lock_lifetime"],
    "LDN_CHANNEL_STATE": "postgresql",
    "LDN_REDIS_PORT": PORTS["redis"],
    "RASA_TELEMETRY_ENABLED": "false",
}


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yml").read_text())


def k8s_documents() -> list[dict]:
    docs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yml")):
        docs += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs


def k8s(kind: str, name: str) -> dict:
    return next(d for d in k8s_documents() if d["kind"] == kind and d["metadata"]["name"] == name)


def container_env(workload: dict) -> dict[str, str]:
    env = workload["spec"]["template"]["spec"]["containers"][0].get("env", [])
    return {item["name"]: item.get("value") for item in env}


def test_generated_deploy_files_are_up_to_date():
    for path, text in cluster.deploy_files().items():
        assert path.read_text() == text, f"{path.relative_to(cluster.ROOT)} is stale: run `make deploy-files`"


def test_connection_budget_fits_postgresql():
    usable = PG["max_connections"] - PG["superuser_reserved_connections"]
    assert cluster.connection_budget(SPEC, SPEC["replicas"]) < usable


def test_compose_has_every_service_on_the_spec_ports():
    services = compose()["services"]
    replicas = [f"rasa-{i}" for i in range(SPEC["replicas"])]
    assert set(services) == {"nginx", "actions", "web", "postgres", "redis", *replicas}
    assert services["nginx"]["ports"] == [f"{PORTS['nginx']}:{PORTS['nginx']}"]
    for name in ("actions", "web", "postgres", "redis", *replicas):
        spec_name = "rasa" if name.startswith("rasa-") else name
        assert services[name]["expose"] == [str(PORTS[spec_name])], name
    for name in replicas:  # nginx.conf names replicas as Kubernetes does; Compose gives the same alias
        assert services[name]["networks"]["default"]["aliases"] == [f"{name}.rasa"]


def test_compose_rasa_environment_matches_the_spec():
    services = compose()["services"]
    for i in range(SPEC["replicas"]):
        env = services[f"rasa-{i}"]["environment"]
        assert sorted(env) == sorted(RASA_ENV)
        for name, value in FIXED_VALUES.items():
            assert str(env[name]) == str(value), name
        assert f":{PORTS['postgres']}/{PG['database']}" in env["LDN_TRACKER_URL"]
        assert env["LDN_ACTIONS_URL"] == f"http://actions:{PORTS['actions']}/webhook"
    assert sorted(services["actions"]["environment"]) == sorted(SPEC["environment"]["actions"])
    assert f"max_connections={PG['max_connections']}" in services["postgres"]["command"]
    assert f"superuser_reserved_connections={PG['superuser_reserved_connections']}" in services["postgres"]["command"]


def test_kubernetes_services_and_ports_match_the_spec():
    services = {d["metadata"]["name"]: d for d in k8s_documents() if d["kind"] == "Service"}
    assert set(services) == set(PORTS)
    for name, service in services.items():
        assert [p["port"] for p in service["spec"]["ports"]] == [PORTS[name]], name
        assert [p["targetPort"] for p in service["spec"]["ports"]] == [PORTS[name]], name
    rasa = k8s("StatefulSet", "rasa")
    assert rasa["spec"]["replicas"] == SPEC["replicas"]
    assert rasa["spec"]["serviceName"] == "rasa" and services["rasa"]["spec"]["clusterIP"] == "None"
    for kind, name in [
        ("StatefulSet", "rasa"),
        ("Deployment", "actions"),
        ("Deployment", "web"),
        ("StatefulSet", "postgres"),
        ("Deployment", "redis"),
        ("Deployment", "nginx"),
    ]:
        ports = k8s(kind, name)["spec"]["template"]["spec"]["containers"][0]["ports"]
        assert [p["containerPort"] for p in ports] == [PORTS[name]], name


def test_kubernetes_rasa_environment_matches_the_spec():
    env = container_env(k8s("StatefulSet", "rasa"))
    assert sorted(set(env) - {"LDN_PG_PASSWORD"}) == sorted(RASA_ENV)
    for name, value in FIXED_VALUES.items():
        assert str(env[name]) == str(value), name
    assert sorted(container_env(k8s("Deployment", "actions"))) == sorted(SPEC["environment"]["actions"])
    args = k8s("StatefulSet", "postgres")["spec"]["template"]["spec"]["containers"][0]["args"]
    assert f"max_connections={PG['max_connections']}" in args


def test_every_variable_the_cluster_endpoints_read_is_in_the_spec():
    used = set(re.findall(r"\$\{(\w+)\}", (DEPLOY / "endpoints.cluster.yml").read_text()))
    assert used and used <= set(RASA_ENV)


def test_make_cluster_sets_every_rasa_variable():
    """start.sh (with the spec's exports and scripts/env.sh) gives each replica the spec's
    environment; TWILIO_AUTH_TOKEN and SENDER_ID_SECRET come from the caller, as for make run.
    The failover test checks a running replica's real environment."""
    script = (cluster.ROOT / "scripts" / "cluster" / "start.sh").read_text()
    script += (cluster.ROOT / "scripts" / "env.sh").read_text()
    script += "\n".join(cluster.shell_exports(SPEC))
    for name in set(RASA_ENV) - {"TWILIO_AUTH_TOKEN", "SENDER_ID_SECRET"}:
        assert re.search(rf"\b{name}=", script), name


def test_nginx_routes_the_same_paths_as_make_run():
    config = (DEPLOY / "nginx" / "nginx.conf").read_text()
    for location in (
        "location = /webhooks/rest/webhook",
        "location = /webhooks/twilio/webhook",
        "location /socket.io/",
        "location / ",
    ):
        assert location in config
    replicas = re.findall(r"server (rasa-\d+)\.rasa:(\d+)", config)
    assert sorted(set(replicas)) == [(f"rasa-{i}", str(PORTS["rasa"])) for i in range(SPEC["replicas"])]
    assert f"listen {PORTS['nginx']};" in config
