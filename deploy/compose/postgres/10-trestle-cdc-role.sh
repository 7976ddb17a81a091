#!/bin/bash
# The role Trestle's odoo-connector captures Odoo's changes as: it may log in and use logical replication, nothing
# else yet. Odoo has not created its tables at this point, so odoo-setup grants SELECT on the captured ones and creates
# the publication afterwards. PostgreSQL's image runs this once, when it initialises an empty data volume; a changed
# TRESTLE_CDC_PASSWORD therefore needs ALTER ROLE (or a fresh volume: docker compose down -v).
set -euo pipefail

: "${TRESTLE_CDC_USER:?TRESTLE_CDC_USER must name the replication role}"
: "${TRESTLE_CDC_PASSWORD:?TRESTLE_CDC_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set=cdc_user="$TRESTLE_CDC_USER" --set=cdc_password="$TRESTLE_CDC_PASSWORD" <<'SQL'
CREATE ROLE :"cdc_user" WITH LOGIN REPLICATION PASSWORD :'cdc_password';
SQL
echo "trestle: created replication role $TRESTLE_CDC_USER"
