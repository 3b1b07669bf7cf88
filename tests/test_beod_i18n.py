"""The command line in French (``beod.i18n``, no gettext, no QGIS), chosen by the locale."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beod import errors
from beod.i18n import error_text, language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import translations  # noqa: E402

AOI = "POLYGON ((6.95 43.605, 6.955 43.605, 6.955 43.61, 6.95 43.61, 6.95 43.605))"
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


def beod(*args, env):
    return subprocess.run([sys.executable, "-m", "beod", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def env(emulator):
    values = dict(os.environ, BEOD_SERVER=emulator.api_url, BEOD_EMAIL=emulator.email,
                  BEOD_PASSWORD=emulator.password, PYTHONPATH=str(ROOT), **FRENCH)
    values.pop("http_proxy", None)
    values.pop("HTTP_PROXY", None)
    return values


def test_every_command_line_text_has_a_french_translation():
    missing = translations.missing_cli_translations("fr")
    listed = "\n".join(f"  {text!r} ({', '.join(f'{r}:{n}' for r, n in where[:2])})"
                       for text, where in missing)
    assert not missing, f"{len(missing)} command-line text(s) without French in beod/i18n_fr.py:\n{listed}"
    texts = translations.cli_strings()
    assert errors.AuthenticationError.default_message in texts  # the error classes are read
    assert "Downloading results" in texts  # the progress stages are read
    assert "error: {}" in texts  # the _() calls are read


def test_french_keeps_placeholders():
    table = translations.cli_table("fr")
    wrong = [text for text, french in table.items()
             if text.count("{") != french.count("{") or text.endswith("\n") != french.endswith("\n")]
    assert wrong == []


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "en"),  # LANGUAGE is ignored in the C locale
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:de"}, "fr"),
    ({}, "en"),
])
def test_language_follows_the_locale(environ, expected):
    assert language(environ) == expected


def test_error_messages_in_french():
    french = {"LANG": "fr_FR.UTF-8"}
    assert error_text(errors.InsufficientCreditsError(), french).startswith("Pas assez de crédits")
    failed = errors.ScenarioFailedError(details="No imagery here")
    assert error_text(failed, french) == "L'extraction a échoué sur le serveur : No imagery here"
    own = errors.NetworkError("Sign-in failed: could not reach http://x (ConnectionError).")
    assert error_text(own, french) == (
        "Serveur injoignable : vérifiez le réseau, le proxy et l'adresse du serveur. "
        "(Sign-in failed: could not reach http://x (ConnectionError).)")
    assert error_text(own, {"LANG": "C"}) == str(own)


def test_command_line_speaks_french(env, emulator, tmp_path):
    helped = beod("--help", env=env)
    assert helped.returncode == 0 and "en ligne de commande" in helped.stdout
    assert "codes de sortie" in helped.stdout and "crédits insuffisants" in helped.stdout
    assert helped.stdout.startswith("usage : ") and "afficher cette aide et quitter" in helped.stdout

    wrong = beod("me", env=dict(env, BEOD_PASSWORD="wrong-password-fake"))  # pragma: allowlist secret
    assert wrong.returncode == 3
    assert wrong.stderr.strip().startswith("erreur : Échec de la connexion")

    no_account = beod("me", env=dict(env, BEOD_EMAIL=""))
    assert no_account.returncode == 2
    assert no_account.stderr.strip() == "erreur : pas de compte : donnez --email ou définissez BEOD_EMAIL"

    me = beod("me", env=env)
    assert me.returncode == 0 and "credits: 1000000" in me.stdout  # stdout is the same for scripts

    run = beod("run", "--aoi", AOI, "--out", str(tmp_path / "out"), env=env)
    assert run.returncode == 0, run.stderr
    assert "Téléchargement des résultats : 100 %" in run.stderr and "reprise avec : download" in run.stderr
    assert "project_id: " in run.stdout and "output: " in run.stdout
    assert "Downloading" not in run.stderr and "Following" not in run.stderr


def test_area_messages_follow_the_chosen_language():
    """The plugin sets the client's language to QGIS's; the area checks then explain in French."""
    from beod import i18n
    from beod.aoi import prepare_aoi
    from beod.errors import AoiError

    bowtie = "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"
    try:
        i18n.set_language("fr")
        with pytest.raises(AoiError, match="^Le polygone est invalide .* sans que ses bords se croisent"):
            prepare_aoi(bowtie)
        simplified = prepare_aoi("POLYGON ((0 0, 0.5 0.0001, 1 0, 1 1, 0 1, 0 0))", max_vertices=4)
        assert simplified.notes[0].startswith("Le polygone a été simplifié de 5 à 4 sommets")
        i18n.set_language("en")
        with pytest.raises(AoiError, match="^The polygon is invalid"):
            prepare_aoi(bowtie)
    finally:
        i18n.set_language(None)
