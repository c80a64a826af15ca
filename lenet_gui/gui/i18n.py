"""The interface language: which one to use, Qt translators for it, and translated words the core hands over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from lenet_gui.core.paths import resource_path

if TYPE_CHECKING:
    from lenet_gui.core.weights import LoadedWeights

DEFAULT_LANGUAGE = "en"
# Language code -> its name in that language (shown untranslated in the Language menu).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_TRANSLATORS_PROPERTY = "_lenet_translators"


class Retranslating:
    """A mixin for widgets that set their texts in ``retranslate()``: Qt's LanguageChange (a translator installed or
    removed) calls it, so the widget speaks the new language at once. List it before the Qt class."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def normalize_language(name: str | None) -> str | None:
    """A code of :data:`LANGUAGES` for names like "zh_CN", "zh-cn", "zh", "en_US"; None when unknown or empty."""
    if not name:
        return None
    lowered = name.replace("-", "_").lower()
    if lowered.startswith("zh"):
        return "zh_CN"
    if lowered.startswith("en"):
        return "en"
    return None


def system_language() -> str:
    """Chinese when the system locale is Chinese, otherwise English."""
    return normalize_language(QLocale.system().name()) or DEFAULT_LANGUAGE


def choose_language(requested: str | None, saved: str | None) -> str:
    """The language to start in: ``requested`` (--lang), else ``saved`` (chosen in the menu), else the system's."""
    return normalize_language(requested) or normalize_language(saved) or system_language()


def translation_file(language: str) -> str:
    """Path of the app's compiled translation (.qm) for ``language``."""
    return str(resource_path("i18n", f"lenet_gui_{language}.qm"))


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own translations for ``language`` into ``app`` (replacing earlier ones).

    English needs none. Returns the translators installed; a missing file leaves that part in English.
    """
    remove_translators(app)
    installed: list[QTranslator] = []
    if language != DEFAULT_LANGUAGE:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for path in (translation_file(language), f"{qt_folder}/qtbase_{language}.qm"):
            translator = QTranslator(app)
            if translator.load(path) and app.installTranslator(translator):
                installed.append(translator)
    app.setProperty(_TRANSLATORS_PROPERTY, installed)  # keeps them alive as long as the app
    app.setProperty("lang", language)
    return installed


def remove_translators(app: QCoreApplication) -> None:
    """Take out the translators :func:`install_translators` put in; the interface is English again."""
    for translator in app.property(_TRANSLATORS_PROPERTY) or []:
        app.removeTranslator(translator)
    app.setProperty(_TRANSLATORS_PROPERTY, [])
    app.setProperty("lang", DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language the running app was started in."""
    app = QCoreApplication.instance()
    return normalize_language(app.property("lang") if app else None) or DEFAULT_LANGUAGE


def weights_description(weights: LoadedWeights) -> str:
    """How the interface names a set of weights: bundled, retrained on DATE, or the file name."""
    if weights.source == "bundled":
        return QCoreApplication.translate("Words", "bundled")
    if weights.source == "user" and weights.meta.imported:
        name = weights.meta.imported.get("file", "?")
        return QCoreApplication.translate("Words", "your imported {name}").format(name=name)
    if weights.source == "user":
        return QCoreApplication.translate("Words", "retrained on {date}").format(date=weights.meta.date[:10])
    return weights.path.name


def variant_description(variant: str) -> str:
    """What a variant's C5 layer is, in the interface language."""
    if variant == "conv":
        return QCoreApplication.translate("Words", "C5 as a 5x5 convolution, 16@5x5 -> 120@1x1")
    return QCoreApplication.translate("Words", "C5 as a fully connected layer, 400 -> 120")
