#!/bin/sh
# docker-entrypoint-initdb.d hook: pass the passwords from the environment to the SQL.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" \
  -v translate_pub_password="$TRANSLATE_PUB_DB_PASSWORD" \
  -v prefect_password="$PREFECT_DB_PASSWORD" \
  -f /docker-entrypoint-initdb.d/postgres-init.sql.in
