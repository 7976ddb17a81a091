#!/bin/bash
# odoo-setup (docker-compose.yml): creates Odoo's database when missing and installs the modules Trestle uses, then
# runs provision.py inside Odoo. Runs in the official Odoo image, whose own entrypoint passes HOST, USER and PASSWORD
# to Odoo; this script is started instead of it and does the same. Installing is skipped for modules already installed,
# so running it at every "up" costs seconds after the first time (which takes a few minutes).
set -euo pipefail

: "${ODOO_DATABASE:?}" "${ODOO_MODULES:?}"
db_args=(--db_host "${HOST:?}" --db_port "${PORT:-5432}" --db_user "${USER:?}" --db_password "${PASSWORD:?}")

echo "odoo-setup: database $ODOO_DATABASE, modules $ODOO_MODULES (without demo data)"
odoo "${db_args[@]}" -d "$ODOO_DATABASE" -i "$ODOO_MODULES" --without-demo=all --stop-after-init --no-http

echo "odoo-setup: provisioning (admin password, integration user, accounts, CDC grants and publication)"
odoo shell "${db_args[@]}" -d "$ODOO_DATABASE" --no-http </opt/trestle/provision.py
echo "odoo-setup: done"
