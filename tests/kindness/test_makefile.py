"""The Makefile's tool targets work from any starting point: nothing installed, everything
installed, or part of it. Each runs its real recipe in a sandbox: a PATH holding only the
commands the recipes use, a fake `apt-get` that records what it was asked for (it installs
nothing, like one without a network), and the paths the targets check pointed into a
temporary folder through the Makefile's variables."""

import os
import shutil
import subprocess

import pytest

from tests.environment import PROJECT

MAKE = shutil.which("make")
MAKEFILE = PROJECT / "Makefile"
NGINX_MODULES = ("ngx_http_cache_purge_module.so", "ngx_http_brotli_static_module.so")


def executable(path, script="#!/bin/sh\nexit 0\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script)
    path.chmod(0o755)
    return path


class Sandbox:
    def __init__(self, root):
        self.root = root
        self.bin = root / "bin"
        self.bin.mkdir()
        for tool in ("grep", "touch", "cat", "mkdir"):
            (self.bin / tool).symlink_to(shutil.which(tool))
        # Root, with apt-get: the targets try to install what is missing.
        executable(self.bin / "id", "#!/bin/sh\necho 0\n")
        self.apt_log = root / "apt-get.log"
        executable(self.bin / "apt-get", f'#!/bin/sh\necho "$*" >> {self.apt_log}\nexit 100\n')
        self.variables = {
            "LDCONFIG": str(root / "absent" / "ldconfig"),
            "DEJAVU_FONT": str(root / "absent" / "DejaVuSans.ttf"),
            "CHROMIUM": str(root / "absent" / "chromium"),
            "TESSERACT": str(root / "absent" / "tesseract"),
            "NGINX": str(root / "absent" / "nginx"),
            "NGINX_MODULES_DIR": str(root / "absent" / "modules"),
        }

    def install(self, tool, script="#!/bin/sh\nexit 0\n"):
        return executable(self.bin / tool, script)

    def apt_calls(self):
        return self.apt_log.read_text().splitlines() if self.apt_log.exists() else []

    def apt_asked_for(self):
        return " ".join(self.apt_calls()).split()

    def make(self, target, cwd=None):
        result = subprocess.run(
            [MAKE, "-f", str(MAKEFILE), "--no-print-directory", target]
            + [f"{name}={value}" for name, value in self.variables.items()],
            cwd=cwd or self.root,
            env={"PATH": str(self.bin), "HOME": str(self.root)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.returncode, result.stdout + result.stderr


@pytest.fixture
def sandbox(tmp_path):
    return Sandbox(tmp_path)


def nginx_installed(sandbox, modules=NGINX_MODULES):
    nginx = executable(sandbox.root / "nginx")
    folder = sandbox.root / "modules"
    folder.mkdir()
    for module in modules:
        (folder / module).touch()
    sandbox.variables |= {"NGINX": str(nginx), "NGINX_MODULES_DIR": str(folder)}


@pytest.mark.parametrize(
    "modules", [(), NGINX_MODULES[:1], NGINX_MODULES[1:]], ids=["no module", "one", "other"]
)
def test_nginx_without_its_modules_tries_to_install_them_then_warns(sandbox, modules):
    nginx_installed(sandbox, modules)
    status, output = sandbox.make("nginx")
    assert status == 0, output
    assert "libnginx-mod-http-cache-purge" in sandbox.apt_asked_for()
    assert "!! nginx or its modules are missing" in output


def test_nginx_missing_altogether_warns(sandbox):
    status, output = sandbox.make("nginx")
    assert status == 0, output
    assert "nginx" in sandbox.apt_asked_for()
    assert "!! nginx or its modules are missing" in output


def test_nginx_with_its_modules_is_left_alone(sandbox):
    nginx_installed(sandbox)
    assert sandbox.make("nginx") == (0, "")
    assert sandbox.apt_asked_for() == []


def test_chromium_missing_warns_and_present_is_left_alone(sandbox):
    status, output = sandbox.make("chromium")
    assert status == 0, output
    assert "chromium" in sandbox.apt_asked_for()
    assert "!! Chromium is missing" in output

    sandbox.variables["CHROMIUM"] = str(executable(sandbox.root / "chromium"))
    assert sandbox.make("chromium") == (0, "")


def test_tesseract_missing_warns_and_present_is_left_alone(sandbox):
    status, output = sandbox.make("tesseract")
    assert status == 0, output
    assert "tesseract-ocr" in sandbox.apt_asked_for()
    assert "!! Tesseract is missing" in output

    sandbox.variables["TESSERACT"] = str(executable(sandbox.root / "tesseract"))
    assert sandbox.make("tesseract") == (0, "")


@pytest.mark.parametrize(("has_pango", "has_font"), [(False, False), (True, False), (False, True)])
def test_pdf_libraries_missing_in_part_warn(sandbox, has_pango, has_font):
    libraries = "libpangoft2-1.0.so.0 (libc6,x86-64) => /lib/libpangoft2-1.0.so.0" * has_pango
    sandbox.variables["LDCONFIG"] = str(
        executable(sandbox.root / "ldconfig", f"#!/bin/sh\necho '{libraries}'\n")
    )
    if has_font:
        (sandbox.root / "font.ttf").touch()
        sandbox.variables["DEJAVU_FONT"] = str(sandbox.root / "font.ttf")
    status, output = sandbox.make("pdf-libs")
    assert status == 0, output
    assert "fonts-dejavu-core" in sandbox.apt_asked_for()
    assert "!! Pango or the DejaVu fonts are missing" in output


def test_pdf_libraries_present_are_left_alone(sandbox):
    sandbox.variables["LDCONFIG"] = str(
        executable(sandbox.root / "ldconfig", "#!/bin/sh\necho libpangoft2-1.0.so.0\n")
    )
    (sandbox.root / "font.ttf").touch()
    sandbox.variables["DEJAVU_FONT"] = str(sandbox.root / "font.ttf")
    assert sandbox.make("pdf-libs") == (0, "")


@pytest.fixture
def node_project(sandbox):
    """A folder with the project's package files, where `npm ci` would make node_modules."""
    folder = sandbox.root / "project"
    folder.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PROJECT / name, folder / name)
    return folder


FAKE_NPM = (
    '#!/bin/sh\necho "$*" > npm.log\nmkdir -p node_modules && : > node_modules/.package-lock.json\n'
)


def test_quality_tools_with_npm_but_without_java_installs_the_packages_and_warns(
    sandbox, node_project
):
    sandbox.install("npm", FAKE_NPM)
    status, output = sandbox.make("quality-tools", cwd=node_project)
    assert status == 0, output
    assert (node_project / "npm.log").read_text().startswith("ci --ignore-scripts")
    assert sandbox.apt_calls() == ["install -y -q default-jre-headless", "update -q"]
    assert "!! Java is missing" in output
    assert "!! npm" not in output


def test_quality_tools_without_npm_or_java_warn_about_both(sandbox, node_project):
    status, output = sandbox.make("quality-tools", cwd=node_project)
    assert status == 0, output
    assert "!! npm is missing" in output
    assert "!! Java is missing" in output


def test_quality_tools_installed_are_left_alone(sandbox, node_project):
    sandbox.install("npm", FAKE_NPM)
    sandbox.install("java")
    assert sandbox.make("quality-tools", cwd=node_project) == (0, "")
    os.remove(node_project / "npm.log")
    # Nothing changed since: npm is not run again.
    assert sandbox.make("quality-tools", cwd=node_project) == (0, "")
    assert not (node_project / "npm.log").exists()
    assert sandbox.apt_asked_for() == []


@pytest.fixture
def venv_project(sandbox):
    """A folder with the project's requirements and a virtualenv whose pip records what it
    installs."""
    folder = sandbox.root / "project"
    folder.mkdir()
    for name in ("requirements.txt", "requirements-dev.txt"):
        shutil.copy(PROJECT / name, folder / name)
    executable(folder / ".venv/bin/python")
    executable(folder / ".venv/bin/pip", '#!/bin/sh\necho "$*" >> pip.log\n')
    return folder


def stamp(folder, name, age):
    path = folder / ".venv" / name
    path.touch()
    mtime = (folder / "requirements.txt").stat().st_mtime + age
    os.utime(path, (mtime, mtime))


def pip_installed(folder):
    log = folder / "pip.log"
    return log.read_text().splitlines() if log.exists() else []


def test_a_virtualenv_from_an_older_requirements_file_is_brought_up_to_date(sandbox, venv_project):
    # Made before the requirements last changed.
    stamp(venv_project, ".installed", age=-60)
    status, output = sandbox.make("install", cwd=venv_project)
    assert status == 0, output
    assert pip_installed(venv_project) == ["install --quiet -r requirements.txt"]

    # And then it is up to date: pip is not run again.
    (venv_project / "pip.log").unlink()
    assert sandbox.make("install", cwd=venv_project)[0] == 0
    assert pip_installed(venv_project) == []


def test_a_development_virtualenv_from_older_requirements_is_brought_up_to_date(
    sandbox, venv_project
):
    stamp(venv_project, ".installed", age=60)
    stamp(venv_project, ".installed-dev", age=-60)
    status, output = sandbox.make("install-dev", cwd=venv_project)
    assert status == 0, output
    assert pip_installed(venv_project) == ["install --quiet -r requirements-dev.txt"]


def test_on_a_machine_without_package_lists_apt_get_fetches_them_and_installs(sandbox):
    lists = sandbox.root / "package-lists"
    # Like Debian's: `install` knows no package until `update` has fetched the lists.
    sandbox.install(
        "apt-get",
        f'#!/bin/sh\necho "$*" >> {sandbox.apt_log}\n'
        f'if [ "$1" = update ]; then : > {lists}; exit 0; fi\n'
        f"test -f {lists} || exit 100\n",
    )
    status, output = sandbox.make("chromium")
    assert status == 0, output
    assert sandbox.apt_calls() == ["install -y -q chromium", "update -q", "install -y -q chromium"]
    assert "!!" not in output
