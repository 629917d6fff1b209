# make cluster: several Rasa replicas behind nginx, with PostgreSQL and Redis (README, "Cluster").
# Included by the Makefile.

NGINX_BIN := /usr/sbin/nginx
REDIS_BIN := /usr/bin/redis-server

.PHONY: cluster cluster-bench deploy-files
# nginx and redis-server from Debian, installed only if missing (no system service started).
$(NGINX_BIN) $(REDIS_BIN):
	scripts/cluster/install.sh

cluster: $(RUN_DEPS) $(NGINX_BIN) $(REDIS_BIN)
	scripts/cluster/start.sh

# Throughput through nginx with 1 replica and with 2, same closed-loop load (README, "Cluster").
cluster-bench: $(RUN_DEPS) $(NGINX_BIN) $(REDIS_BIN)
	source scripts/env.sh && $(PY) -m scripts.cluster.bench $(ARGS)

# Regenerate deploy/nginx/nginx.conf from deploy/cluster.yml and the template.
deploy-files: | $(VENV)/.installed
	$(PY) -m scripts.cluster.spec deploy-files

# The failover test (tests/cluster/) needs both.
TEST_DEPS += $(NGINX_BIN) $(REDIS_BIN)
