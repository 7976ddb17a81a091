#!/bin/sh
# Writes the images of the "images" profile to tarballs instead of a Docker daemon, for machines that have neither a
# daemon nor a registry to push to (e.g. a CI runner). Quarkus' Jib extension can only push to a registry or hand the
# image to `docker load`; named as its docker executable, this script takes that hand-over and keeps the image:
#
#   ./mvnw -B package -DskipTests -Dimages \
#       -Dquarkus.jib.docker-executable-name="$PWD/build-config/jib-image-tarball.sh"
#
# Each image lands in $TRESTLE_IMAGE_TARBALL_DIR (default: target/images under the directory Maven runs in) as
# <group>_<name>_<tag>.tar, e.g. trestle_odoo-sink_0.1.0-SNAPSHOT.tar, in `docker save` format: `docker load -i`,
# `podman load -i` or `skopeo copy docker-archive:<file> docker://<registry>/<name>:<tag>` take it from there.
# Jib (0.28, Quarkus 3.33) calls only `info` (for the platform) and `load`; anything else is refused, so a Jib that
# starts to need more fails loudly instead of producing a half image.
set -eu

dir=${TRESTLE_IMAGE_TARBALL_DIR:-$PWD/target/images}

case "${1:-}" in
info)
    printf '{"OSType":"linux","Architecture":"%s"}\n' "$(uname -m)"
    ;;
load)
    mkdir -p "$dir"
    partial=$(mktemp "$dir/.loading.XXXXXX")
    trap 'rm -f "$partial"' EXIT
    cat >"$partial"
    # The image's name is in the tarball's manifest.json: [{"Config":…,"RepoTags":["trestle/odoo-sink:0.1.0"],…}]
    name=$(tar -xOf "$partial" manifest.json | sed -n 's/.*"RepoTags":\["\([^"]*\)".*/\1/p')
    if [ -z "$name" ]; then
        echo "jib-image-tarball.sh: the image Jib handed over names no repository tag in its manifest.json" >&2
        exit 1
    fi
    target="$dir/$(printf '%s' "$name" | tr '/:' '__').tar"
    chmod 0644 "$partial"
    mv "$partial" "$target"
    trap - EXIT
    echo "Loaded image: $name ($target)"
    ;;
*)
    echo "jib-image-tarball.sh: unsupported docker command '$*'; Jib asked for more than info and load" >&2
    exit 1
    ;;
esac
