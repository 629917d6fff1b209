"""deploy/cluster.yml, read once: ports, pool sizes, and the nginx config rendered from it.

    python -m scripts.cluster.spec shell            # `export` lines for scripts/cluster/start.sh
    python -m scripts.cluster.spec nginx OUT        # nginx config for make cluster (127.0.0.1)
    python -m scripts.cluster.spec deploy-files     # deploy/nginx/nginx.conf (Compose), deploy/k8s/nginx-config.yml

Environment overrides for make cluster (tests and benchmarks use them):
LDN_CLUSTER_REPLICAS, LDN_CLUSTER_HOST (nginx listen address, default 127.0.0.1),
LDN_CLUSTER_RATE_LIMIT / LDN_CLUSTER_BURST (per-client request rate, e.g. "20r/s" / 40).
"""

import os
import shlex
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILE = ROOT / "deploy" / "cluster.yml"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "nginx.conf.template"
DEPLOY_NGINX = ROOT / "deploy" / "nginx" / "nginx.conf"
DEPLOY_NGINX_CONFIGMAP = ROOT / "deploy" / "k8s" / "nginx-config.yml"

# Per-client limits. A patient types a message every few seconds; a page load fetches a
# handful of assets and opens one socket. 10 r/s with a burst of 40 never touches a person
# and stops one address from flooding the replicas.
RATE_LIMIT = "10r/s"
BURST = 40
TWILIO_RATE_LIMIT = "50r/s"  # all SMS arrive from Twilio's addresses
TWILIO_BURST = 200
CONN_LIMIT = 100


def load() -> dict[str, Any]:
    with SPEC_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def replicas(spec: dict[str, Any]) -> int:
    return int(os.environ.get("LDN_CLUSTER_REPLICAS") or spec["replicas"])


def local_port(spec: dict[str, Any], service: str, index: int = 0) -> int:
    return int(spec["services"][service]["local_port"]) + index


def connection_budget(spec: dict[str, Any], replica_count: int) -> int:
    """PostgreSQL connections all replicas may open at most."""
    pg = spec["postgres"]
    return replica_count * (int(pg["pool_size"]) + int(pg["max_overflow"]) + int(pg["channel_state_pool"]))


def shell_exports(spec: dict[str, Any]) -> list[str]:
    count = replicas(spec)
    pg = spec["postgres"]
    budget = connection_budget(spec, count)
    usable = int(pg["max_connections"]) - int(pg["superuser_reserved_connections"])
    if budget >= usable:
        raise SystemExit(
            f"deploy/cluster.yml: {count} replicas x pools = {budget} PostgreSQL connections, "
            f"but only {usable} are available: raise max_connections or lower the pools."
        )
    values = {
        "CLUSTER_REPLICAS": count,
        "CLUSTER_NGINX_PORT": local_port(spec, "nginx"),
        "CLUSTER_RASA_PORTS": " ".join(str(local_port(spec, "rasa", i)) for i in range(count)),
        "CLUSTER_ACTIONS_PORTS": " ".join(str(local_port(spec, "actions", i)) for i in range(count)),
        "CLUSTER_WEB_PORT": local_port(spec, "web"),
        "CLUSTER_PG_PORT": local_port(spec, "postgres"),
        "CLUSTER_REDIS_PORT": local_port(spec, "redis"),
        "CLUSTER_PG_DATABASE": pg["database"],
        "CLUSTER_PG_USER": pg["user"],
        "CLUSTER_PG_MAX_CONNECTIONS": pg["max_connections"],
        "CLUSTER_PG_RESERVED": pg["superuser_reserved_connections"],
        "SQL_POOL_SIZE": pg["pool_size"],
        "SQL_MAX_OVERFLOW": pg["max_overflow"],
        "LDN_CHANNEL_STATE_POOL": pg["channel_state_pool"],
        "TICKET_LOCK_LIFETIME": spec["rasa"]["ticket_lock_lifetime"],
    }
    return [f"export {name}={shlex.quote(str(value))}" for name, value in values.items()]


def _servers(addresses: list[str], extra: str = "") -> str:
    return "\n".join(f"        server {address}{extra};" for address in addresses)


def render_nginx(values: dict[str, str]) -> str:
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        raise SystemExit(f"nginx template: unfilled placeholder near {text[text.index('{{') :][:40]!r}")
    return text


def _limits() -> dict[str, str]:
    return {
        "rate_limit": os.environ.get("LDN_CLUSTER_RATE_LIMIT") or RATE_LIMIT,
        "burst": os.environ.get("LDN_CLUSTER_BURST") or str(BURST),
        "twilio_rate_limit": TWILIO_RATE_LIMIT,
        "twilio_burst": str(TWILIO_BURST),
        "conn_limit": str(CONN_LIMIT),
    }


# Three failures (refused connections, or answers slower than proxy_read_timeout) within
# 5 s take a replica out for 5 s. Not one: on an overloaded machine a single slow answer
# from the surviving replica then took it out too, and nginx had no replica left (measured).
FAIL = " max_fails=3 fail_timeout=5s"


def local_nginx(spec: dict[str, Any], cluster_dir: Path, user: str = "") -> str:
    count = replicas(spec)
    host = os.environ.get("LDN_CLUSTER_HOST") or "127.0.0.1"
    return render_nginx(
        {
            "user_line": f"user {user};\n" if user else "",
            "worker_processes": "1",  # one core is plenty for a proxy; Rasa needs the rest
            "run_dir": str(cluster_dir / "run"),
            "log_dir": str(cluster_dir / "logs"),
            "temp_dir": str(cluster_dir / "nginx"),
            "listen": f"{host}:{local_port(spec, 'nginx')}",
            "rasa_servers": _servers([f"127.0.0.1:{local_port(spec, 'rasa', i)}" for i in range(count)], FAIL),
            "web_servers": _servers([f"127.0.0.1:{local_port(spec, 'web')}"]),
            **_limits(),
        }
    )


def deploy_nginx(spec: dict[str, Any]) -> str:
    """Compose and Kubernetes: replicas are rasa-0, rasa-1, ... (StatefulSet / Compose service names)."""
    port = spec["services"]["rasa"]["port"]
    rasa = [f"rasa-{i}.rasa:{port}" for i in range(int(spec["replicas"]))]
    return render_nginx(
        {
            "user_line": "",
            "worker_processes": "auto",
            "run_dir": "/tmp",
            "log_dir": "/var/log/nginx",
            "temp_dir": "/tmp/nginx",
            "listen": str(spec["services"]["nginx"]["port"]),
            "rasa_servers": _servers(rasa, FAIL),
            "web_servers": _servers([f"web:{spec['services']['web']['port']}"]),
            **_limits(),
            "rate_limit": RATE_LIMIT,
            "burst": str(BURST),
        }
    )


def nginx_configmap(config: str) -> str:
    header = "# GENERATED by `make deploy-files` from deploy/nginx/nginx.conf.template and deploy/cluster.yml.\n"
    body = yaml.safe_dump(
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ldn-nginx"}, "data": {"nginx.conf": config}},
        sort_keys=False,
        width=1000,
    )
    return header + body


def deploy_files() -> dict[Path, str]:
    """Every generated deployment file and its expected content."""
    config = deploy_nginx(load())
    return {DEPLOY_NGINX: config, DEPLOY_NGINX_CONFIGMAP: nginx_configmap(config)}


def main(argv: list[str]) -> int:
    spec = load()
    if argv[:1] == ["shell"]:
        print("\n".join(shell_exports(spec)))
    elif argv[:1] == ["nginx"] and len(argv) >= 3:
        Path(argv[1]).write_text(
            local_nginx(spec, Path(argv[2]).resolve(), argv[3] if len(argv) > 3 else ""), encoding="utf-8"
        )
    elif argv[:1] == ["deploy-files"]:
        for path, text in deploy_files().items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
