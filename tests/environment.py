"""The project's folder, the environment production gives the site, and a fresh Python
process run with exactly the environment a test chooses."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#Lq9@vR2!mZp4$Wt8^Ne6&Jy3*Hb5(Kd1)Fg0-Sc+Uh=Ao~Bi|Ce;Dj:Ek<Fl>Gm?",
    "ALLOWED_HOSTS": "kindercommunities.example.org",
    "BASE_URL": "https://kindercommunities.example.org",
}


def run(code_or_args, env):
    """Run Python in a fresh process with exactly the given environment."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env={**base, "DJANGO_SETTINGS_MODULE": "kindness.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
