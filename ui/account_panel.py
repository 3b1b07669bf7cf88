"""The Account section of the dock: sign in and out, the user and the credits.

The password only lives in memory for the session, unless "Remember me" is ticked:
then email and password go to the QGIS authentication database (``core.auth``) and
only its configuration id to the settings. Network calls run in the background.
"""

from html import escape
from typing import Optional, Tuple

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.i18n import localized_number, tr
from ..core.settings import DEFAULT_SERVER_URL
from . import master_password
from .background import Calls
from .messages import describe_error

LOG_TAG = "BEOD"


def format_credits(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return localized_number(f"{value:,}".replace(",", " ")) if isinstance(value, (int, float)) else str(value)


class AccountPanel(QObject):
    """Drives the Account widgets of the dock form."""

    signedIn = pyqtSignal(object)  # beod.models.User
    signedOut = pyqtSignal()
    creditsChanged = pyqtSignal(object)  # the new number of credits

    def __init__(self, form, settings, parent=None):
        super().__init__(parent)
        self.form = form
        self.settings = settings
        self.user = None
        self._credentials: Optional[Tuple[str, str]] = None
        self._calls = Calls()
        form.emailEdit.setText(settings.email)
        form.rememberCheck.setChecked(settings.remember_me)
        url = settings.server_url
        form.serverUrlEdit.setText(url)
        form.serverUrlEdit.setPlaceholderText(DEFAULT_SERVER_URL)
        if url != DEFAULT_SERVER_URL:
            form.advancedGroup.setCollapsed(False)
        form.signInButton.clicked.connect(self.sign_in)
        form.passwordEdit.returnPressed.connect(self.sign_in)
        form.signOutButton.clicked.connect(self.sign_out)
        form.refreshCreditsButton.clicked.connect(self.refresh_credits)
        form.resetServerButton.clicked.connect(lambda: form.serverUrlEdit.setText(DEFAULT_SERVER_URL))
        form.serverUrlEdit.editingFinished.connect(self._server_edited)
        self._show_state()

    # -- public ----------------------------------------------------------------------
    @property
    def server_url(self) -> str:
        return (self.form.serverUrlEdit.text().strip() or DEFAULT_SERVER_URL).rstrip("/")

    @property
    def signed_in(self) -> bool:
        return self.user is not None and self._credentials is not None

    @property
    def credentials(self) -> Optional[Tuple[str, str]]:
        """``(email, password)`` of the signed-in user (memory only), or None."""
        return self._credentials if self.user is not None else None

    def make_client(self):
        from ..core.network import make_client

        email, password = self._credentials or (None, None)
        return make_client(self.server_url, email=email, password=password)

    def sign_in(self) -> None:
        """Sign in with the typed email and password (or the remembered ones)."""
        email = self.form.emailEdit.text().strip()
        password = self.form.passwordEdit.text()
        if not password and self.settings.authcfg:
            stored = self._stored_credentials(master_password.SIGN_IN)
            if stored is not None and (not email or stored[0] == email):
                email, password = stored
        if not email or not password:
            self._status(tr("Enter your email and password, then click Sign in."), error=True)
            return
        self._start_sign_in(email, password)

    def auto_sign_in(self) -> bool:
        """Sign in with the remembered credentials, if "Remember me" was ticked."""
        if not (self.settings.remember_me and self.settings.authcfg):
            return False
        stored = self._stored_credentials(master_password.SIGN_IN)
        if stored is None:
            return False
        self.form.emailEdit.setText(stored[0])
        self._start_sign_in(*stored)
        return True

    def sign_out(self) -> None:
        """Forget the session and remove the remembered credentials."""
        from ..core.auth import CredentialsError, remove_credentials

        removed = False
        if self.settings.authcfg:
            try:
                remove_credentials(self.settings.authcfg)
                removed = True
            except CredentialsError as exc:
                self._log(str(exc))
        self.settings.forget_account()
        self.user = None
        self._credentials = None
        self.form.passwordEdit.clear()
        self.form.rememberCheck.setChecked(False)
        self._show_state()
        self._status(tr("Signed out. The remembered password was removed from the QGIS password store.")
                     if removed else tr("Signed out."))
        self.signedOut.emit()

    def refresh_credits(self) -> None:
        if not self.signed_in:
            return
        client = self.make_client()

        def call():
            try:
                client.login()
                return client.me()
            finally:
                client.close()

        self._calls.start(tr("BrightEarth On Demand: credits"), call, self._credits_done)

    def cleanup(self) -> None:
        self._calls.forget_all()

    # -- background results -------------------------------------------------------------
    def _start_sign_in(self, email: str, password: str) -> None:
        self.settings.server_url = self.server_url
        from ..core.network import make_client

        try:
            client = make_client(self.server_url, email=email, password=password)
        except Exception as exc:  # noqa: BLE001 (missing dependency, bad URL: explained)
            self._status(describe_error(exc, self.server_url), error=True)
            return

        def call():
            try:
                user = client.login(email, password)
                try:
                    return client.me()
                except Exception:  # noqa: BLE001 (login already returned the user)
                    return user
            finally:
                client.close()

        self.form.signInButton.setEnabled(False)
        self._status(tr("Signing in to {}…", self.server_url))
        self._calls.start(
            tr("BrightEarth On Demand: sign in"),
            call,
            lambda user, error: self._sign_in_done(email, password, user, error),
        )

    def _sign_in_done(self, email, password, user, error) -> None:
        self.form.signInButton.setEnabled(True)
        if error is not None:
            self.user = None
            self._credentials = None
            self._show_state()
            self._status(describe_error(error, self.server_url), error=True)
            self._log(tr("Sign in failed: {}", type(error).__name__))
            return
        self.user = user
        self._credentials = (email, password)
        self.settings.email = email
        note = self._remember(email, password)
        self.form.passwordEdit.clear()
        self._show_state()
        if note:
            self._status(self.form.accountLabel.text() + "<br>" + escape(note))
        self.signedIn.emit(user)
        self.creditsChanged.emit(getattr(user, "credits", None))

    def _credits_done(self, user, error) -> None:
        if error is not None:
            self._status(describe_error(error, self.server_url), error=True)
            return
        self.user = user
        self._show_state()
        self.creditsChanged.emit(getattr(user, "credits", None))

    # -- helpers ---------------------------------------------------------------------------
    def _remember(self, email: str, password: str) -> str:
        """Store or forget the credentials as "Remember me" says; a note when it could not."""
        from ..core.auth import CredentialsError, remove_credentials, store_credentials

        try:
            if self.form.rememberCheck.isChecked():
                if not master_password.confirm(self.form.rememberCheck.window(), master_password.REMEMBER):
                    self.form.rememberCheck.setChecked(False)
                    self.settings.remember_me = False
                    return tr("Your password was not remembered: you will sign in again next time.")
                self.settings.authcfg = store_credentials(email, password, self.settings.authcfg or None)
                self.settings.remember_me = True
            elif self.settings.authcfg:
                remove_credentials(self.settings.authcfg)
                self.settings.forget_account()
        except CredentialsError as exc:
            self.settings.remember_me = False
            return str(exc)
        return ""

    def _stored_credentials(self, purpose: str = master_password.SIGN_IN):
        from ..core.auth import CredentialsError, load_credentials

        if not master_password.confirm(self.form.accountLabel.window(), purpose):
            self._status(tr("Not signed in: your remembered password stays locked. Enter your password "
                            "and click Sign in."))
            return None
        try:
            return load_credentials(self.settings.authcfg)
        except CredentialsError as exc:
            self._status(str(exc), error=True)
            return None

    def _server_edited(self) -> None:
        if self.user is not None and self.server_url != self.settings.server_url:
            self.user = None
            self._credentials = None
            self._show_state()
            self._status(tr("The server changed: sign in again."))
            self.signedOut.emit()
        self.settings.server_url = self.server_url

    def _show_state(self) -> None:
        signed_in = self.user is not None
        self.form.signInPanel.setVisible(not signed_in)
        self.form.signInButton.setVisible(not signed_in)
        self.form.signOutButton.setVisible(signed_in)
        self.form.refreshCreditsButton.setVisible(signed_in)
        if signed_in:
            email = getattr(self.user, "email", None) or (self._credentials or ("",))[0]
            credits = getattr(self.user, "credits", None)
            text = tr("Signed in as <b>{}</b><br>Credits: <b>{}</b>", escape(email), format_credits(credits))
            if self.server_url != DEFAULT_SERVER_URL:
                text += "<br>" + tr("Server: {}", escape(self.server_url))
            self._status(text)
        else:
            self._status(tr("Not signed in."))

    def _status(self, text: str, error: bool = False) -> None:
        label = self.form.accountLabel
        label.setStyleSheet("color: #b00020;" if error else "")
        label.setText(text)

    def _log(self, text: str) -> None:
        QgsMessageLog.logMessage(text, LOG_TAG, Qgis.MessageLevel.Warning)
