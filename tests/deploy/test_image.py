"""The container image definition, its nginx.conf and the Deployment agree on paths, port and user
(no container engine runs here, so these are read from the files)."""

from __future__ import annotations

import re

import pytest

from tests.deploy.manifests import BASE, DEPLOY, load_yaml

CONTAINERFILE = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
NGINX_CONF = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
CONTAINER = load_yaml(BASE / "deployment.yaml")["spec"]["template"]["spec"]["containers"][0]
POD = load_yaml(BASE / "deployment.yaml")["spec"]["template"]["spec"]


def directives(name: str) -> list[str]:
    """Return the arguments of every nginx.conf directive of that name."""
    return re.findall(rf"^\s*{name}\s+([^;]+);", NGINX_CONF, re.M)


def test_the_image_installs_the_files_nginx_conf_includes() -> None:
    includes = directives("include")
    assert includes == ["/etc/nginx/site/http.conf", "/etc/nginx/site/server.conf"]
    assert "COPY deploy/nginx/http.conf deploy/nginx/server.conf /etc/nginx/site/" in CONTAINERFILE
    assert "COPY deploy/nginx.conf /etc/nginx/nginx.conf" in CONTAINERFILE


def test_the_image_puts_the_site_where_nginx_serves_it() -> None:
    (root,) = directives("root")
    assert f"/src/site/ {root}/" in CONTAINERFILE


def test_port_agrees_between_nginx_image_and_deployment() -> None:
    assert directives("listen") == ["8080 default_server"]
    assert "EXPOSE 8080" in CONTAINERFILE
    assert CONTAINER["ports"][0]["containerPort"] == 8080


def test_user_agrees_between_image_and_deployment() -> None:
    assert "USER 101:101" in CONTAINERFILE
    assert (POD["securityContext"]["runAsUser"], POD["securityContext"]["runAsGroup"]) == (101, 101)


@pytest.mark.parametrize(
    "directive",
    ["pid", "client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"],
    ids=["writes its pid file", "buffers request bodies", "would buffer proxied responses", "would buffer FastCGI", "would buffer uwsgi", "would buffer SCGI"],
)
def test_nginx_writes_only_to_the_emptydir(directive: str) -> None:
    (path,) = directives(directive)
    mount = CONTAINER["volumeMounts"][0]["mountPath"]
    assert path.startswith(mount + "/")


def test_the_image_runs_nginx_without_a_shell() -> None:
    assert 'ENTRYPOINT ["nginx"]' in CONTAINERFILE
    assert directives("daemon") == ["off"]
    # Exec form only: a shell-form RUN/CMD/ENTRYPOINT in the final stage would need /bin/sh.
    final_stage = CONTAINERFILE.split("FROM ")[-1]
    assert [line for line in final_stage.splitlines() if re.match(r"(RUN|CMD|ENTRYPOINT) [^\[]", line)] == []


def test_the_build_stage_uses_the_projects_build_command() -> None:
    assert "RUN make build" in CONTAINERFILE
